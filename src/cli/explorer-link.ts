// Links from the terminal into the trace explorer: the engine's configured host and port
// (CLAWTRACE_HOST / CLAWTRACE_PORT, src/config.ts) and the explorer's hash routes
// (`/ui/#/session/<id>`, src/ui/static/router.js). The CLI talks to Neo4j, not to the engine, so
// whether the engine is up is asked separately (GET /healthz), to say "start it with npm start".
import type { Env } from '../config.ts';

/** The address a browser on this machine uses: a wildcard bind is reached through loopback. */
export function engineBaseUrl(env: Pick<Env, 'CLAWTRACE_HOST' | 'CLAWTRACE_PORT'>): string {
  const host = env.CLAWTRACE_HOST;
  const reachable = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${env.CLAWTRACE_PORT}`;
}

/** `<base>/ui/#/session/<id>`; colons stay readable (they are allowed in a URL fragment). */
export function sessionUrl(base: string, sessionId: string): string {
  return `${base}/ui/#/session/${encodeURIComponent(sessionId).replace(/%3A/gi, ':')}`;
}

export function explorerUrl(base: string): string {
  return `${base}/ui`;
}

/** Whether an engine answers at `base` (GET /healthz) within `timeoutMs`. */
export async function engineAnswers(base: string, timeoutMs = 500): Promise<boolean> {
  try {
    const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
