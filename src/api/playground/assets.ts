// The playground's static files, served from installed npm packages so the page works with no
// internet (no CDN): React 18 and GraphiQL 3 UMD builds, plus our small init script.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import { HttpError } from '../http.ts';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The folder of an installed package. Its `exports` map may hide the UMD files from
 * require.resolve, so resolve the entry point and walk up to the package.json that names it.
 */
export function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`Cannot find the folder of package ${name}`);
}

const inPackage = (name: string, file: string) => () => path.join(packageDir(name), file);

/**
 * Allowlist: URL name → file on disk. Nothing else under /graphql/assets/ is served. A Map: the
 * name comes from the URL, and `constructor` or `__proto__` must not find Object.prototype's.
 */
const ASSETS: ReadonlyMap<string, { file: () => string; type: string }> = new Map([
  ['react.production.min.js', { file: inPackage('react', 'umd/react.production.min.js'), type: 'text/javascript' }],
  ['react-dom.production.min.js', { file: inPackage('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' }],
  ['graphiql.min.js', { file: inPackage('graphiql', 'graphiql.min.js'), type: 'text/javascript' }],
  ['graphiql.min.css', { file: inPackage('graphiql', 'graphiql.min.css'), type: 'text/css' }],
  ['init.js', { file: () => path.join(here, 'init.js'), type: 'text/javascript' }],
]);

const cache = new Map<string, Buffer>();

export function serveAsset(name: string, res: ServerResponse): void {
  const asset = ASSETS.get(name);
  if (!asset) throw new HttpError(404, 'NOT_FOUND', 'No such playground asset');
  let body = cache.get(name);
  if (!body) {
    body = fs.readFileSync(asset.file());
    cache.set(name, body);
  }
  res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'content-length': body.length, 'cache-control': 'public, max-age=3600' });
  res.end(body);
}
