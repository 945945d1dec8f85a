// The explorer's static files, served from this folder and from installed npm packages so the UI
// works with no internet (no CDN, no build step). Only allowlisted names are served: React's UMD
// builds, and the .js/.css files of src/ui/static/ (plain browser ES modules, edited in place).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import { HttpError } from '../api/http.ts';
import { packageDir } from '../api/playground/assets.ts';

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

// Maps, not object literals: the asset name comes from the URL, and `constructor`, `__proto__` or
// `toString` must be a 404, not Object.prototype's member (issue 13).
const TYPES: ReadonlyMap<string, string> = new Map([
  ['.js', 'text/javascript'],
  ['.css', 'text/css'],
]);

/** React from node_modules: the same UMD files the GraphQL playground uses. */
const VENDOR: ReadonlyMap<string, [pkg: string, file: string]> = new Map([
  ['react.production.min.js', ['react', 'umd/react.production.min.js']],
  ['react-dom.production.min.js', ['react-dom', 'umd/react-dom.production.min.js']],
]);

/** Our own module names: lower-case words and dashes only, so a name can never climb out of the folder. */
const OWN_NAME = /^[a-z0-9-]+\.(js|css)$/;

const vendorCache = new Map<string, Buffer>();

function send(res: ServerResponse, body: Buffer, name: string, cacheControl: string): void {
  res.writeHead(200, {
    'content-type': `${TYPES.get(path.extname(name)) ?? 'application/octet-stream'}; charset=utf-8`,
    'content-length': body.length,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

export function serveUiAsset(name: string, res: ServerResponse): void {
  const vendor = VENDOR.get(name);
  if (vendor) {
    let body = vendorCache.get(name);
    if (!body) {
      body = fs.readFileSync(path.join(packageDir(vendor[0]), vendor[1]));
      vendorCache.set(name, body);
    }
    return send(res, body, name, 'public, max-age=3600');
  }
  // The name is checked before it is joined to a path.
  if (!OWN_NAME.test(name)) throw new HttpError(404, 'NOT_FOUND', 'No such UI asset');
  const file = path.join(STATIC_DIR, name);
  if (!fs.existsSync(file)) throw new HttpError(404, 'NOT_FOUND', 'No such UI asset');
  // Read on every request (they are small): an edited module shows on reload, no restart needed.
  send(res, fs.readFileSync(file), name, 'no-cache');
}
