// GET /ui: the trace explorer's single page. Everything it loads comes from this server, and the
// Content-Security-Policy forbids any other origin, so the page cannot reach a CDN (or anything
// but this server) even by accident. Pages are hash routes (#/session/<id>), so one HTML serves all.
import type { ServerResponse } from 'node:http';

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>ClawTrace</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="icon" href="/favicon.ico" type="image/svg+xml" />
  <link rel="stylesheet" href="/ui/assets/style.css" />
</head>
<body>
  <div id="app"><p class="boot">Loading the ClawTrace explorer…</p></div>
  <script src="/ui/assets/react.production.min.js"></script>
  <script src="/ui/assets/react-dom.production.min.js"></script>
  <script type="module" src="/ui/assets/main.js"></script>
</body>
</html>
`;

/** No inline script or style: React sets styles through the CSSOM, which style-src does not govern. */
export const UI_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function serveUiPage(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(PAGE),
    'content-security-policy': UI_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  res.end(PAGE);
}
