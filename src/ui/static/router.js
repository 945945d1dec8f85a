// Hash routes (#/session/<id>?span=<id>): one HTML page serves every view, and links work without
// any server-side routing. The route is { path: ['session', id], query: URLSearchParams }.
import { useEffect, useMemo, useState } from './react.js';

export function parseHash(hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const path = pathPart.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  return { path, query: new URLSearchParams(queryPart) };
}

/** '#/session/<id>?span=…' from parts; empty query values are left out. */
export function href(parts, query = {}) {
  const path = parts.map((p) => encodeURIComponent(p)).join('/');
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const qs = q.toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

export const sessionHref = (id, spanId) => href(['session', id], { span: spanId });
/** The session's TraceCard page (the server also redirects /ui/sessions/<id>/card here). */
export const cardHref = (id) => href(['session', id, 'card']);
export const spanHref = (id) => href(['span', id]);

// 'hashchange' arrives a task later; a controlled input (a checkbox bound to the URL) would snap
// back in between. So navigate() also tells the app at once, inside the same event.
const listeners = new Set();

export function navigate(to, { replace = false } = {}) {
  if (replace) window.location.replace(to);
  else window.location.hash = to.replace(/^#/, '');
  for (const listener of listeners) listener();
}

export function useRoute() {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    listeners.add(onChange);
    window.addEventListener('hashchange', onChange);
    return () => {
      listeners.delete(onChange);
      window.removeEventListener('hashchange', onChange);
    };
  }, []);
  return useMemo(() => parseHash(hash), [hash]);
}
