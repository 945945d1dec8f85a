// Where the local Neo4j lives on disk. Everything is under the project so a clone is self-contained
// and `git clean -fdX` removes it; all of it is git-ignored.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const NEO4J_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = path.resolve(NEO4J_DIR, '..');
/** Jars copied by Maven from neo4j/pom.xml (server in lib/, APOC in plugins/). */
export const DIST_DIR = path.join(NEO4J_DIR, 'dist');
export const LIB_DIR = path.join(DIST_DIR, 'lib');
export const PLUGINS_DIR = path.join(DIST_DIR, 'plugins');
/**
 * The persistent home of the local server (data, logs, conf, pid file). CLAWTRACE_NEO4J_HOME moves
 * it (another disk, or a second engine beside the first).
 */
export const DEFAULT_HOME = process.env.CLAWTRACE_NEO4J_HOME
  ? path.resolve(process.env.CLAWTRACE_NEO4J_HOME)
  : path.join(PROJECT_ROOT, '.clawtrace', 'neo4j');
