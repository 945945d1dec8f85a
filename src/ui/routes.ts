// Routes of the trace explorer: the page at /ui (and /ui/), its assets under /ui/assets/, its icon,
// and the addresses that lead into it (`/`, /ui/sessions/<id>[/card]: redirects.ts). The page
// reads data through POST /graphql like any other client; no UI-specific data endpoints.
import type { Route } from '../api/router.ts';
import { serveUiAsset } from './assets.ts';
import { serveFavicon } from './favicon.ts';
import { serveUiPage } from './page.ts';
import { redirect, SESSION_PATH, sessionRedirect } from './redirects.ts';

export function uiRoutes(): Route[] {
  return [
    { method: 'GET', path: '/', handler: (_req, res) => redirect(res, '/ui') },
    { method: 'GET', path: '/favicon.ico', handler: (_req, res) => serveFavicon(res) },
    { method: 'GET', path: /^\/ui\/?$/, handler: (_req, res) => serveUiPage(res) },
    { method: 'GET', path: SESSION_PATH, handler: (_req, res, url) => sessionRedirect(url.pathname, res) },
    { method: 'GET', path: /^\/ui\/assets\/[\w.-]+$/, handler: (_req, res, url) => serveUiAsset(url.pathname.slice('/ui/assets/'.length), res) },
  ];
}
