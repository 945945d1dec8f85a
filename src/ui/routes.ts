// Routes of the trace explorer: the page at /ui (and /ui/), its assets under /ui/assets/. The page
// reads data through POST /graphql like any other client; no UI-specific data endpoints.
import type { Route } from '../api/router.ts';
import { serveUiAsset } from './assets.ts';
import { serveUiPage } from './page.ts';

export function uiRoutes(): Route[] {
  return [
    { method: 'GET', path: /^\/ui\/?$/, handler: (_req, res) => serveUiPage(res) },
    { method: 'GET', path: /^\/ui\/assets\/[\w.-]+$/, handler: (_req, res, url) => serveUiAsset(url.pathname.slice('/ui/assets/'.length), res) },
  ];
}
