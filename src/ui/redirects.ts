// Addresses that lead into the explorer: `/` (what people type first) goes to /ui, and readable
// paths (/ui/sessions/<id>, /ui/sessions/<id>/card) go to the page's hash route for them, so a
// TraceCard or a session can be linked to with a plain path. The page routes by hash (one HTML
// serves every view), so these are redirects, not pages.
import type { ServerResponse } from 'node:http';
import { HttpError } from '../api/http.ts';

export const SESSION_PATH = /^\/ui\/sessions\/([^/]+)(\/card)?\/?$/;

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'content-length': 0, 'cache-control': 'no-cache' });
  res.end();
}

/** /ui/sessions/<id>[/card] → /ui#/session/<id>[/card] (the id stays percent-encoded). */
export function sessionRedirect(pathname: string, res: ServerResponse): void {
  const match = SESSION_PATH.exec(pathname);
  if (!match) throw new HttpError(404, 'NOT_FOUND', `No route for GET ${pathname}`);
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The session id in the path is not valid percent-encoding');
  }
  redirect(res, `/ui#/session/${encodeURIComponent(id)}${match[2] ? '/card' : ''}`);
}
