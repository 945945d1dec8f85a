// The engine killed while sessions are dirty (DESIGN §5): an engine process acknowledges OTLP
// requests sent in end order and split, and is SIGKILLed before its finaliser has run (a long
// settle time keeps the sessions pending). A second engine process started afterwards finalises
// every one of them (after the dead finaliser's lease, if it held one, expires): nothing lost,
// nothing doubled — the graph equals the one built from the same spans sent once, in one batch.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../neo4j/launcher.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { pendingSessions } from '../../src/graph/finaliser.ts';
import { costRollup } from '../../src/graph/rollups.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { convertOtlpRequest } from '../../src/sources/otlp/index.ts';
import { startClawTraceProcess, type ClawTraceProcess } from '../helpers/clawtrace-process.ts';
import { endOrderSpans, otlpRequests } from '../helpers/end-order-otlp.ts';
import { untilFinalised } from '../helpers/finalised.ts';
import { graphTotals } from '../helpers/graph-totals.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { createApiKey, revokeApiKey, type CreatedKey } from '../../src/graph/api-keys.ts';

const SESSIONS = 12;
const CALLS = 15;
const spans = endOrderSpans(7, SESSIONS, CALLS);
const killed = randomProjectId('finaliser-killed');
const reference = randomProjectId('finaliser-reference');
let graph: Graph;
let key: CreatedKey;
let engine: ClawTraceProcess | undefined;
let pendingAtKill = 0;

async function post(url: string, body: string): Promise<number> {
  const res = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key.key}` }, body });
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  graph = await connectTestGraph();
  key = await createApiKey(graph, killed, 'finaliser-restart');
  const neo4jUri = inject('neo4j').uri;
  const port = await freePort();
  // Writes that ask finalisers to wait 20 s before touching their sessions: everything is still dirty
  // when the process dies.
  engine = await startClawTraceProcess({ neo4jUri, port, env: { CLAWTRACE_FINALISE_SETTLE_MS: '20000', CLAWTRACE_FINALISE_MAX_WAIT_MS: '20000' } });
  for (const body of otlpRequests(spans, 25)) expect(await post(engine.url, body)).toBe(200);
  pendingAtKill = (await pendingSessions(graph, killed)).pending;
  await engine.kill('SIGKILL');
  engine = await startClawTraceProcess({ neo4jUri, port });
  await untilFinalised(graph, killed, 120_000);

  // The reference: the same spans, one batch, finalised in process.
  const whole = convertOtlpRequest(JSON.parse(otlpRequests(spans, spans.length)[0]!) as never).batch;
  await ingestBatch(graph, reference, whole, createPricer());
}, 300_000);

afterAll(async () => {
  await engine?.kill('SIGTERM');
  if (key) await revokeApiKey(graph, key.prefix);
  await graph?.close();
});

describe('engine killed while sessions are dirty', () => {
  it('really left sessions dirty when it died', () => {
    expect(pendingAtKill).toBe(SESSIONS);
  });

  it('the next engine finalises them all: the graph equals one batch of the same spans', async () => {
    expect((await pendingSessions(graph, killed)).pending).toBe(0);
    const [got, want] = await Promise.all([graphTotals(graph, killed), graphTotals(graph, reference)]);
    // The killed engine's project also holds its API key node.
    expect({ ...got, nodes: got.nodes - 1 }).toEqual(want);
    expect(got.spans).toBe(SESSIONS * (2 * CALLS + 1));
  });

  it('every session has its calls and dollars once (no doubled usage cells)', async () => {
    const rows = (projectId: string) =>
      costRollup(graph, projectId, ['session']).then((list) =>
        list.map((r) => ({ session: r.key1, llmCalls: r.llmCalls, costUsd: Math.round(r.costUsd * 1e9) / 1e9 })).sort((a, b) => (a.session! < b.session! ? -1 : 1)),
      );
    const [got, want] = await Promise.all([rows(killed), rows(reference)]);
    expect(got).toHaveLength(SESSIONS);
    for (const row of got) expect(row.llmCalls).toBe(CALLS);
    expect(got).toEqual(want);
  });
});
