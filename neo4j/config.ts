// neo4j.conf and JVM flags for a server started directly from its jars.
//
// The stock `neo4j` script reads `server.jvm.additional` and `server.memory.heap.*` from neo4j.conf
// and puts them on the java command line. We start org.neo4j.server.CommunityEntryPoint ourselves,
// so those flags are built here and the conf file holds only the settings the server itself reads.
// Everything is chosen for a local analytics store on a small machine (README "Footprint"): the
// memory from neo4j/memory.ts, lean JVM and thread settings, and transaction logs kept only as
// long as crash recovery needs them. NEO4J_CONF_EXTRA (`key=value` lines, `;`-separated) appends
// or overrides any setting; NEO4J_JVM_EXTRA (space-separated flags) appends JVM flags, which win
// over the ones here (HotSpot takes the last of a repeated flag).
import fs from 'node:fs';
import path from 'node:path';
import type { Neo4jMemory } from './memory.ts';
import { PLUGINS_DIR } from './paths.ts';

/**
 * Whether this JVM has -XX:TrimNativeHeapInterval (OpenJDK 17.0.9+, 21.0.1+, 22+): an unknown -XX
 * flag stops the JVM, so it is only passed when the version has it.
 */
export function hasNativeHeapTrim(javaVersion: string | undefined): boolean {
  if (!javaVersion) return false;
  const [major = 0, , update = 0] = javaVersion.split(/[._]/).map(Number);
  if (major === 17) return update >= 9;
  if (major === 21) return update >= 1;
  return major > 21;
}

export interface JvmOptions {
  /** `java -version`'s version (`17.0.15`); decides the flags only some versions have. */
  javaVersion?: string;
  /** NEO4J_JVM_EXTRA: space-separated flags appended last (HotSpot takes the last of a repeated flag). */
  extra?: string;
}

/**
 * The JVM flags of the stock 5.26 neo4j.conf, minus AlwaysPreTouch (it touches the whole heap at
 * start: seconds of start-up and the full heap resident from the first second), plus what keeps an
 * idle server small: a heap that starts small and is handed back when idle (G1 periodic
 * collections and tight free ratios), a small initial G1 mark stack, freed native memory handed
 * back to the OS, and a bounded code cache. README "Footprint" has the measured effect of each.
 */
export function jvmFlags(memory: Neo4jMemory, { javaVersion, extra = process.env.NEO4J_JVM_EXTRA }: JvmOptions = {}): string[] {
  return [
    `-Xms${memory.heapInitial}`,
    `-Xmx${memory.heapMax}`,
    '-XX:+UseG1GC',
    // After a burst (an ingest, a large export), a collection once the heap has been quiet for
    // 5 s returns the heap it no longer needs; with these ratios the committed heap follows the
    // live data closely (at 15 s or 10 s the background finaliser's and Neo4j's own small
    // collections kept postponing it: no shrink 30 s after the footprint ingest).
    '-XX:G1PeriodicGCInterval=5000',
    '-XX:MinHeapFreeRatio=10',
    '-XX:MaxHeapFreeRatio=30',
    // G1's global mark stack is committed at its initial size (4M entries: 32 MiB) from the start;
    // 256k entries (2 MiB) is plenty for a heap of this size, and it grows if marking overflows it.
    '-XX:MarkStackSize=256k',
    // glibc keeps memory freed by the JIT compilers (their arenas peak at ~70 MiB while Cypher
    // warms up) and by Neo4j's native buffers; trimming every 5 s hands it back.
    ...(hasNativeHeapTrim(javaVersion) ? ['-XX:TrimNativeHeapInterval=5000'] : []),
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
    ...(extra ?? '').split(/\s+/).filter(Boolean),
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

/**
 * Whether the server loads APOC (neo4j/dist/plugins). No ClawTrace query calls APOC; it is there
 * for people who query the local store by hand. NEO4J_APOC=off leaves it out of the classpath and
 * the plugin folder.
 */
export function apocEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.NEO4J_APOC ?? 'on').toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false'].includes(value)) throw new Error(`NEO4J_APOC="${env.NEO4J_APOC}": use on or off`);
  return ['on', '1', 'true'].includes(value);
}

/** Where the server looks for plugins: the APOC jars, or an empty folder of its own. */
export function pluginsDir(home: string, env: NodeJS.ProcessEnv = process.env): string {
  return apocEnabled(env) ? PLUGINS_DIR : path.join(home, 'plugins');
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
    // Small files, not preallocated, pruned at every checkpoint; a checkpoint after every 32 MiB
    // of log (checked every 10 s) bounds them, however fast the ingest (a checkpoint every 2
    // minutes let ~150 MiB pile up during the footprint bench's ingest).
    'db.tx_log.rotation.retention_policy': 'keep_none',
    'db.tx_log.rotation.size': '16m',
    'db.tx_log.preallocate': 'false',
    'db.checkpoint': 'VOLUME',
    'db.checkpoint.interval.volume': '32m',
    // Threads: the engine's driver pool holds at most 50 connections; sized for that, not for 400.
    'server.bolt.thread_pool_min_size': '2',
    'server.bolt.thread_pool_max_size': '64',
    'server.bolt.thread_pool_keep_alive': '1m',
    'server.memory.pagecache.scan.prefetchers': '1',
    'server.threads.worker_count': '1',
  };
}

/** NEO4J_CONF_EXTRA="db.checkpoint.interval.volume=256m;server.bolt.thread_pool_max_size=400". */
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
  for (const dir of ['data', 'logs', 'run', 'import', 'plugins']) fs.mkdirSync(path.join(home, dir), { recursive: true });
  const settings: Record<string, string> = {
    'server.directories.data': path.join(home, 'data'),
    'server.directories.logs': path.join(home, 'logs'),
    'server.directories.run': path.join(home, 'run'),
    'server.directories.import': path.join(home, 'import'),
    'server.directories.plugins': pluginsDir(home),
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
