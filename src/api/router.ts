// A minimal method + path router over node:http. Handlers throw HttpError for client mistakes;
// anything else becomes a 500 (or a 503 with Retry-After when Neo4j is unreachable) without
// leaking internals.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isGraphUnavailable } from '../graph/driver.ts';
import { HttpError, sendError } from './http.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface Route {
  method: string | string[];
  /** Exact path, or a RegExp tested against the path. */
  path: string | RegExp;
  handler: Handler;
}

function parseTarget(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request target is not a valid URL');
  }
}

export function route(routes: Route[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    let url = new URL('/', 'http://localhost');
    try {
      // Inside the try: a request target that is no URL (`//[`) is the client's mistake, a 400.
      url = parseTarget(req.url);
      const matches = routes.filter((r) => (typeof r.path === 'string' ? r.path === url.pathname : r.path.test(url.pathname)));
      const match = matches.find((r) => (Array.isArray(r.method) ? r.method.includes(method) : r.method === method));
      if (!match) {
        if (matches.length > 0) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}`);
        throw new HttpError(404, 'NOT_FOUND', `No route for ${method} ${url.pathname}`);
      }
      await match.handler(req, res, url);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) return sendError(res, error);
      if (isGraphUnavailable(error)) {
        return sendError(res, new HttpError(503, 'UNAVAILABLE', 'The graph database is unreachable; retry later', { 'retry-after': '5' }));
      }
      console.error(`[http] ${method} ${url.pathname} failed:`, error);
      sendError(res, new HttpError(500, 'INTERNAL', 'Internal error; see the server log'));
    }
  };
}
