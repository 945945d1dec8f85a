// Obtains the Neo4j Community server jars from Maven Central (first run only; later runs reuse
// neo4j/dist). The Neo4j tarball is not published to Maven Central, the jars are.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LIB_DIR, NEO4J_DIR, PLUGINS_DIR } from './paths.ts';
import { Neo4jSetupError } from './errors.ts';

export function isInstalled(): boolean {
  return (
    fs.existsSync(LIB_DIR) &&
    fs.readdirSync(LIB_DIR).some((f) => /^neo4j-5\.26\.\d+\.jar$/.test(f)) &&
    fs.existsSync(PLUGINS_DIR)
  );
}

/** Runs `mvn package` on neo4j/pom.xml unless the jars are already there. */
export function ensureInstalled(log: (line: string) => void = console.error): void {
  if (isInstalled()) return;
  log('[neo4j] first run: resolving Neo4j Community 5.26 from Maven Central (about 120 MB, once)...');
  const started = Date.now();
  const mvn = process.platform === 'win32' ? 'mvn.cmd' : 'mvn';
  const result = spawnSync(mvn, ['-q', '-B', '-f', path.join(NEO4J_DIR, 'pom.xml'), 'package'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Neo4jSetupError(
      'Maven (mvn) is not on PATH, so the Neo4j jars cannot be resolved.',
      'Install Maven (e.g. `apt-get install maven`), or set NEO4J_URI to use an existing Neo4j server.',
    );
  }
  if (result.status !== 0 || !isInstalled()) {
    throw new Neo4jSetupError(
      `Maven failed to resolve Neo4j (exit ${result.status ?? 'signal ' + result.signal}).`,
      'Check that Maven Central is reachable (proxy settings in ~/.m2/settings.xml), then run `npm run db:install`.',
    );
  }
  log(`[neo4j] jars ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
