// GET /graphql from a browser: the GraphiQL playground, entirely served by this server. The
// Content-Security-Policy forbids any request to another origin, so the page cannot reach a CDN
// even by accident.
import type { ServerResponse } from 'node:http';

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>ClawTrace GraphQL</title>
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <link rel="stylesheet" href="/graphql/assets/graphiql.min.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading the ClawTrace playground…</div>
  <script src="/graphql/assets/react.production.min.js"></script>
  <script src="/graphql/assets/react-dom.production.min.js"></script>
  <script src="/graphql/assets/graphiql.min.js"></script>
  <script src="/graphql/assets/init.js"></script>
</body>
</html>
`;

export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
].join('; ');

/** True when the request is a browser navigation (wants HTML), not a GraphQL GET query. */
export function wantsPlayground(accept: string | undefined, url: URL): boolean {
  return !url.searchParams.has('query') && (accept ?? '').includes('text/html');
}

export function servePlayground(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(PAGE),
    'content-security-policy': PLAYGROUND_CSP,
    'x-content-type-options': 'nosniff',
  });
  res.end(PAGE);
}
