// Issue 19: what the engine costs the machine, as a user runs it: `npm start` with NEO4J_URI unset,
// so the engine starts its own embedded Neo4j (sized by neo4j/memory.ts) in a fresh data folder.
// Measured on that one process tree:
//   - cold start → ready (empty store: the store and schema are created), warm restart → ready;
//   - resident memory (engine Node + Neo4j JVM) idle, peak while ingesting, and after ingesting a
//     realistic OTLP workload of ~100k OpenInference spans (90 sessions × 1,000 spans + one
//     session of 10,000), 500 spans a request, 4 senders, until every session is finalised;
//   - disk of the data folder (store files vs transaction logs), live and after a clean stop;
//   - read latency over HTTP: a 1,000-span session tree at 1 and 16 clients, the TraceCard of the
//     10,000-span session, and a full span export (with the process tree's peak RSS meanwhile).
// It starts no Neo4j of its own through the bench harness: the engine's embedded default is the
// thing measured. CLAWTRACE_BENCH_SCALE scales the 90 sessions (0.1 → 9, a smoke run).
// FOOTPRINT_QUICK=1 measures start, ingest, memory and disk only (no reads, export or restart):
// for comparing memory and disk settings one at a time. FOOTPRINT_DIAG=1 adds where the memory is
// after the ingest: the JVM's native memory summary from `jcmd` (when NEO4J_JVM_EXTRA turns on
// -XX:NativeMemoryTracking=summary), its heap and metaspace, and the engine's V8 heap spaces
// (bench/node-memory-probe.ts, loaded into the engine for that run only). FOOTPRINT_NODE_FLAGS
// replaces the V8 flags of package.json's start script (for before/after comparisons).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../neo4j/launcher.ts';
import { PROJECT_ROOT } from '../../neo4j/paths.ts';
import { encodeOtlpProtobuf } from '../../src/sources/otlp/index.ts';
import { prng } from '../generate.ts';
import { endOrder, generateSession, REALISTIC_SHAPE, toRequest } from '../otlp-sessions.ts';
import { diskBytes, processTree, treeRssMiB } from '../process-tree.ts';
import { percentile, type SuiteResult } from '../harness.ts';
import { realisticScale } from './otlp-realistic.ts';

const SPANS_PER_REQUEST = 500;
const SENDERS = 4;
const TREE_QUERY = 'query ($id: ID!) { session(id: $id) { tree(first: 1000) { nodes { id parentId kind ownCostUsd inclusiveCostUsd } } } }';
const CARD_QUERY = 'query ($id: ID!) { traceCard(sessionId: $id) { yaml tokens } }';

interface Engine {
  child: ChildProcess;
  url: string;
  readySeconds: number;
  output(): string;
  stop(): Promise<void>;
}

const QUICK = process.env.FOOTPRINT_QUICK === '1';
const DIAG = process.env.FOOTPRINT_DIAG === '1';

/**
 * The node arguments of package.json's `start` script (`node <flags> src/main.ts`), so the engine
 * runs here exactly as `npm start` runs it, minus the npm wrapper.
 */
function startArgs(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = pkg.scripts.start.trim().split(/\s+/);
  if (node !== 'node' || args.at(-1) !== 'src/main.ts' || args.some((a) => /[$'"&|;]/.test(a))) throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  // FOOTPRINT_NODE_FLAGS replaces the start script's V8 flags (before/after comparisons).
  const flags = process.env.FOOTPRINT_NODE_FLAGS;
  if (flags !== undefined) args.splice(0, args.indexOf('--import'), ...flags.split(/\s+/).filter(Boolean));
  if (DIAG) args.splice(args.length - 1, 0, '--import', './bench/node-memory-probe.ts');
  return args;
}

/** `npm start` as it runs in production: one Node process with tsx's loader, no npm/tsx wrapper. */
async function startEngine(home: string, boltPort: number, httpPort: number): Promise<Engine> {
  const env: NodeJS.ProcessEnv = { ...process.env, CLAWTRACE_NEO4J_HOME: home, NEO4J_BOLT_PORT: String(boltPort), CLAWTRACE_PORT: String(httpPort), CLAWTRACE_HOST: '127.0.0.1' };
  delete env.NEO4J_URI;
  const started = performance.now();
  const child = spawn(process.execPath, startArgs(), { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  while (!/\[clawtrace\] ready/.test(output)) {
    if (child.exitCode !== null) throw new Error(`engine exited during start-up:\n${output}`);
    if (performance.now() - started > 300_000) throw new Error(`engine not ready in 300 s:\n${output}`);
    await sleep(50);
  }
  const readySeconds = +((performance.now() - started) / 1000).toFixed(2);
  return {
    child,
    url: `http://127.0.0.1:${httpPort}`,
    readySeconds,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join('; ') ?? res.status}`);
  return body.data;
}

/** p50/p95 of `perClient` sequential requests from each of `clients` concurrent clients. */
async function load(clients: number, perClient: number, work: () => Promise<unknown>) {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        await work();
        samples.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), requestsPerSecond: Math.round(samples.length / seconds) };
}

/** ~100k spans: `sessions` of 1,000 spans and one of 10,000, as OTLP/protobuf bodies in end order. */
function workload(sessions: number) {
  const random = prng(19);
  const generated = [];
  let clock = 1_767_600_000_000_000_000n;
  for (let i = 0; i <= sessions; i++) {
    // The last session is ten times larger: the TraceCard figure is for a 10,000-span session.
    const shape = i === sessions ? { ...REALISTIC_SHAPE, childrenPerAgent: 1110 } : REALISTIC_SHAPE;
    const session = generateSession(i, shape, random, clock, 'footprint');
    clock = session.spans.reduce((max, g) => (g.endNs > max ? g.endNs : max), clock) + 1_000_000_000n;
    generated.push(session);
  }
  const ordered = endOrder(generated.flatMap((s) => s.spans));
  const bodies: Buffer[] = [];
  for (let i = 0; i < ordered.length; i += SPANS_PER_REQUEST) bodies.push(encodeOtlpProtobuf(toRequest(ordered.slice(i, i + SPANS_PER_REQUEST))));
  return { bodies, spans: ordered.length, treeSession: `otel:${generated[0]!.conversationId}`, cardSession: `otel:${generated.at(-1)!.conversationId}`, cardSpans: generated.at(-1)!.truth.spans };
}

async function ingest(url: string, bodies: Buffer[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        for (let attempt = 1; ; attempt++) {
          const res = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf' }, body });
          await res.arrayBuffer();
          if (res.ok) break;
          if (![429, 502, 503, 504].includes(res.status) || attempt > 20) throw new Error(`/v1/traces answered ${res.status}`);
          await sleep(200 * attempt);
        }
      }
    }),
  );
  for (;;) {
    const data = await graphql(url, '{ pendingSessions }').catch(() => null);
    if (data?.pendingSessions === 0) return;
    await sleep(250);
  }
}

/** Peak of the engine's process-tree RSS while `work` runs (sampled every 200 ms). */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
  let peak = treeRssMiB(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssMiB(pid))), 200);
  try {
    return { value: await work(), peakMiB: Math.max(peak, treeRssMiB(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

function disk(home: string) {
  const data = path.join(home, 'data');
  const store = diskBytes(path.join(data, 'databases'));
  const txLogs = diskBytes(path.join(data, 'transactions'));
  return { totalMiB: mib(diskBytes(home)), storeMiB: mib(store), txLogsMiB: mib(txLogs) };
}

function memory(pid: number) {
  const tree = processTree(pid);
  return { totalMiB: tree.reduce((n, p) => n + p.rssMiB, 0), processes: tree.map((p) => `${p.command}: ${p.rssMiB} (anon ${p.anonMiB}, file ${p.fileMiB})`) };
}

/** FOOTPRINT_DIAG: the JVM's own accounting and the engine's V8 heap, printed as they are read. */
async function diagnose(engine: Engine): Promise<void> {
  const java = processTree(engine.child.pid!).find((p) => p.command === 'java (Neo4j)');
  if (java) {
    for (const command of ['VM.native_memory', 'GC.heap_info', 'VM.metaspace', 'VM.classloader_stats']) {
      const args = command === 'VM.native_memory' ? [String(java.pid), command, 'summary', 'scale=MB'] : [String(java.pid), command];
      const result = spawnSync('jcmd', args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 2 ** 20 });
      let text = result.stdout || result.stderr || String(result.error);
      // Class loaders: the 15 holding the most metaspace, and a count by loader type.
      if (command === 'VM.classloader_stats') {
        const rows = text.split('\n').filter((l) => /^0x/.test(l)).map((l) => l.trim().split(/\s+/));
        const byType = new Map<string, { loaders: number; classes: number; bytes: number }>();
        for (const r of rows) {
          const t = byType.get(r[6] ?? '?') ?? { loaders: 0, classes: 0, bytes: 0 };
          byType.set(r[6] ?? '?', { loaders: t.loaders + 1, classes: t.classes + Number(r[3]), bytes: t.bytes + Number(r[5]) });
        }
        text = [...byType].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 15).map(([type, t]) => `${type}: ${t.loaders} loaders, ${t.classes} classes, ${mib(t.bytes)} MiB`).join('\n');
      }
      console.error(`[footprint] jcmd ${command}:\n${text.slice(0, 6000)}`);
    }
  }
  const before = engine.output().length;
  engine.child.kill('SIGUSR2');
  for (let i = 0; i < 40 && !engine.output().slice(before).includes('[memory-probe]'); i++) await sleep(250);
  const line = engine.output().slice(before).split('\n').find((l) => l.startsWith('[memory-probe]'));
  if (line) console.error(`[footprint] node ${line}`);
}

async function exportAll(url: string): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const res = await fetch(`${url}/v1/export/spans.ndjson`);
  let rows = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) for (const b of chunk) if (b === 10) rows++;
  return { rows, seconds: +((performance.now() - started) / 1000).toFixed(1) };
}

export async function footprintSuite(): Promise<SuiteResult> {
  const sessions = Math.max(1, Math.round(90 * realisticScale()));
  const work = workload(sessions);
  // CLAWTRACE_FOOTPRINT_HOME keeps the data folder; a second run on it skips the ingest and
  // measures reads and restarts only (for iterating on read latency).
  const kept = process.env.CLAWTRACE_FOOTPRINT_HOME ? path.resolve(process.env.CLAWTRACE_FOOTPRINT_HOME) : null;
  const home = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-footprint-'));
  fs.mkdirSync(home, { recursive: true });
  const marker = path.join(home, 'footprint-ingested');
  const reuse = kept !== null && fs.existsSync(marker);
  const boltPort = await freePort();
  const httpPort = await freePort();
  let engine = await startEngine(home, boltPort, httpPort);
  const ingestAndMeasure = async () => {
    const ingested = await peakRss(engine.child.pid!, async () => {
      const started = performance.now();
      await ingest(engine.url, work.bodies);
      return (performance.now() - started) / 1000;
    });
    out.ingest = { spans: work.spans, secondsUntilFinalised: +ingested.value.toFixed(1), spansPerSecond: Math.round(work.spans / ingested.value), peakRssMiB: ingested.peakMiB };
    await sleep(5000);
    out.afterIngest = { memory: memory(engine.child.pid!), disk: disk(home) };
    if (DIAG) await diagnose(engine);
    // Where it settles once idle (the JVM's periodic collection hands heap back after 15 s idle).
    await sleep(25_000);
    out.afterIngestIdle30s = { memory: memory(engine.child.pid!), disk: disk(home) };
    if (DIAG) await diagnose(engine);
  };
  // Each figure is printed as it is measured: a long run shows where it is.
  const out: SuiteResult = new Proxy({} as SuiteResult, {
    set(target, key, value) {
      console.error(`[footprint] ${String(key)}: ${JSON.stringify(value)}`);
      return Reflect.set(target, key, value);
    },
  });
  out.workload = `${sessions} sessions × 1,000 spans + 1 × ${work.cardSpans}, ${work.spans} spans, OTLP/protobuf ${SPANS_PER_REQUEST}/request, ${SENDERS} senders`;
  try {
    out.coldStartSeconds = engine.readySeconds;
    await sleep(3000);
    out.idleAfterStart = memory(engine.child.pid!);
    if (!reuse) await ingestAndMeasure();
    fs.writeFileSync(marker, '');
    if (QUICK) {
      await engine.stop();
      out.diskAfterStop = disk(home);
      return out;
    }
    const tree = () => graphql(engine.url, TREE_QUERY, { id: work.treeSession });
    const card = () => graphql(engine.url, CARD_QUERY, { id: work.cardSession });
    await load(1, 3, tree);
    out.sessionTree1000 = { clients1: await load(1, 30, tree), clients16: await load(16, 10, tree) };
    await load(1, 2, card);
    out.traceCard10000 = { clients1: await load(1, 10, card), clients16: await load(16, 3, card) };
    const exported = await peakRss(engine.child.pid!, () => exportAll(engine.url));
    out.exportAllSpans = { ...exported.value, peakRssMiB: exported.peakMiB };
    out.afterReads = memory(engine.child.pid!);

    await engine.stop();
    out.diskAfterStop = disk(home);
    engine = await startEngine(home, boltPort, httpPort);
    out.warmStartSeconds = engine.readySeconds;
    const first = performance.now();
    await tree();
    out.firstTreeAfterRestartMs = Math.round(performance.now() - first);
    out.sessionTree1000AfterRestart = { clients1: await load(1, 10, tree) };
    out.afterRestart = memory(engine.child.pid!);
    return out;
  } catch (error) {
    console.error(engine.output().split('\n').slice(-30).join('\n'));
    throw error;
  } finally {
    await engine.stop();
    if (!kept) fs.rmSync(home, { recursive: true, force: true });
  }
}
