// The read side of the GraphQL API over real HTTP against the real Neo4j: Relay pages with keyset
// cursors, filters and ordering, the span tree with own and inclusive cost, lookups, failures,
// rollups, catalogs, redundancy and TraceCards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { llmCall, sessionWith } from '../helpers/factories.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { FIXTURE, gql, ingestFixture, ok } from './graphql-client.ts';

let graph: Graph;
let server: RunningServer;
const projectId = randomProjectId('graphql');

beforeAll(async () => {
  graph = await connectTestGraph();
  const pricer = createPricer();
  await ingestFixture(graph, projectId, pricer);
  server = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: async () => projectId }, 0);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

interface SessionsPage {
  sessions: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string; totalCostUsd: number; startedAt: string | null } }>;
  };
}

const SESSIONS = `query($where: SessionWhere, $orderBy: SessionOrder, $first: Int, $after: String) {
  sessions(where: $where, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id totalCostUsd startedAt } }
  }
}`;

async function allPages(variables: Record<string, unknown>, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: SessionsPage = ok(await gql<SessionsPage>(server.url, SESSIONS, { ...variables, first, after }));
    ids.push(...page.sessions.edges.map((e) => e.node.id));
    if (!page.sessions.pageInfo.hasNextPage) break;
    after = page.sessions.pageInfo.endCursor;
  }
  return ids;
}

describe('sessions connection', () => {
  it('lists sessions newest first with a total count', async () => {
    const data = ok(await gql<SessionsPage>(server.url, SESSIONS, { first: 10 }));
    expect(data.sessions.edges.map((e) => e.node.id)).toEqual([FIXTURE.gamma, FIXTURE.beta, FIXTURE.alphaChild, FIXTURE.alpha]);
    expect(data.sessions.totalCount).toBe(4);
    expect(data.sessions.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('pages with keyset cursors: every session once, in order, for each ordering', async () => {
    for (const orderBy of [
      { field: 'STARTED_AT', direction: 'DESC' },
      { field: 'STARTED_AT', direction: 'ASC' },
      { field: 'TOTAL_COST_USD', direction: 'DESC' },
      { field: 'SPAN_COUNT', direction: 'ASC' },
    ]) {
      const paged = await allPages({ orderBy }, 1);
      const whole = ok(await gql<SessionsPage>(server.url, SESSIONS, { orderBy, first: 100 })).sessions.edges.map((e) => e.node.id);
      expect(paged).toEqual(whole);
      expect(new Set(paged).size).toBe(4);
    }
  });

  it('orders by total cost, sub-agent sessions included in the parent', async () => {
    const data = ok(await gql<SessionsPage>(server.url, SESSIONS, { orderBy: { field: 'TOTAL_COST_USD', direction: 'DESC' }, first: 2 }));
    expect(data.sessions.edges.map((e) => e.node.id)).toEqual([FIXTURE.alpha, FIXTURE.gamma]);
    expect(data.sessions.edges[0]!.node.totalCostUsd).toBeCloseTo(0.06, 9);
  });

  it('filters by agent, skill, time, errors and root-only', async () => {
    const ids = async (where: Record<string, unknown>) =>
      ok(await gql<SessionsPage>(server.url, SESSIONS, { where, first: 10 })).sessions.edges.map((e) => e.node.id).sort();
    expect(await ids({ agentId: 'agent-b' })).toEqual([FIXTURE.beta]);
    expect(await ids({ skill: 'csv' })).toEqual([FIXTURE.alpha, FIXTURE.gamma]);
    expect(await ids({ startedAt: { from: '2026-01-02T00:00:00Z', to: '2026-01-03T00:00:00Z' } })).toEqual([FIXTURE.beta]);
    expect(await ids({ hasErrors: true })).toEqual([FIXTURE.alphaChild, FIXTURE.beta]);
    expect(await ids({ rootOnly: true })).toEqual([FIXTURE.alpha, FIXTURE.beta, FIXTURE.gamma]);
    expect(await ids({ role: 'SUBAGENT' })).toEqual([FIXTURE.alphaChild]);
    expect(await ids({ minTotalCostUsd: 0.055 })).toEqual([FIXTURE.alpha]);
    // Text search over task, agent and id, ignoring case (the explorer's sessions search box).
    expect(await ids({ search: '  CSV Parser ' })).toEqual([FIXTURE.alpha]);
    expect(await ids({ search: 'agent-b' })).toEqual([FIXTURE.beta]);
    expect(await ids({ search: 'alpha', rootOnly: true })).toEqual([FIXTURE.alpha]);
    expect(await ids({ search: '' })).toHaveLength(4);
    expect(ok(await gql<SessionsPage>(server.url, SESSIONS, { where: { search: 'gamma' }, first: 10 })).sessions.totalCount).toBe(1);
  });

  it('refuses a page larger than the cap, a foreign cursor and a bad DateTime', async () => {
    const big = await gql(server.url, SESSIONS, { first: 101 });
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.errors?.[0]?.message).toMatch(/between 0 and 100/);
    const page = ok(await gql<SessionsPage>(server.url, SESSIONS, { first: 1 }));
    const foreign = await gql(server.url, SESSIONS, { first: 1, after: page.sessions.pageInfo.endCursor, orderBy: { field: 'TOTAL_COST_USD' } });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const garbage = await gql(server.url, SESSIONS, { first: 1, after: 'not-a-cursor' });
    expect(garbage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badDate = await gql(server.url, SESSIONS, { where: { startedAt: { from: 'yesterday' } } });
    expect(badDate.status).toBe(400);
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

interface SessionDetail {
  session: {
    id: string;
    source: string;
    status: string;
    role: string;
    task: string | null;
    ownCostUsd: number;
    totalCostUsd: number;
    spanCount: number;
    agent: { id: string; sessions: number } | null;
    childSessions: Array<{ id: string; role: string; parentSession: { id: string } | null; spawnedBy: { kind: string } | null }>;
    spans: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ id: string; seq: number; kind: string }> };
    tree: {
      totalCount: number;
      nodes: Array<{ id: string; parentId: string | null; childIds: string[]; kind: string; ownCostUsd: number | null; inclusiveCostUsd: number; spawnedSessionId: string | null }>;
    };
  } | null;
}

const SESSION = `query($id: ID!, $first: Int, $after: String) {
  session(id: $id) {
    id source status role task ownCostUsd totalCostUsd spanCount
    agent { id sessions }
    childSessions { id role parentSession { id } spawnedBy { kind } }
    spans(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id seq kind } }
    tree { totalCount nodes { id parentId childIds kind ownCostUsd inclusiveCostUsd spawnedSessionId } }
  }
}`;

describe('one session', () => {
  it('shows the session with its agent, sub-agent sessions and costs', async () => {
    const { session } = ok(await gql<SessionDetail>(server.url, SESSION, { id: FIXTURE.alpha }));
    expect(session).toMatchObject({ id: FIXTURE.alpha, source: 'OPENCLAW', status: 'COMPLETED', role: 'MAIN', task: 'fix the csv parser', spanCount: 5 });
    expect(session!.ownCostUsd).toBeCloseTo(0.05, 9);
    expect(session!.totalCostUsd).toBeCloseTo(0.06, 9);
    expect(session!.agent).toEqual({ id: 'agent-a', sessions: 3 });
    expect(session!.childSessions).toEqual([{ id: FIXTURE.alphaChild, role: 'SUBAGENT', parentSession: { id: FIXTURE.alpha }, spawnedBy: { kind: 'SUBAGENT' } }]);
  });

  it('pages its spans in seq order', async () => {
    const first = ok(await gql<SessionDetail>(server.url, SESSION, { id: FIXTURE.alpha, first: 2 })).session!.spans;
    expect(first.totalCount).toBe(5);
    expect(first.nodes.map((s) => s.seq)).toEqual([0, 1]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = ok(await gql<SessionDetail>(server.url, SESSION, { id: FIXTURE.alpha, first: 10, after: first.pageInfo.endCursor })).session!.spans;
    expect(rest.nodes.map((s) => s.seq)).toEqual([2, 3, 4]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('gives the call tree with child ids and own and inclusive cost (across the spawn)', async () => {
    const tree = ok(await gql<SessionDetail>(server.url, SESSION, { id: FIXTURE.alpha })).session!.tree;
    expect(tree.totalCount).toBe(5);
    const [llm1, read1, read2, spawn, llm2] = tree.nodes;
    expect(llm1!.childIds).toEqual([read1!.id, read2!.id, spawn!.id]);
    expect(read1!.parentId).toBe(llm1!.id);
    expect(llm1!.ownCostUsd).toBeCloseTo(0.02, 9);
    // The first call's subtree holds the spawn, whose child session cost $0.01.
    expect(llm1!.inclusiveCostUsd).toBeCloseTo(0.03, 9);
    expect(spawn).toMatchObject({ kind: 'SUBAGENT', spawnedSessionId: FIXTURE.alphaChild });
    expect(spawn!.inclusiveCostUsd).toBeCloseTo(0.01, 9);
    expect(llm2!.childIds).toEqual([]);
  });

  it('gives each span its arguments as JSON and a one-line snippet of what it did', async () => {
    const data = ok(
      await gql<{ session: { tree: { nodes: Array<{ kind: string; span: { args: unknown; snippet: string | null } }> } } }>(
        server.url,
        'query($id: ID!) { session(id: $id) { tree { nodes { kind span { args snippet } } } } }',
        { id: FIXTURE.alpha },
      ),
    );
    const [llm1, read1, , , llm2] = data.session.tree.nodes;
    expect(read1!.span).toEqual({ args: { path: '/a.ts' }, snippet: '/a.ts' });
    expect(llm1!.span.args).toBeNull();
    expect(llm2!.span.snippet).toBe('done');
  });

  it('answers null for an unknown session', async () => {
    expect(ok(await gql<SessionDetail>(server.url, SESSION, { id: 'test:nope' })).session).toBeNull();
  });
});

describe('lookups', () => {
  it('span(id) and node(id) find spans and sessions, with parents and children', async () => {
    const data = ok(
      await gql<{
        span: { id: string; kind: string; costUsd: number; inclusiveCostUsd: number; session: { id: string }; children: Array<{ toolName: string | null }> };
        child: { parent: { id: string }; resultPreview: string; argsCanonical: string };
        a: { __typename: string; id: string };
        b: { __typename: string; id: string };
        none: null;
      }>(
        server.url,
        `{ span(id: "test:alpha:1") { id kind costUsd inclusiveCostUsd session { id } children { toolName } }
           child: span(id: "test:alpha:2") { parent { id } resultPreview argsCanonical }
           a: node(id: "test:alpha") { __typename id }
           b: node(id: "test:alpha:1") { __typename id }
           none: node(id: "nothing") { id } }`,
      ),
    );
    expect(data.span).toMatchObject({ id: 'test:alpha:1', kind: 'LLM', session: { id: FIXTURE.alpha } });
    expect(data.span.children.map((c) => c.toolName)).toEqual(['read', 'read', 'sessions_spawn']);
    expect(data.child.parent.id).toBe('test:alpha:1');
    expect(data.child.resultPreview).toBe('export const a = 1;');
    expect(data.a).toEqual({ __typename: 'Session', id: FIXTURE.alpha });
    expect(data.b).toEqual({ __typename: 'Span', id: 'test:alpha:1' });
    expect(data.none).toBeNull();
  });

  it('failures lists failed spans, newest first, with filters', async () => {
    const query = `query($where: FailureWhere) { failures(where: $where, first: 10) { totalCount nodes { id toolName errorMessage session { id } } } }`;
    const all = ok(await gql<{ failures: { totalCount: number; nodes: Array<{ toolName: string; session: { id: string } }> } }>(server.url, query));
    expect(all.failures.totalCount).toBe(2);
    expect(all.failures.nodes.map((n) => n.session.id)).toEqual([FIXTURE.beta, FIXTURE.alphaChild]);
    const byAgent = ok(await gql<{ failures: { nodes: Array<{ session: { id: string } }> } }>(server.url, query, { where: { session: { agentId: 'agent-b' } } }));
    expect(byAgent.failures.nodes.map((n) => n.session.id)).toEqual([FIXTURE.beta]);
  });
});

describe('analytics', () => {
  it('costRollup gives flat rows by model, with unpriced calls counted apart', async () => {
    const data = ok(
      await gql<{ costRollup: Array<{ key1: string; costUsd: number; llmCalls: number; unpricedCalls: number; costBasis: string }> }>(
        server.url,
        `{ costRollup(groupBy: [MODEL]) { key1 key2 costUsd llmCalls unpricedCalls costBasis } }`,
      ),
    );
    const byModel = Object.fromEntries(data.costRollup.map((r) => [r.key1, r]));
    expect(byModel['test-model']!.costUsd).toBeCloseTo(0.11, 9);
    expect(byModel['test-model']!.llmCalls).toBe(4);
    expect(byModel['mystery-model-x']).toMatchObject({ costUsd: 0, unpricedCalls: 1, costBasis: 'OWN' });
  });

  it('costRollup by day and agent within a time range; TOOL rows are attributions', async () => {
    const data = ok(
      await gql<{ byDay: Array<{ key1: string; key2: string; costUsd: number }>; byTool: Array<{ key1: string; costBasis: string; toolCalls: number }> }>(
        server.url,
        `{ byDay: costRollup(groupBy: [DAY, AGENT], timeRange: { from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }) { key1 key2 costUsd }
           byTool: costRollup(groupBy: [TOOL], where: { agentId: "agent-a" }) { key1 costBasis toolCalls } }`,
      ),
    );
    expect(data.byDay).toHaveLength(1);
    expect(data.byDay[0]).toMatchObject({ key1: '2026-01-01', key2: 'agent-a' });
    // alpha and its sub-agent session (also agent-a) ran on Jan 1: $0.02 + $0.03 + $0.01.
    expect(data.byDay[0]!.costUsd).toBeCloseTo(0.06, 9);
    expect(data.byTool.every((r) => r.costBasis === 'ATTRIBUTED')).toBe(true);
    expect(data.byTool.find((r) => r.key1 === 'read')?.toolCalls).toBe(2);
  });

  it('costRollup rows carry each dimension under its own name beside key1/key2; others are null', async () => {
    type Row = Record<string, string | number | null>;
    const data = ok(
      await gql<{ byDayAgent: Row[]; byWeek: Row[]; byTool: Row[] }>(
        server.url,
        `{ byDayAgent: costRollup(groupBy: [DAY, AGENT]) { key1 key2 day agent model week costUsd }
           byWeek: costRollup(groupBy: [WEEK]) { key1 week day }
           byTool: costRollup(groupBy: [TOOL]) { key1 tool model toolCalls } }`,
      ),
    );
    expect(data.byDayAgent.length).toBeGreaterThan(1);
    for (const row of data.byDayAgent) expect(row).toMatchObject({ day: row.key1, agent: row.key2, model: null, week: null });
    expect(data.byDayAgent.find((r) => r.day === '2026-01-01')).toMatchObject({ agent: 'agent-a' });
    // The fixture's days (Jan 1-3, 2026) fall in the ISO week starting Monday Dec 29, 2025.
    expect(data.byWeek).toEqual([{ key1: '2025-12-29', week: '2025-12-29', day: null }]);
    expect(data.byTool.find((r) => r.tool === 'read')).toMatchObject({ key1: 'read', model: null, toolCalls: 2 });
  });

  it('costRollup refuses TOOL as the second dimension and three dimensions', async () => {
    const second = await gql(server.url, `{ costRollup(groupBy: [DAY, TOOL]) { key1 } }`);
    expect(second.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const three = await gql(server.url, `{ costRollup(groupBy: [DAY, MODEL, AGENT]) { key1 } }`);
    expect(three.errors?.[0]?.message).toMatch(/one or two/);
  });

  it('catalogs: agents, models, tools, skills with stats', async () => {
    const data = ok(
      await gql<{
        agents: Array<{ id: string; sessions: number; costUsd: number }>;
        models: Array<{ id: string; calls: number; unpricedCalls: number }>;
        tools: Array<{ name: string; calls: number; errors: number }>;
        skills: Array<{ name: string; sessions: number; costUsd: number }>;
      }>(server.url, `{ agents { id sessions costUsd } models { id calls unpricedCalls } tools { name calls errors } skills { name sessions costUsd } }`),
    );
    expect(data.agents.map((a) => [a.id, a.sessions])).toEqual([
      ['agent-a', 3],
      ['agent-b', 1],
    ]);
    expect(data.agents[0]!.costUsd).toBeCloseTo(0.11, 9);
    expect(data.models.find((m) => m.id === 'mystery-model-x')).toMatchObject({ calls: 1, unpricedCalls: 1 });
    expect(data.tools.find((t) => t.name === 'bash')).toMatchObject({ calls: 2, errors: 2 });
    expect(data.skills).toHaveLength(1);
    expect(data.skills[0]).toMatchObject({ name: 'csv', sessions: 2 });
  });

  it('redundantCalls finds the repeated read, with the span it repeats', async () => {
    const data = ok(
      await gql<{ redundantCalls: Array<{ kind: string; spanId: string; repeatsSpanId: string; span: { toolName: string }; repeats: { id: string } }> }>(
        server.url,
        `{ redundantCalls(where: { sessionId: "${FIXTURE.alpha}" }) { kind spanId repeatsSpanId wastedUsd wastedTokens span { toolName } repeats { id } } }`,
      ),
    );
    expect(data.redundantCalls).toHaveLength(1);
    expect(data.redundantCalls[0]).toMatchObject({ spanId: 'test:alpha:3', repeatsSpanId: 'test:alpha:2', span: { toolName: 'read' }, repeats: { id: 'test:alpha:2' } });
    expect(['EXACT_DUPLICATE', 'REREAD']).toContain(data.redundantCalls[0]!.kind);
  });

  it('traceCard gives the YAML and the structured fields', async () => {
    const data = ok(
      await gql<{
        traceCard: { sessionId: string; yaml: string; tokens: number; truncated: boolean; own: { llmCalls: number }; inclusive: { costUsd: number; sessions: number }; card: { cardVersion: number } };
        session: { traceCard: { yaml: string } };
      }>(
        server.url,
        `{ traceCard(sessionId: "${FIXTURE.alpha}") { sessionId yaml tokens truncated own { llmCalls } inclusive { costUsd sessions } topSteps { ref kind costUsd } card }
           session(id: "${FIXTURE.alpha}") { traceCard { yaml } } }`,
      ),
    );
    expect(data.traceCard.yaml).toContain('cardVersion');
    expect(data.traceCard.inclusive.sessions).toBe(2);
    expect(data.traceCard.inclusive.costUsd).toBeCloseTo(0.06, 9);
    expect(data.traceCard.own.llmCalls).toBe(2);
    expect(data.traceCard.card.cardVersion).toBe(1);
    expect(data.session.traceCard.yaml).toBe(data.traceCard.yaml);
    const none = ok(await gql<{ traceCard: null }>(server.url, `{ traceCard(sessionId: "test:nope") { yaml } }`));
    expect(none.traceCard).toBeNull();
  });
});

describe('money as presented', () => {
  // Float sums carry noise (0.1 + 0.2 = 0.30000000000000004): a project of its own whose totals do.
  const moneyProject = randomProjectId('graphql-money');
  let moneyServer: RunningServer;

  beforeAll(async () => {
    const pricer = createPricer();
    await ingestBatch(
      graph,
      moneyProject,
      sessionWith({ name: 'noisy', agentId: 'agent-n', startedAt: '2026-02-02T09:00:00.000Z' }, [llmCall({ costUsd: 0.1 }), llmCall({ costUsd: 0.2 })]),
      pricer,
    );
    await ingestBatch(
      graph,
      moneyProject,
      sessionWith({ name: 'tiny', agentId: 'agent-t', startedAt: '2026-02-03T09:00:00.000Z' }, [
        llmCall({ costUsd: 0.0000004 }),
        llmCall({ costUsd: 0.0000004 }),
        llmCall({ costUsd: 0.0000004 }),
      ]),
      pricer,
    );
    moneyServer = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: async () => moneyProject }, 0);
  });
  afterAll(async () => {
    await moneyServer?.close();
  });

  it('every …Usd field is rounded to micro-dollars; storage and sums are not', async () => {
    interface Money {
      noisy: { ownCostUsd: number; totalCostUsd: number; tree: { nodes: Array<{ ownCostUsd: number; inclusiveCostUsd: number }> } };
      tiny: { totalCostUsd: number; spans: { nodes: Array<{ costUsd: number; inclusiveCostUsd: number }> } };
      costRollup: Array<{ agent: string; costUsd: number }>;
      agents: Array<{ id: string; costUsd: number }>;
      traceCard: { inclusive: { costUsd: number } };
    }
    const data = ok(
      await gql<Money>(
        moneyServer.url,
        `{ noisy: session(id: "test:noisy") { ownCostUsd totalCostUsd tree { nodes { ownCostUsd inclusiveCostUsd } } }
           tiny: session(id: "test:tiny") { totalCostUsd spans { nodes { costUsd inclusiveCostUsd } } }
           costRollup(groupBy: [AGENT]) { agent costUsd }
           agents { id costUsd }
           traceCard(sessionId: "test:noisy") { inclusive { costUsd } } }`,
      ),
    );
    const stored = (await graph.read('test-support/snapshot-sessions', { projectId: moneyProject })).find((r) => r.id === 'test:noisy');
    expect((stored?.props as { totalCostUsd: number }).totalCostUsd).toBe(0.1 + 0.2);
    expect(data.noisy).toMatchObject({ ownCostUsd: 0.3, totalCostUsd: 0.3 });
    expect(data.noisy.tree.nodes.map((n) => n.ownCostUsd)).toEqual([0.1, 0.2]);
    expect(data.costRollup.find((r) => r.agent === 'agent-n')!.costUsd).toBe(0.3);
    expect(data.agents.find((a) => a.id === 'agent-n')!.costUsd).toBe(0.3);
    expect(data.traceCard.inclusive.costUsd).toBe(0.3);
    // $0.0000004 three times: each call shows 0, the sum of the unrounded costs $0.000001.
    expect(data.tiny.spans.nodes.map((n) => n.costUsd)).toEqual([0, 0, 0]);
    expect(data.tiny.totalCostUsd).toBe(0.000001);
    expect(data.costRollup.find((r) => r.agent === 'agent-t')!.costUsd).toBe(0.000001);
  });
});
