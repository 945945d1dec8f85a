// neo4j.conf and JVM flags for a server started directly from its jars.
//
// The stock `neo4j` script reads `server.jvm.additional` and `server.memory.heap.*` from neo4j.conf
// and puts them on the java command line. We start org.neo4j.server.CommunityEntryPoint ourselves,
// so those flags are built here (copied from the 5.26 stock neo4j.conf) and the conf file holds only
// the settings the server itself reads.
import fs from 'node:fs';
import path from 'node:path';
import { PLUGINS_DIR } from './paths.ts';

export interface Neo4jMemory {
  /** JVM heap, min = max so the server never pauses to grow it. */
  heap: string;
  /** Page cache for the store files. */
  pageCache: string;
}

/**
 * Sized for a 2-core / 24 GiB machine that also runs the engine, tests and benchmarks;
 * NEO4J_HEAP / NEO4J_PAGECACHE (e.g. `4g`, `512m`) override it.
 */
export const SERVER_MEMORY: Neo4jMemory = {
  heap: memorySetting(process.env.NEO4J_HEAP, '2g'),
  pageCache: memorySetting(process.env.NEO4J_PAGECACHE, '2g'),
};
function memorySetting(value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+[kmg]$/i.test(value)) throw new Error(`Memory setting "${value}" is not like 512m or 2g`);
  return value.toLowerCase();
}

/** Throw-away test servers: small, several may run at once. */
export const TEST_MEMORY: Neo4jMemory = { heap: '1g', pageCache: '512m' };

/** The JVM flags of the stock 5.26 neo4j.conf, minus AlwaysPreTouch (it slows start-up by seconds). */
export function jvmFlags(memory: Neo4jMemory): string[] {
  return [
    `-Xms${memory.heap}`,
    `-Xmx${memory.heap}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+UnlockExperimentalVMOptions',
    '-XX:+TrustFinalNonStaticFields',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djdk.tls.ephemeralDHKeySize=2048',
    '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
    '-XX:FlightRecorderOptions=stackdepth=256',
    '-XX:+UnlockDiagnosticVMOptions',
    '-XX:+DebugNonSafepoints',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--enable-native-access=ALL-UNNAMED',
    '-Dlog4j2.disable.jmx=true',
    '-Dlog4j.layout.jsonTemplate.maxStringLength=32768',
    '-Dfile.encoding=UTF-8',
  ];
}

export interface ConfOptions {
  home: string;
  boltPort: number;
  memory: Neo4jMemory;
}

/**
 * Writes <home>/conf/neo4j.conf. Bolt listens on 127.0.0.1 only and authentication is off: the
 * local server is a private store of this project, unreachable from other machines. Anyone who
 * needs auth or remote access points NEO4J_URI at a managed server instead.
 */
export function writeConf({ home, boltPort, memory }: ConfOptions): string {
  const confDir = path.join(home, 'conf');
  fs.mkdirSync(confDir, { recursive: true });
  for (const dir of ['data', 'logs', 'run', 'import']) fs.mkdirSync(path.join(home, dir), { recursive: true });
  const lines = [
    '# Written by neo4j/config.ts on every start; edit that file, not this one.',
    `server.directories.data=${path.join(home, 'data')}`,
    `server.directories.logs=${path.join(home, 'logs')}`,
    `server.directories.run=${path.join(home, 'run')}`,
    `server.directories.import=${path.join(home, 'import')}`,
    `server.directories.plugins=${PLUGINS_DIR}`,
    'server.default_listen_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${boltPort}`,
    'server.http.enabled=false',
    'server.https.enabled=false',
    'dbms.security.auth_enabled=false',
    'dbms.usage_report.enabled=false',
    `server.memory.pagecache.size=${memory.pageCache}`,
    // Transactions hold ingest batches of thousands of rows; keep them well under the heap.
    'dbms.memory.transaction.total.max=1g',
    'dbms.security.procedures.unrestricted=apoc.*',
    'dbms.security.procedures.allowlist=apoc.*',
    'db.logs.query.enabled=OFF',
  ];
  const file = path.join(confDir, 'neo4j.conf');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return confDir;
}
