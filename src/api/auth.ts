// Who is calling: the project comes from the API key (`Authorization: Bearer <key>`), never from
// the request body or URL. Without any key configured the server runs in local mode (one project,
// `local`) but only on a loopback address; bound anywhere else it refuses to start.
import type { IncomingMessage } from 'node:http';
import type { Graph } from '../graph/driver.ts';
import { anyApiKeyExists, hashApiKey, projectForKey } from '../graph/api-keys.ts';
import { LOCAL_PROJECT } from './context.ts';
import { HttpError } from './http.ts';

export class AuthSetupError extends Error {}

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1']);

export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127(\.\d{1,3}){3}$/.test(h) || h.endsWith('.localhost');
}

/** The host name of a Host header (`name:port`, `[v6]:port`), without the port. */
function hostName(header: string): string {
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  return header.split(':')[0] ?? header;
}

/** How long a checked key is trusted without asking Neo4j again: a revoked key works this much longer. */
export const KEY_CACHE_MS = 30_000;
const KEY_CACHE_SIZE = 1000;
/** In local mode, how often to look again whether someone created a key meanwhile. */
export const LOCAL_RECHECK_MS = 1000;

function unauthenticated(message: string): HttpError {
  return new HttpError(401, 'UNAUTHENTICATED', message, { 'www-authenticate': 'Bearer realm="clawtrace"' });
}

export type ProjectResolver = (req: IncomingMessage) => Promise<string>;

/**
 * Builds `projectFor(req)`. Throws AuthSetupError when `host` is not loopback and no key exists.
 * Once a key exists, local mode ends for good (also for a server started in local mode).
 */
export async function createProjectResolver(
  graph: Graph,
  host: string,
  // Whether any key exists is a database-wide fact; tests that share a database substitute it.
  anyKeyExists: () => Promise<boolean> = () => anyApiKeyExists(graph),
): Promise<ProjectResolver> {
  let keysExist = await anyKeyExists();
  if (!keysExist && !isLoopback(host)) {
    throw new AuthSetupError(
      `Refusing to listen on ${host} without API keys: anyone who can reach it could read and change every trace. ` +
        'Create a key first (clawtrace keys create --project NAME), or bind to 127.0.0.1 (CLAWTRACE_HOST) for local mode.',
    );
  }
  let checkedAt = Date.now();
  const cache = new Map<string, { projectId: string; until: number }>();

  async function localMode(): Promise<boolean> {
    if (keysExist) return false;
    if (Date.now() - checkedAt >= LOCAL_RECHECK_MS) {
      keysExist = await anyKeyExists();
      checkedAt = Date.now();
    }
    return !keysExist;
  }

  async function lookup(key: string): Promise<string | null> {
    const hash = hashApiKey(key);
    const hit = cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.projectId;
    const projectId = await projectForKey(graph, key);
    if (projectId === null) return null;
    if (cache.size >= KEY_CACHE_SIZE) cache.clear();
    cache.set(hash, { projectId, until: Date.now() + KEY_CACHE_MS });
    keysExist = true;
    return projectId;
  }

  return async (req) => {
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <API key>"');
      const projectId = await lookup(match[1]!);
      if (projectId === null) throw unauthenticated('Unknown API key');
      return projectId;
    }
    if (!(await localMode())) {
      throw unauthenticated('Missing API key: send "Authorization: Bearer <key>" (create one with clawtrace keys create --project NAME)');
    }
    // Local mode trusts loopback callers. A web page could still reach 127.0.0.1 through a
    // rebound DNS name; its requests carry that name in Host, so only loopback names are served.
    const hostHeader = req.headers.host;
    if (hostHeader && !isLoopback(hostName(hostHeader))) {
      throw new HttpError(403, 'FORBIDDEN', `Local mode answers only requests addressed to a loopback name, not "${hostHeader}"`);
    }
    return LOCAL_PROJECT;
  };
}
