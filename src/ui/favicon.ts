// The explorer's icon, served at /favicon.ico (browsers ask for it on every page load; a 404 there
// is noise in every log and console). An SVG: a few hundred bytes, sharp at any size.
import type { ServerResponse } from 'node:http';

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="7" fill="#1f2937"/>
<path d="M7 9h13M7 16h8M12 23h13" stroke="#60a5fa" stroke-width="3.2" stroke-linecap="round"/>
<circle cx="24" cy="9" r="2.6" fill="#f59e0b"/><circle cx="19" cy="16" r="2.6" fill="#34d399"/>
</svg>
`;

export function serveFavicon(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'image/svg+xml',
    'content-length': Buffer.byteLength(ICON),
    'cache-control': 'public, max-age=86400',
    'x-content-type-options': 'nosniff',
  });
  res.end(ICON);
}
