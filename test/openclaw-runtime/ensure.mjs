// `npm test` runs this first (package.json "pretest"): the plugin end-to-end test and the OpenClaw
// SQLite tests need the real OpenClaw and the Node 24 it runs on. They live in this folder, apart
// from the project (which stays on Node 20), and are installed here once, from the npm registry.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const installed = ['openclaw', 'node'].every((name) => fs.existsSync(path.join(here, 'node_modules', name, 'package.json')));
if (!installed) {
  console.log('[pretest] installing the real OpenClaw + Node 24 into test/openclaw-runtime (once)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--prefix', here, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
