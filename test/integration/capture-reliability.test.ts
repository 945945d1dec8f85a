// Reliability of capture, with real processes: the ClawTrace server (src/main.ts) is SIGKILLed in
// the middle of a stream of OpenClaw-plugin events and OTLP batches and started again on the same
// port. After the senders retry (the plugin from its spool, OTLP like OpenTelemetry's exporter),
// every event and span must be stored exactly once: counts and cost equal the sent ground truth.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../neo4j/launcher.ts';
import { createApiKey, revokeApiKey, type CreatedKey } from '../../src/graph/api-keys.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { startClawTraceProcess, type ClawTraceProcess } from '../helpers/clawtrace-process.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { expectedCost, runStream, tally, type StreamResult, type Tally } from '../helpers/reliability-run.ts';

const projectId = randomProjectId('reliability-kill');
let graph: Graph;
let key: CreatedKey;
let server: ClawTraceProcess | undefined;
let result: StreamResult;
let counts: Tally;
let killedPid = 0;

beforeAll(async () => {
  graph = await connectTestGraph();
  key = await createApiKey(graph, projectId, 'capture-reliability');
  const port = await freePort();
  const neo4jUri = inject('neo4j').uri;
  server = await startClawTraceProcess({ neo4jUri, port });
  const url = server.url;
  result = await runStream({
    url,
    apiKey: key.key,
    sessions: 60,
    otlpEvery: 3,
    otlpSpansPerBatch: 8,
    disturbAt: 0.35,
    gapMs: 40,
    deadlineMs: 240_000,
    disturb: async () => {
      killedPid = server!.pid;
      await server!.kill('SIGKILL');
      // Down long enough for batches to fail and be spooled, then back on the same port.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      server = await startClawTraceProcess({ neo4jUri, port });
    },
  });
  counts = await tally(graph, projectId, result);
  console.info(`[reliability] SIGKILL of the server mid-stream: ${JSON.stringify(counts)}`);
}, 300_000);

afterAll(async () => {
  await server?.kill('SIGTERM');
  if (key) await revokeApiKey(graph, key.prefix);
  await graph?.close();
});

describe('ClawTrace server SIGKILLed mid-stream', () => {
  it('really disturbed the stream: the server was killed and senders had to retry', () => {
    expect(killedPid).toBeGreaterThan(0);
    expect(server?.pid).not.toBe(killedPid);
    expect(counts.pluginEvents.spooled + counts.otlpSpans.retriedBatches).toBeGreaterThan(0);
  });

  it('stores every plugin event exactly once', () => {
    expect(result.plugin.sender.stats.dropped).toBe(0);
    expect(counts.pluginEvents.lost).toBe(0);
    expect(counts.pluginEvents.stored).toBe(counts.pluginEvents.sent);
    expect(counts.sessions).toBe(result.truth.sessionIds.length);
    expect(counts.llmSpans).toBe(result.truth.llmCalls);
    expect(counts.toolSpans).toBe(result.truth.toolCalls);
  });

  it('stores every OTLP span exactly once', () => {
    expect(counts.otlpSpans.lost).toBe(0);
    expect(counts.otlpSpans.stored).toBe(counts.otlpSpans.sent);
  });

  it('keeps the cost total equal to the sent ground truth', () => {
    expect(counts.costUsd).toBe(expectedCost(result));
  });
});
