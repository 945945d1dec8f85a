// Ingest throughput (spans/s) on a generated workload of ≥100k spans, through the two paths users
// take: `clawtrace import` of OpenClaw transcripts, and OTLP/JSON POSTs to /v1/traces.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCAL_PROJECT } from '../../src/api/context.ts';
import { startServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { openClawTranscript, otlpRequest, prng } from '../generate.ts';
import { timeIt, type SuiteResult } from '../harness.ts';

const SESSIONS = 1000;
const TURNS = 50; // 1 LLM + 1 tool span per turn, + 1 root span: 101 spans per session

async function importPath(graph: Graph, sessions: number, projectId: string): Promise<SuiteResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-bench-import-'));
  const random = prng(42);
  for (let i = 0; i < sessions; i++) fs.writeFileSync(path.join(dir, `s${i}.jsonl`), openClawTranscript(i, TURNS, random));
  const { ms, value } = await timeIt(() => importFiles(graph, { paths: [dir], projectId, pricer: createPricer() }));
  fs.rmSync(dir, { recursive: true, force: true });
  return { spans: value.spans, sessions: value.sessions, seconds: +(ms / 1000).toFixed(2), spansPerSecond: Math.round(value.spans / (ms / 1000)), rejected: value.rejections.length, timingsMs: value.timings };
}

async function otlpPath(graph: Graph): Promise<SuiteResult> {
  const server = await startServer({ graph, pricer: createPricer(), host: '127.0.0.1', projectFor: async () => `bench-otlp-${LOCAL_PROJECT}` }, 0);
  const random = prng(7);
  const REQUESTS = 100;
  const AGENTS = 10;
  const CALLS = 50; // per agent: 1 + 2×50 spans → 1,010 spans a request, 101,000 in all
  const bodies = Array.from({ length: REQUESTS }, (_, i) => JSON.stringify(otlpRequest(i, AGENTS, CALLS, random)));
  const CONCURRENCY = 4;
  let next = 0;
  const { ms } = await timeIt(async () => {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const res = await fetch(`${server.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          if (!res.ok) throw new Error(`/v1/traces answered ${res.status}: ${await res.text()}`);
          await res.text();
        }
      }),
    );
  });
  await server.close();
  const spans = REQUESTS * AGENTS * (1 + 2 * CALLS);
  return { spans, requests: REQUESTS, concurrency: CONCURRENCY, seconds: +(ms / 1000).toFixed(2), spansPerSecond: Math.round(spans / (ms / 1000)) };
}

/**
 * A fresh Neo4j runs its first writes several times slower (JIT compilation, store files growing,
 * query plans): a server that has been up for a while does not. So a first, smaller import warms
 * it up, and is reported on its own as the cold figure.
 */
export async function ingestSuite(graph: Graph): Promise<SuiteResult> {
  const coldStart = await importPath(graph, 200, 'bench-import-warmup');
  return { coldStart, cliImport: await importPath(graph, SESSIONS, 'bench-import'), otlpHttp: await otlpPath(graph) };
}
