// Reliability of capture when the database goes away: a separate, temporary Neo4j (not the shared
// test database) is stopped in the middle of a stream of OpenClaw-plugin events and OTLP batches
// sent to a real ClawTrace server process. While it is down, the ingest endpoints must answer 503
// with Retry-After (not 500, not a hang); the plugin spools; once Neo4j is back every event and
// span lands exactly once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MEMORY } from '../../neo4j/memory.ts';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../neo4j/launcher.ts';
import { createApiKey, type CreatedKey } from '../../src/graph/api-keys.ts';
import { Graph } from '../../src/graph/driver.ts';
import { startClawTraceProcess, type ClawTraceProcess } from '../helpers/clawtrace-process.ts';
import { randomProjectId } from '../helpers/graph.ts';
import { otlpBatch } from '../helpers/otlp-retry-sender.ts';
import { expectedCost, runStream, tally, type StreamResult, type Tally } from '../helpers/reliability-run.ts';

interface Probe {
  endpoint: string;
  status: number;
  retryAfter: string | null;
  ms: number;
}

const projectId = randomProjectId('reliability-neo4j');
let home: string;
let boltPort: number;
let neo4j: LocalNeo4j | undefined;
let server: ClawTraceProcess | undefined;
let key: CreatedKey;
let result: StreamResult;
let counts: Tally;
const probes: Probe[] = [];

async function probe(url: string, endpoint: string, body: string, contentType: string): Promise<void> {
  const started = Date.now();
  const res = await fetch(`${url}${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${key.key}` },
    body,
    signal: AbortSignal.timeout(120_000),
  });
  await res.arrayBuffer();
  probes.push({ endpoint, status: res.status, retryAfter: res.headers.get('retry-after'), ms: Date.now() - started });
}

const probeEvent = JSON.stringify({
  schemaVersion: 1,
  agentId: 'probe',
  event: { eventId: 'probe-while-down', eventType: 'session_start', traceId: 'probe-while-down', spanId: null, parentSpanId: null, tsMs: Date.now(), payload: {} },
});

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-neo4j-stop-'));
  boltPort = await freePort();
  neo4j = await startLocalNeo4j({ home, boltPort, memory: TEST_MEMORY, log: () => undefined });
  server = await startClawTraceProcess({ neo4jUri: neo4j.uri, port: await freePort() });
  const setup = await Graph.connect({ uri: neo4j.uri });
  key = await createApiKey(setup, projectId, 'capture-reliability-neo4j');
  await setup.close();
  const url = server.url;
  result = await runStream({
    url,
    apiKey: key.key,
    sessions: 40,
    otlpEvery: 3,
    otlpSpansPerBatch: 8,
    disturbAt: 0.3,
    gapMs: 60,
    deadlineMs: 420_000,
    disturb: async () => {
      await neo4j!.stop();
      // While Neo4j is down: both ingest endpoints, timed.
      await Promise.all([
        probe(url, '/v1/events', probeEvent, 'application/json'),
        // Not part of the counted stream: a distinct run id (an all-zero trace id would be invalid OTLP).
        probe(url, '/v1/traces', otlpBatch(0xdead, 1, 1).body, 'application/json'),
      ]);
      neo4j = await startLocalNeo4j({ home, boltPort, memory: TEST_MEMORY, log: () => undefined });
    },
  });
  const graph = await Graph.connect({ uri: neo4j!.uri });
  try {
    counts = await tally(graph, projectId, result);
  } finally {
    await graph.close();
  }
  console.info(`[reliability] Neo4j stopped mid-stream: ${JSON.stringify(counts)} probes while down: ${JSON.stringify(probes)}`);
}, 600_000);

afterAll(async () => {
  // When the stream failed (an unexpected status), the server's log says why.
  if (!counts) console.error(`[reliability] ClawTrace server log (tail):\n${server?.log().slice(-6000) ?? ''}`);
  await server?.kill('SIGTERM');
  await neo4j?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

describe('Neo4j stopped during ingest', () => {
  it('answers 503 with Retry-After on both ingest endpoints while Neo4j is down, without hanging', () => {
    expect(probes).toHaveLength(2);
    for (const p of probes) {
      expect(p.status, p.endpoint).toBe(503);
      expect(Number(p.retryAfter), p.endpoint).toBeGreaterThan(0);
      // Measured 30–60 s: the driver retries a failing transaction for 30 s (maxTransactionRetryTime)
      // before the router maps the error to 503. Bounded, but slower than a sender's timeout (the
      // plugin gives up after requestTimeoutMs and spools anyway). The bound only rules out a hang.
      expect(p.ms, `${p.endpoint} answered after ${p.ms} ms`).toBeLessThan(90_000);
    }
  });

  it('spooled in the plugin while the database was away', () => {
    expect(counts.pluginEvents.spooled).toBeGreaterThan(0);
  });

  it('stores every plugin event and OTLP span exactly once after Neo4j returns', () => {
    expect(result.plugin.sender.stats.dropped).toBe(0);
    expect(counts.pluginEvents.lost).toBe(0);
    expect(counts.pluginEvents.stored).toBe(counts.pluginEvents.sent);
    expect(counts.otlpSpans.lost).toBe(0);
    expect(counts.otlpSpans.stored).toBe(counts.otlpSpans.sent);
    expect(counts.llmSpans).toBe(result.truth.llmCalls);
    expect(counts.toolSpans).toBe(result.truth.toolCalls);
    expect(counts.costUsd).toBe(expectedCost(result));
  });
});
