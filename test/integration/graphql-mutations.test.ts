// Mutations: recordOutcome stores outcomes with oracle evidence and updates the session;
// deleteSession removes a session, its spans and outcomes, keeps (or with the flag, deletes) the
// sub-agent sessions, and refreshes the totals of the sessions that spawned it.
import { untilFinalised } from '../helpers/finalised.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { eventsForTraces } from '../../src/graph/events.ts';
import { outcomesOfSessions } from '../../src/graph/outcomes.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { FIXTURE, gql, ingestFixture, ok } from './graphql-client.ts';

let graph: Graph;
let server: RunningServer;
const projectId = randomProjectId('mutations');
const pricer = createPricer();

beforeAll(async () => {
  graph = await connectTestGraph();
  await ingestFixture(graph, projectId, pricer);
  server = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: async () => projectId }, 0);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

const RECORD = `mutation($input: RecordOutcomeInput!) {
  recordOutcome(input: $input) {
    clientMutationId
    outcome { id sessionId result score evaluator notes mismatches { path expected actual message } goldSnippets { label path text } evidence recordedAt session { id } }
    session { id outcome score }
  }
}`;

interface Recorded {
  recordOutcome: {
    clientMutationId: string | null;
    outcome: { id: string; result: string; score: number | null; mismatches: unknown[]; goldSnippets: unknown[]; evidence: unknown; recordedAt: string };
    session: { id: string; outcome: string; score: number | null };
  };
}

describe('recordOutcome', () => {
  it('stores a failure with oracle mismatches and gold snippets, and sets the session outcome', async () => {
    const input = {
      sessionId: FIXTURE.gamma,
      result: 'FAILURE',
      score: 0.25,
      evaluator: 'csv-oracle',
      notes: 'two columns swapped',
      mismatches: [{ path: 'out.csv:2', expected: 'a,b', actual: 'b,a', message: 'column order' }],
      goldSnippets: [{ label: 'parser', path: 'src/parse.ts', text: 'return [a, b];' }],
      evidence: { testsFailed: 2, suite: ['t1', 't2'] },
      clientMutationId: 'm-1',
    };
    const data = ok(await gql<Recorded>(server.url, RECORD, { input }));
    expect(data.recordOutcome.clientMutationId).toBe('m-1');
    expect(data.recordOutcome.outcome).toMatchObject({
      result: 'FAILURE',
      score: 0.25,
      mismatches: input.mismatches,
      goldSnippets: input.goldSnippets,
      evidence: input.evidence,
    });
    expect(Date.parse(data.recordOutcome.outcome.recordedAt)).toBeGreaterThan(0);
    expect(data.recordOutcome.session).toEqual({ id: FIXTURE.gamma, outcome: 'FAILURE', score: 0.25 });
  });

  it('keeps every outcome; the latest becomes the session outcome; skills count them', async () => {
    ok(await gql<Recorded>(server.url, RECORD, { input: { sessionId: FIXTURE.gamma, result: 'SUCCESS', score: 1 } }));
    const data = ok(
      await gql<{ session: { outcome: string; score: number; outcomes: Array<{ result: string }> }; skills: Array<{ name: string; successes: number; failures: number; averageScore: number }> }>(
        server.url,
        `{ session(id: "${FIXTURE.gamma}") { outcome score outcomes { result } } skills { name successes failures averageScore } }`,
      ),
    );
    expect(data.session).toMatchObject({ outcome: 'SUCCESS', score: 1 });
    expect(data.session.outcomes.map((o) => o.result)).toEqual(['SUCCESS', 'FAILURE']);
    expect(data.skills.find((s) => s.name === 'csv')).toMatchObject({ successes: 1, failures: 0, averageScore: 1 });
    // What CostCraft reads back from the graph.
    const stored = (await outcomesOfSessions(graph, projectId, [FIXTURE.gamma])).get(FIXTURE.gamma)!;
    expect(stored[1]!.mismatches[0]).toMatchObject({ expected: 'a,b', actual: 'b,a' });
  });

  it('refuses an unknown session and a non-finite score', async () => {
    const missing = await gql(server.url, RECORD, { input: { sessionId: 'test:nope', result: 'SUCCESS' } });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tooMany = await gql(server.url, RECORD, { input: { sessionId: FIXTURE.gamma, result: 'SUCCESS', goldSnippets: Array.from({ length: 101 }, () => ({ text: 'x' })) } });
    expect(tooMany.errors?.[0]?.message).toMatch(/at most 100 gold snippets/);
  });
});

const DELETE = `mutation($input: DeleteSessionInput!) { deleteSession(input: $input) { deletedSessionIds deletedSpans deletedOutcomes clientMutationId } }`;

interface Deleted {
  deleteSession: { deletedSessionIds: string[]; deletedSpans: number; deletedOutcomes: number; clientMutationId: string | null };
}

describe('deleteSession', () => {
  it('deleting a sub-agent session lowers its parent total to what remains', async () => {
    const project = randomProjectId('delete-child');
    await ingestFixture(graph, project, pricer);
    const local = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: async () => project }, 0);
    try {
      const data = ok(await gql<Deleted>(local.url, DELETE, { input: { id: FIXTURE.alphaChild } }));
      expect(data.deleteSession).toMatchObject({ deletedSessionIds: [FIXTURE.alphaChild], deletedSpans: 2 });
      const after = ok(await gql<{ session: { totalCostUsd: number; childSessions: unknown[] } }>(local.url, `{ session(id: "${FIXTURE.alpha}") { totalCostUsd childSessions { id } } }`));
      expect(after.session.totalCostUsd).toBeCloseTo(0.05, 9);
      expect(after.session.childSessions).toEqual([]);
    } finally {
      await local.close();
    }
  });

  it('deletes the session, its spans and outcomes; its sub-agent session stays, now top-level', async () => {
    ok(await gql<Recorded>(server.url, RECORD, { input: { sessionId: FIXTURE.alpha, result: 'SUCCESS' } }));
    const data = ok(await gql<Deleted>(server.url, DELETE, { input: { id: FIXTURE.alpha, clientMutationId: 'd-1' } }));
    expect(data.deleteSession).toEqual({ deletedSessionIds: [FIXTURE.alpha], deletedSpans: 5, deletedOutcomes: 1, clientMutationId: 'd-1' });
    const after = ok(
      await gql<{ session: null; span: null; child: { parentSession: null; parentSessionId: null; totalCostUsd: number }; roots: { nodes: Array<{ id: string }> }; costRollup: Array<{ costUsd: number }> }>(
        server.url,
        `{ session(id: "${FIXTURE.alpha}") { id } span(id: "test:alpha:1") { id }
           child: session(id: "${FIXTURE.alphaChild}") { parentSession { id } parentSessionId totalCostUsd }
           roots: sessions(where: { rootOnly: true }) { nodes { id } }
           costRollup(groupBy: [MODEL], where: { agentId: "agent-a" }) { costUsd } }`,
      ),
    );
    expect(after.session).toBeNull();
    expect(after.span).toBeNull();
    expect(after.child).toMatchObject({ parentSession: null, parentSessionId: null });
    expect(after.roots.nodes.map((n) => n.id).sort()).toEqual([FIXTURE.alphaChild, FIXTURE.beta, FIXTURE.gamma]);
    // Left for agent-a: gamma $0.05 and the kept sub-agent session's $0.01.
    expect(after.costRollup.reduce((sum, r) => sum + r.costUsd, 0)).toBeCloseTo(0.06, 9);
  });

  it('a session built from plugin events loses its raw events too, so a late event does not bring it back', async () => {
    const project = randomProjectId('delete-events');
    const local = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: async () => project }, 0);
    const traceId = 'delete-me';
    const event = (n: number, eventType: string, spanId: string, payload: Record<string, unknown> = {}) => ({
      schemaVersion: 1,
      agentId: 'main',
      event: { eventId: `${traceId}-${n}`, eventType, traceId, spanId, parentSpanId: spanId === 'root' ? null : 'root', tsMs: Date.parse('2026-02-01T00:00:00Z') + n * 1000, payload },
    });
    const post = (events: unknown[]) => fetch(`${local.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
    try {
      expect((await post([event(0, 'session_start', 'root'), event(1, 'llm_before_call', 'llm-1', { model: 'claude-sonnet-4-5' }), event(2, 'llm_after_call', 'llm-1', { model: 'claude-sonnet-4-5', usage: { input: 10, output: 5 }, costUsd: 0.5 })])).status).toBe(200);
      expect(await eventsForTraces(graph, project, [traceId])).toHaveLength(3);
      await untilFinalised(graph, project);

      const data = ok(await gql<Deleted>(local.url, DELETE, { input: { id: `events:${traceId}` } }));
      expect(data.deleteSession.deletedSessionIds).toEqual([`events:${traceId}`]);
      expect(await eventsForTraces(graph, project, [traceId])).toEqual([]);

      // The trace's end arrives late: only what is new is stored, the deleted spans stay deleted.
      expect((await post([event(3, 'session_end', 'root')])).status).toBe(200);
      await untilFinalised(graph, project);
      const after = ok(await gql<{ span: null; session: { spanCount: number } | null }>(local.url, `{ span(id: "events:${traceId}:llm-1") { id } session(id: "events:${traceId}") { spanCount } }`));
      expect(after.span).toBeNull();
    } finally {
      await local.close();
    }
  });

  it('with includeChildSessions, deletes the whole spawn tree', async () => {
    const project = randomProjectId('delete-tree');
    await ingestFixture(graph, project, pricer);
    const local = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: async () => project }, 0);
    try {
      const data = ok(await gql<Deleted>(local.url, DELETE, { input: { id: FIXTURE.alpha, includeChildSessions: true } }));
      expect(data.deleteSession.deletedSessionIds.sort()).toEqual([FIXTURE.alpha, FIXTURE.alphaChild]);
      expect(data.deleteSession.deletedSpans).toBe(7);
      const left = ok(await gql<{ sessions: { totalCount: number } }>(local.url, `{ sessions { totalCount } }`));
      expect(left.sessions.totalCount).toBe(2);
    } finally {
      await local.close();
    }
  });
});
