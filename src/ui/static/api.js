// The explorer's only data source: POST /graphql on this server, with the API key (if the user
// gave one; local mode needs none). useGql runs a query when its inputs change and ignores answers
// to requests that a newer one superseded.
import { useEffect, useState } from './react.js';

const KEY_STORAGE = 'clawtrace.apiKey';

export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

export const apiKey = {
  get: () => window.sessionStorage.getItem(KEY_STORAGE) ?? '',
  set: (key) => (key ? window.sessionStorage.setItem(KEY_STORAGE, key) : window.sessionStorage.removeItem(KEY_STORAGE)),
};

export async function gql(query, variables = {}) {
  const headers = { 'content-type': 'application/json' };
  const key = apiKey.get();
  if (key) headers.authorization = `Bearer ${key}`;
  let res;
  try {
    res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('NETWORK', 'The ClawTrace server did not answer; is it still running?');
  }
  const body = await res.json().catch(() => null);
  const first = body?.errors?.[0];
  if (first) throw new ApiError(first.extensions?.code ?? `HTTP_${res.status}`, body.errors.map((e) => e.message).join('; '));
  if (!res.ok || !body?.data) throw new ApiError(`HTTP_${res.status}`, `The server answered HTTP ${res.status}`);
  return body.data;
}

/** { data, error, loading } of a query; `deps` (a string) decides when it runs again. */
export function useGql(query, variables, deps, enabled = true) {
  const [state, setState] = useState({ data: null, error: null, loading: enabled });
  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    setState((s) => ({ data: s.data, error: null, loading: true }));
    gql(query, variables).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error) => current && setState({ data: null, error, loading: false }),
    );
    return () => {
      current = false;
    };
    // The caller states the dependencies as one string (variables are a fresh object each render).
  }, [deps, enabled]);
  return state;
}
