// neo4j.conf and JVM flags for a server started directly from its jars.
//
// The stock `neo4j` script reads `server.jvm.additional` and `server.memory.heap.*` from neo4j.conf
// and puts them on the java command line. We start org.neo4j.server.CommunityEntryPoint ourselves,
// so those flags are built here and the conf file holds only the settings the server itself reads.
// Everything is chosen for a local analytics store on a small machine (README "Footprint"): the
// memory from neo4j/memory.ts, lean JVM and thread settings, and transaction logs kept only as
// long as crash recovery needs them. NEO4J_CONF_EXTRA (`key=value` lines, `;`-separated) appends
// or overrides any setting.
import fs from 'node:fs';
import path from 'node:path';
import type { Neo4jMemory } from './memory.ts';
import { PLUGINS_DIR } from './paths.ts';

/**
 * The JVM flags of the stock 5.26 neo4j.conf, minus AlwaysPreTouch (it touches the whole heap at
 * start: seconds of start-up and the full heap resident from the first second), plus what keeps an
 * idle server small: a heap that starts small and is handed back when idle (G1 periodic
 * collections and tight free ratios), and a bounded code cache.
 */
export function jvmFlags(memory: Neo4jMemory): string[] {
  return [
    `-Xms${memory.heapInitial}`,
    `-Xmx${memory.heapMax}`,
    '-XX:+UseG1GC',
    // After a burst (an ingest, a large export), a collection when idle returns the heap it no
    // longer needs; with these ratios the committed heap follows the live data closely.
    '-XX:G1PeriodicGCInterval=15000',
    '-XX:MinHeapFreeRatio=10',
    '-XX:MaxHeapFreeRatio=30',
    '-XX:ReservedCodeCacheSize=96m',
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

/**
 * Environment of the java process. glibc gives every thread that allocates its own malloc arena
 * (up to 8 per core, 64 MiB each, mostly fragmentation); two are enough for Neo4j, whose data lives
 * in the page cache and the heap.
 */
export function jvmEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' };
}

export interface ConfOptions {
  home: string;
  boltPort: number;
  memory: Neo4jMemory;
}

const MiB = 2 ** 20;
const parseSize = (size: string) => Number(size.slice(0, -1)) * { k: 1024, m: MiB, g: 1024 * MiB }[size.slice(-1) as 'k' | 'm' | 'g'];

/** Settings a local analytics store needs; each is documented in README "Footprint". */
export function serverSettings(memory: Neo4jMemory): Record<string, string> {
  return {
    'server.memory.pagecache.size': memory.pageCache,
    // Transactions hold ingest batches of thousands of rows; keep them well under the heap so a
    // runaway query fails with a memory error instead of taking the server down.
    'dbms.memory.transaction.total.max': `${Math.floor((parseSize(memory.heapMax) * 0.7) / MiB)}m`,
    'db.tx_state.memory_allocation': 'ON_HEAP',
    // Transaction logs: only what crash recovery needs (there is no backup or cluster to feed).
    // Small files, not preallocated, pruned at every checkpoint; a checkpoint every 2 minutes or
    // 64 MiB of log keeps them from piling up during a long ingest.
    'db.tx_log.rotation.retention_policy': 'keep_none',
    'db.tx_log.rotation.size': '16m',
    'db.tx_log.preallocate': 'false',
    'db.checkpoint': 'PERIODIC',
    'db.checkpoint.interval.time': '2m',
    'db.checkpoint.interval.tx': '100000',
    // Threads: the engine's driver pool holds at most 50 connections; sized for that, not for 400.
    'server.bolt.thread_pool_min_size': '2',
    'server.bolt.thread_pool_max_size': '64',
    'server.bolt.thread_pool_keep_alive': '1m',
    'server.memory.pagecache.scan.prefetchers': '1',
    'server.threads.worker_count': '1',
  };
}

/** NEO4J_CONF_EXTRA="db.checkpoint.interval.time=15m;server.bolt.thread_pool_max_size=400". */
export function extraSettings(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (value ?? '').split(/[;\n]/)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new Error(`NEO4J_CONF_EXTRA: "${trimmed}" is not key=value`);
    out[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  return out;
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
  const settings: Record<string, string> = {
    'server.directories.data': path.join(home, 'data'),
    'server.directories.logs': path.join(home, 'logs'),
    'server.directories.run': path.join(home, 'run'),
    'server.directories.import': path.join(home, 'import'),
    'server.directories.plugins': PLUGINS_DIR,
    'server.default_listen_address': '127.0.0.1',
    'server.bolt.listen_address': `127.0.0.1:${boltPort}`,
    'server.bolt.advertised_address': `127.0.0.1:${boltPort}`,
    'server.http.enabled': 'false',
    'server.https.enabled': 'false',
    'dbms.security.auth_enabled': 'false',
    'dbms.usage_report.enabled': 'false',
    'dbms.security.procedures.unrestricted': 'apoc.*',
    'dbms.security.procedures.allowlist': 'apoc.*',
    'db.logs.query.enabled': 'OFF',
    ...serverSettings(memory),
    ...extraSettings(process.env.NEO4J_CONF_EXTRA),
  };
  const lines = ['# Written by neo4j/config.ts on every start; edit that file (or set NEO4J_CONF_EXTRA), not this one.'];
  for (const [key, value] of Object.entries(settings)) lines.push(`${key}=${value}`);
  const file = path.join(confDir, 'neo4j.conf');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return confDir;
}
