// What the CLI asks the running engine rather than the graph: webhooks (created and listed through
// GraphQL, where their checks live) and the live alert stream. The engine's address is the one the
// explorer links use (CLAWTRACE_HOST / CLAWTRACE_PORT); CLAWTRACE_API_KEY, when set, is sent as the
// bearer key, so the project is the key's (local mode: `local`). Failures are EngineError with a
// message that says what to do: start the engine, set a key, or update an engine that lacks a field.
import { readEnv } from '../config.ts';
import { engineBaseUrl } from './explorer-link.ts';

export class EngineError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface Engine {
  base: string;
  headers: Record<string, string>;
}

export function engineFromEnv(): Engine {
  const env = readEnv();
  return { base: engineBaseUrl(env), headers: env.CLAWTRACE_API_KEY ? { authorization: `Bearer ${env.CLAWTRACE_API_KEY}` } : {} };
}

export const notRunning = (base: string) => `no engine answers at ${base}: start it with npm start (or set CLAWTRACE_HOST / CLAWTRACE_PORT)`;

export function refused(base: string, status: number): string {
  return `the engine at ${base} refused the request (HTTP ${status}): set CLAWTRACE_API_KEY to an API key of the project (clawtrace keys create --project NAME)`;
}

/** GraphQL's "Cannot query field" / unknown-argument errors name what this engine lacks. */
export function missingField(message: string): string | null {
  const match = /Cannot query field "(\w+)" on type "(\w+)"/.exec(message) ?? /Unknown type "(\w+)"/.exec(message);
  return match ? match[1]! : null;
}

export async function engineGraphql<T>(engine: Engine, query: string, variables: Record<string, unknown> = {}, feature = 'this'): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${engine.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...engine.headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new EngineError(notRunning(engine.base));
  }
  if (response.status === 401 || response.status === 403) throw new EngineError(refused(engine.base, response.status));
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null;
  const errors = body?.errors ?? [];
  if (errors.length > 0) {
    const missing = errors.map((e) => missingField(e.message)).find((f) => f !== null);
    if (missing) {
      throw new EngineError(`the engine at ${engine.base} has no ${missing} in its GraphQL API, so ${feature} is not available there: update and restart the engine`);
    }
    if (errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) throw new EngineError(refused(engine.base, response.status));
    const notFound = errors.every((e) => e.extensions?.code === 'NOT_FOUND');
    throw new EngineError(errors.map((e) => e.message).join('; '), notFound ? 1 : 2);
  }
  if (!response.ok || !body?.data) throw new EngineError(`the engine at ${engine.base} answered HTTP ${response.status}`);
  return body.data;
}
