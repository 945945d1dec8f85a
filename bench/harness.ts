// Shared bench plumbing: a Neo4j sized like production (NEO4J_URI, or a temporary local server with
// the server memory settings), timing helpers, and the results file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryForStore } from '../neo4j/memory.ts';
import { freePort, startLocalNeo4j } from '../neo4j/launcher.ts';
import { Graph } from '../src/graph/driver.ts';

export const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

export interface BenchNeo4j {
  graph: Graph;
  uri: string;
  stop(): Promise<void>;
}

export async function benchNeo4j(): Promise<BenchNeo4j> {
  if (process.env.NEO4J_URI) {
    const graph = await Graph.connect({ uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD });
    await graph.applySchema();
    return { graph, uri: process.env.NEO4J_URI, stop: () => graph.close() };
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-bench-'));
  // Sized as the embedded default sizes a store of what the shared suites write (1M-span rollup
  // project and the rest, ~3 GiB): the server these figures describe is one holding that data.
  const local = await startLocalNeo4j({ home, boltPort: await freePort(), memory: memoryForStore(3 * 2 ** 30) });
  const graph = await Graph.connect({ uri: local.uri });
  await graph.applySchema();
  return {
    graph,
    uri: local.uri,
    async stop() {
      await graph.close();
      await local.stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export async function timeIt<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/** Runs `work` `runs` times (after `warmup` unrecorded runs) and returns p50/p95/mean in ms. */
export async function latency(runs: number, work: () => Promise<unknown>, warmup = 3): Promise<{ p50: number; p95: number; mean: number; runs: number }> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await timeIt(work)).ms);
  samples.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), mean: round(samples.reduce((a, b) => a + b, 0) / runs), runs };
}

export type SuiteResult = Record<string, unknown>;

/** Merges into bench/results/latest.json, so running one suite keeps the others' last figures. */
export function writeResults(results: Record<string, SuiteResult>): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, 'latest.json');
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { results?: Record<string, SuiteResult> }) : {};
  const stamped = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, measuredAt: new Date().toISOString() }]));
  const record = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    results: { ...previous.results, ...stamped },
  };
  fs.writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  return file;
}
