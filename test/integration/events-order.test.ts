// One truth for the plugin-event path (POST /v1/events) whatever the arrival (DESIGN §5, issue 12):
// generated main sessions with sub-agent sessions (spawn/join pairs, child traces), delivered (a) in
// one request in the order they happened, (b) shuffled and split over random requests, (c) shuffled
// by 4–8 concurrent senders, (d) shuffled with random whole requests sent again. Every delivery must
// give what (a) gives: the same graph, rollups by every dimension and byte-identical TraceCards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../bench/generate.ts';
import { shuffle, splitRandom } from '../../bench/otlp-sessions.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { canonical, diffCanonical } from '../helpers/canonical-diff.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { graphSnapshot, type GraphSnapshot } from '../helpers/graph-snapshot.ts';
import { pluginSession, type Envelope } from '../helpers/plugin-events.ts';
import { repositoryViews, type RepositoryViews } from '../helpers/repository-views.ts';
import { startTestServer } from '../helpers/server.ts';
import { waitFinalised } from '../helpers/finalised.ts';

const SEEDS = [201, 202];

let graph: Graph;
beforeAll(async () => {
  graph = await connectTestGraph();
});
afterAll(async () => graph?.close());

interface Observed {
  projectId: string;
  snapshot: GraphSnapshot;
  views: RepositoryViews;
}

type Delivery = 'one-request' | 'shuffled-split' | 'concurrent' | 'resent';

/** Requests per sender for a delivery. */
function plan(delivery: Delivery, events: Envelope[], random: () => number): Envelope[][][] {
  if (delivery === 'one-request') return [[events]];
  const requests = splitRandom(shuffle(events, random), random, 1, 12);
  if (delivery === 'shuffled-split') return [requests];
  if (delivery === 'resent') {
    const out = [...requests];
    for (const r of requests) if (random() < 0.35) out.splice(out.indexOf(r) + 1 + Math.floor(random() * (out.length - out.indexOf(r))), 0, r);
    return [out];
  }
  const senders: Envelope[][][] = Array.from({ length: 4 + Math.floor(random() * 5) }, () => []);
  for (const r of requests) senders[Math.floor(random() * senders.length)]!.push(r);
  return senders;
}

async function run(events: Envelope[], delivery: Delivery, seed: number, sessionIds?: string[]): Promise<Observed> {
  const random = prng(seed * 31 + delivery.length);
  const projectId = randomProjectId(`events-${delivery}`);
  const server = await startTestServer(graph, projectId);
  try {
    await Promise.all(
      plan(delivery, events, random).map(async (queue) => {
        for (const request of queue) {
          const res = await fetch(`${server.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: request.map((e) => JSON.stringify(e)).join('\n') });
          const text = await res.text();
          if (res.status !== 200) throw new Error(`/v1/events answered ${res.status}: ${text}`);
          expect(JSON.parse(text).rejected, text).toBe(0);
        }
      }),
    );
    // The server's finaliser assembles the events into spans: wait for it before stopping it.
    await waitFinalised({ graph, projectId });
  } finally {
    await server.close();
  }
  const snapshot = await graphSnapshot(graph, projectId);
  return { projectId, snapshot, views: await repositoryViews(graph, projectId, sessionIds ?? Object.keys(snapshot.sessions)) };
}

function differences(expected: Observed, actual: Observed): string[] {
  const out = diffCanonical(canonical(expected.views.rollups), canonical(actual.views.rollups), 'costRollup');
  for (const [id, yaml] of Object.entries(expected.views.traceCards)) if (yaml !== actual.views.traceCards[id]) out.push(`traceCard ${id} differs`);
  return diffCanonical(canonical(expected.snapshot), canonical(actual.snapshot), 'graph', out);
}

describe.each(SEEDS)('plugin events, seed %i', (seed) => {
  const random = prng(seed);
  const events = [0, 1].flatMap((i) => pluginSession(i, random, Date.UTC(2026, 2, 1, 9) + seed * 3_600_000 + i * 20_000, `ev${seed}`));
  let reference: Observed;

  beforeAll(async () => {
    reference = await run(events, 'one-request', seed);
  });

  it('(a) in one request: main and sub-agent sessions linked, findings present', () => {
    const sessions = Object.values(reference.snapshot.sessions) as Array<{ role: string }>;
    expect(sessions.filter((s) => s.role === 'subagent').length).toBeGreaterThanOrEqual(2);
    const spans = Object.values(reference.snapshot.spans) as Array<{ edges: Record<string, unknown[]> }>;
    expect(spans.filter((s) => s.edges.SPAWNED?.length).length).toBeGreaterThanOrEqual(2);
    expect(spans.filter((s) => s.edges.REPEATS?.length).length).toBeGreaterThan(0);
  });

  it.each([
    ['(b) shuffled and split over random requests', 'shuffled-split'],
    ['(c) shuffled, by 4–8 concurrent senders', 'concurrent'],
    ['(d) shuffled, with random whole requests sent again', 'resent'],
  ] as Array<[string, Delivery]>)('%s: the same graph, rollups and TraceCards as (a)', async (_label, delivery) => {
    const observed = await run(events, delivery, seed, Object.keys(reference.snapshot.sessions));
    const diffs = differences(reference, observed);
    expect(diffs.slice(0, 40), `seed ${seed}, ${delivery} (project ${observed.projectId}): ${diffs.length} differences`).toEqual([]);
  });
});
