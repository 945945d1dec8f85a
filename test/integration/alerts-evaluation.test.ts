// Budgets and alert rules evaluated by the finaliser (issue 21), through the real server: a runaway
// session (an LLM call every 30 s at $0.25, each followed by the same poll of a process "still
// running") arrives the way OTLP exporters send it (end order, split over concurrent requests, a
// request re-sent). Every rule fires exactly once per crossing, at the call that crossed it;
// re-sending everything, a second engine on the same database and a new finaliser fire nothing
// more; another project sees none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { untilFinalised } from '../helpers/finalised.ts';
import { runawayRequests, runawaySession, type RunawaySession } from '../helpers/runaway-otlp.ts';
import { startTestServer } from '../helpers/server.ts';
import { gql, ok } from './graphql-client.ts';

interface AlertRow {
  kind: string;
  level: string;
  ruleName: string;
  sessionId: string | null;
  spanId: string | null;
  observedUsd: number;
  thresholdUsd: number | null;
  findingKind: string | null;
  repeats: number | null;
  message: string;
}

const ALERTS = `query { alerts(first: 100) { totalCount nodes { kind level ruleName sessionId spanId observedUsd thresholdUsd findingKind repeats message } } }`;

const project = randomProjectId('alerts');
const otherProject = randomProjectId('alerts-other');
let graph: Graph;
let server: RunningServer;
let other: RunningServer;
let runaway: RunawaySession;
const conversationId = `runaway-${project}`;

async function post(url: string, body: string): Promise<void> {
  const res = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(res.status).toBe(200);
}

async function alerts(url: string): Promise<AlertRow[]> {
  return ok(await gql<{ alerts: { nodes: AlertRow[] } }>(url, ALERTS)).alerts.nodes;
}

beforeAll(async () => {
  graph = await connectTestGraph();
  server = await startTestServer(graph, project);
  other = await startTestServer(graph, otherProject);
  for (const mutation of [
    `mutation { createBudget(input: {name: "session cap", scope: PROJECT, window: SESSION, warnUsd: 1, limitUsd: 2}) { budget { id } } }`,
    `mutation { createBudget(input: {name: "daily", scope: PROJECT, window: DAY, limitUsd: 2.5}) { budget { id } } }`,
    `mutation { createAlertRule(input: {name: "burn rate", kind: SPEND_RATE, thresholdUsd: 1.5, windowMinutes: 10, cooldownMinutes: 60}) { alertRule { id } } }`,
    `mutation { createAlertRule(input: {name: "stuck polling", kind: WASTE, minMinutes: 4, findingKinds: [POLL_LOOP]}) { alertRule { id } } }`,
  ]) {
    ok(await gql(server.url, mutation));
  }
  // Twelve calls, 30 s apart, ending now: $3.00 in 6 minutes.
  runaway = runawaySession({ tag: 7001, conversationId, calls: 12, costPerCallUsd: 0.25, stepMs: 30_000 });
  // Stored span ids carry their trace (src/sources/otlp): the ids alerts name.
  const stored = (id: string) => `otel:${runaway.traceId}:${id}`;
  runaway = { ...runaway, llmSpanIds: runaway.llmSpanIds.map(stored), pollSpanIds: runaway.pollSpanIds.map(stored) };
  const requests = runawayRequests(runaway.spans, 7);
  // Four senders at once, and the second request sent twice.
  await Promise.all([0, 1, 2, 3].map(async (lane) => {
    for (let i = lane; i < requests.length; i += 4) await post(server.url, requests[i]!);
  }));
  await post(server.url, requests[1]!);
  await untilFinalised(graph, project);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await other?.close();
  await graph?.close();
});

describe('alerts fired by the finaliser', () => {
  it('fires each rule once, at the call that crossed it', async () => {
    const fired = await alerts(server.url);
    const byName = (name: string, level = 'WARNING') => fired.filter((a) => a.ruleName === name && a.level === level);
    // Session budget: the warning at the 4th call ($1.00), the limit at the 8th ($2.00).
    expect(byName('session cap')).toHaveLength(1);
    expect(byName('session cap')[0]!.spanId).toBe(runaway.llmSpanIds[3]);
    expect(byName('session cap', 'LIMIT')).toHaveLength(1);
    expect(byName('session cap', 'LIMIT')[0]!.spanId).toBe(runaway.llmSpanIds[7]);
    expect(byName('session cap', 'LIMIT')[0]!.observedUsd).toBeCloseTo(3, 9);
    // The day's budget: $2.50 reached at the 10th call.
    const daily = byName('daily', 'LIMIT');
    expect(daily).toHaveLength(1);
    expect(daily[0]!.spanId).toBe(runaway.llmSpanIds[9]);
    // Spend rate: $1.50 within 10 minutes at the 6th call, once (it stays above).
    const rate = fired.filter((a) => a.kind === 'SPEND_RATE');
    expect(rate).toHaveLength(1);
    expect(rate[0]!.spanId).toBe(runaway.llmSpanIds[5]);
    // Poll loop: the first poll starts the run; 4 minutes later (the 9th poll) it fires.
    const waste = fired.filter((a) => a.kind === 'WASTE');
    expect(waste).toHaveLength(1);
    expect(waste[0]).toMatchObject({ findingKind: 'POLL_LOOP', spanId: runaway.pollSpanIds[8], repeats: 8 });
    expect(fired).toHaveLength(5);
    for (const alert of fired) expect(alert.sessionId).toBe(`otel:${conversationId}`);
  });

  it('fires nothing more when everything is sent again, to a second engine on the same database', async () => {
    const second = await startTestServer(graph, project);
    try {
      for (const body of runawayRequests(runaway.spans, 5)) await post(second.url, body);
      await untilFinalised(graph, project);
    } finally {
      await second.close();
    }
    expect(await alerts(server.url)).toHaveLength(5);
  });

  it('answers the budget state the plugin polls', async () => {
    const res = await fetch(`${server.url}/v1/budget-state?sessionId=${encodeURIComponent(conversationId)}`);
    const state = (await res.json()) as { status: string; spentUsd: number; alerts: unknown[]; rootSessionId: string };
    expect(state).toMatchObject({ status: 'LIMIT', rootSessionId: `otel:${conversationId}` });
    expect(state.spentUsd).toBeCloseTo(3, 9);
    expect(state.alerts).toHaveLength(5);
    const unknown = (await (await fetch(`${server.url}/v1/budget-state?sessionId=nobody`)).json()) as { status: string };
    expect(unknown.status).toBe('OK');
    const missing = await fetch(`${server.url}/v1/budget-state`);
    expect(missing.status).toBe(400);
  });

  it('shows another project none of it', async () => {
    expect(await alerts(other.url)).toHaveLength(0);
    const state = (await (await fetch(`${other.url}/v1/budget-state?sessionId=${encodeURIComponent(conversationId)}`)).json()) as { status: string };
    expect(state.status).toBe('OK');
    const budgets = ok(await gql<{ budgets: unknown[]; alertRules: unknown[] }>(other.url, '{ budgets { id } alertRules { id } }'));
    expect(budgets).toEqual({ budgets: [], alertRules: [] });
  });

  it('refuses bad budgets and rules with the field and the reason', async () => {
    const cases: Array<[string, RegExp]> = [
      [`mutation { createBudget(input: {scope: AGENT, window: DAY, limitUsd: 5}) { budget { id } } }`, /input\.scopeValue: AGENT scope needs a scopeValue/],
      [`mutation { createBudget(input: {scope: PROJECT, window: DAY, limitUsd: 1e300}) { budget { id } } }`, /input\.limitUsd: must be at most 1e9/],
      [`mutation { createBudget(input: {scope: PROJECT, window: DAY, warnUsd: 5, limitUsd: 4}) { budget { id } } }`, /input\.warnUsd: must be below limitUsd/],
      [`mutation { createBudget(input: {scope: SESSION, scopeValue: "x", window: DAY, limitUsd: 4}) { budget { id } } }`, /input\.window: SESSION scope takes the SESSION window/],
      [`mutation { createAlertRule(input: {kind: SPEND_RATE, thresholdUsd: 1}) { alertRule { id } } }`, /input\.windowMinutes: SPEND_RATE needs windowMinutes/],
      [`mutation { createAlertRule(input: {kind: WASTE}) { alertRule { id } } }`, /WASTE needs minMinutes, thresholdUsd or both/],
    ];
    for (const [mutation, message] of cases) {
      const response = await gql(server.url, mutation);
      expect(response.errors?.[0]?.message, mutation).toMatch(message);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const missing = await gql(server.url, `mutation { deleteBudget(input: {id: "budget-nope"}) { deletedId } }`);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
