// Starts and stops a Neo4j Community server from the jars in neo4j/dist, without Docker and
// without the Neo4j tarball: `java -cp lib/* org.neo4j.server.CommunityEntryPoint`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { jvmEnv, jvmFlags, pluginsDir, writeConf } from './config.ts';
import { serverMemory, type Neo4jMemory } from './memory.ts';
import { Neo4jSetupError } from './errors.ts';
import { ensureInstalled } from './install.ts';
import { LIB_DIR } from './paths.ts';

export interface LocalNeo4jOptions {
  /** Folder holding conf/, data/, logs/ of this server. Created when missing. */
  home: string;
  boltPort: number;
  /** Default: sized from the store in `home` and the machine (neo4j/memory.ts). */
  memory?: Neo4jMemory;
  /** Run the JVM detached from this process (for `npm run db:start`). */
  detached?: boolean;
  startupTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  pid: number;
  home: string;
  /** SIGTERM, then SIGKILL if the JVM has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

interface PidFile {
  pid: number;
  boltPort: number;
}

const pidFilePath = (home: string) => path.join(home, 'run', 'clawtrace-neo4j.json');

export function javaBinary(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/**
 * Fails with a fix when java is missing or older than 17 (Neo4j 5.26 needs 17 or 21); returns the
 * version it reports (`17.0.15`), which decides a few JVM flags (config.ts).
 */
export function checkJava(): string {
  const result = spawnSync(javaBinary(), ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new Neo4jSetupError(
      `Java was not found (${javaBinary()}): Neo4j 5.26 needs Java 17 or 21.`,
      'Install OpenJDK 17 (e.g. `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME; or set NEO4J_URI to use an existing Neo4j.',
    );
  }
  const match = /version "([\d._]+)/.exec(result.stderr + result.stdout);
  const major = match ? Number.parseInt(match[1]!, 10) : 0;
  if (major < 17) {
    throw new Neo4jSetupError(
      `Java ${major || '(unknown version)'} found; Neo4j 5.26 needs Java 17 or 21.`,
      'Install OpenJDK 17 and point JAVA_HOME at it.',
    );
  }
  return match![1]!;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function canConnect(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** A free TCP port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The server recorded in <home>/run, if it is still running (started by `npm run db:start`). */
export async function findRunning(home: string): Promise<PidFile | undefined> {
  const file = pidFilePath(home);
  if (!fs.existsSync(file)) return undefined;
  const recorded = JSON.parse(fs.readFileSync(file, 'utf8')) as PidFile;
  if (isProcessAlive(recorded.pid) && (await canConnect(recorded.boltPort))) return recorded;
  fs.rmSync(file, { force: true });
  return undefined;
}

/** Sends SIGTERM, waits up to graceMs for the exit, then SIGKILL. */
export async function stopPid(pid: number, graceMs = 30_000): Promise<void> {
  if (!isProcessAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return;
    await sleep(100);
  }
  if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isProcessAlive(pid)) await sleep(50);
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const { home, boltPort, detached = false, startupTimeoutMs = 180_000 } = options;
  const memory = options.memory ?? serverMemory(home);
  const log = options.log ?? ((line: string) => console.error(line));
  ensureInstalled(log);
  const javaVersion = checkJava();
  if (await canConnect(boltPort)) {
    throw new Neo4jSetupError(
      `Port ${boltPort} on 127.0.0.1 is already in use, so Neo4j cannot listen there.`,
      'Stop whatever holds it (`npm run db:stop` if it is our Neo4j), or choose another port with NEO4J_BOLT_PORT.',
    );
  }
  const confDir = writeConf({ home, boltPort, memory });
  const logFile = path.join(home, 'logs', 'console.log');
  // The log is appended across runs; remember where this run starts so errors quote only its lines.
  const logOffset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  const out = fs.openSync(logFile, 'a');
  const args = [
    ...jvmFlags(memory, { javaVersion }),
    '-cp',
    // The stock start script puts plugins/ on the classpath too: APOC registers its injectable
    // components through ServiceLoader, which only sees the classpath.
    [path.join(pluginsDir(home), '*'), path.join(LIB_DIR, '*')].join(path.delimiter),
    'org.neo4j.server.CommunityEntryPoint',
    `--home-dir=${home}`,
    `--config-dir=${confDir}`,
  ];
  log(`[neo4j] heap ${memory.heapInitial}–${memory.heapMax}, page cache ${memory.pageCache}`);
  const child = spawn(javaBinary(), args, { stdio: ['ignore', out, out], detached, env: jvmEnv() });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Neo4jSetupError('Could not start java.', 'Check that JAVA_HOME points at a JDK 17.');
  const pid = child.pid;
  fs.writeFileSync(pidFilePath(home), JSON.stringify({ pid, boltPort } satisfies PidFile));
  if (detached) child.unref();

  await waitForBolt(child, boltPort, startupTimeoutMs, { logFile, logOffset });
  return {
    uri: `bolt://127.0.0.1:${boltPort}`,
    pid,
    home,
    async stop(graceMs = 30_000) {
      await stopPid(pid, graceMs);
      fs.rmSync(pidFilePath(home), { force: true });
    },
  };
}

interface LogSlice {
  logFile: string;
  logOffset: number;
}

async function waitForBolt(child: ChildProcess, port: number, timeoutMs: number, log: LogSlice): Promise<void> {
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw startupFailure(log, `Neo4j exited during start-up (code ${exited}).`);
    if (await canConnect(port)) return;
    await sleep(250);
  }
  if (child.pid) await stopPid(child.pid, 5_000);
  throw startupFailure(log, `Neo4j did not open Bolt on port ${port} within ${timeoutMs / 1000} s.`);
}

/** Turns the tail of the server log into an error that names the cause and the fix. */
function startupFailure({ logFile, logOffset }: LogSlice, headline: string): Neo4jSetupError {
  const text = fs.existsSync(logFile) ? fs.readFileSync(logFile).subarray(logOffset).toString('utf8') : '';
  const tail = text.split('\n').slice(-40).join('\n');
  if (/lock/i.test(tail) && /(store|database|file).*lock|lock.*(held|locked)/i.test(tail)) {
    return new Neo4jSetupError(
      `${headline} Its data folder is locked by another Neo4j process.`,
      'Stop the other server (`npm run db:stop`, or kill the java process using .clawtrace/neo4j), then start again.',
    );
  }
  if (/Address already in use|BindException/i.test(tail)) {
    return new Neo4jSetupError(`${headline} A port it needs is in use.`, 'Free the port or set NEO4J_BOLT_PORT.');
  }
  return new Neo4jSetupError(`${headline}\n--- last lines of ${logFile} ---\n${tail}`, `Read ${logFile} for the full log.`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
