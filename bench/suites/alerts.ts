// Issue 21: how fast an alert reaches a webhook, and what evaluating budgets costs the finaliser.
// Against a real engine process with its delivery worker and a local webhook receiver:
//   - latency, cold (the engine's first 4 sessions) and warm: 20 runaway sessions (an LLM call at $0.25 and a poll per request, one request every
//     300 ms per session, 4 sessions at a time), a session budget (warning $1, limit $2), a spend-rate
//     rule and a poll-loop rule; per alert, ms from the acknowledgement of the request that carried
//     the crossing call to the webhook's receipt — p50, p95, max — and whether each crossing arrived
//     exactly once;
//   - overhead: the same realistic-size OTLP ingest (sessions of 200 spans, end order, 4 senders)
//     into a project without budgets and one with a budget of each kind and both rules; spans/s until
//     finalised for each.
import { runawayRequests, runawaySession, type RunawaySession } from '../../test/helpers/runaway-otlp.ts';
import { startWebhookReceiver } from '../../test/helpers/webhook-receiver.ts';
import { gql, ok } from '../../test/integration/graphql-client.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { pending, startBenchEngine, type BenchEngine } from '../engine.ts';
import { percentile, type SuiteResult } from '../harness.ts';

const SESSIONS = Number(process.env.CLAWTRACE_BENCH_ALERT_SESSIONS ?? 20);
const AT_ONCE = 4;
const CALLS = 12;
const PACE_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const RULES = [
  `mutation { createBudget(input: {name: "session cap", scope: PROJECT, window: SESSION, warnUsd: 1, limitUsd: 2}) { budget { id } } }`,
  `mutation { createAlertRule(input: {name: "burn rate", kind: SPEND_RATE, thresholdUsd: 1.5, windowMinutes: 10, cooldownMinutes: 60}) { alertRule { id } } }`,
  `mutation { createAlertRule(input: {name: "stuck polling", kind: WASTE, minMinutes: 4, findingKinds: [POLL_LOOP]}) { alertRule { id } } }`,
];

async function post(url: string, key: string, body: string): Promise<number> {
  const res = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`POST /v1/traces: HTTP ${res.status}`);
  return Date.now();
}

async function untilFinalised(url: string, key: string): Promise<void> {
  for (;;) {
    if ((await pending(url, key)) === 0) return;
    await sleep(50);
  }
}

interface LatencyFigures {
  alerts: number;
  expectedAlerts: number;
  distinctAlerts: number;
  latencyMsP50: number;
  latencyMsP95: number;
  latencyMsMax: number | null;
  ackToFiredMsP50: number;
  ackToFiredMsP95: number;
  firedToReceivedMsP50: number;
  firedToReceivedMsP95: number;
}

const sortedOf = (values: number[]) => [...values].sort((a, b) => a - b);

/** `sessions` runaway sessions, AT_ONCE at a time, into a fresh project with the rules and a webhook. */
async function measureLatency(engine: BenchEngine, sessions: number, tagBase: number): Promise<LatencyFigures> {
  const hook = await startWebhookReceiver();
  const project = await engine.project('bench-alerts');
  try {
    for (const m of [...RULES, `mutation { createWebhook(input: {url: "${hook.url}"}) { webhook { id } } }`]) ok(await gql(engine.url, m, {}, { key: project.key }));
    const ackOf = new Map<string, number>();
    const runs: RunawaySession[] = Array.from({ length: sessions }, (_, i) =>
      runawaySession({ tag: tagBase + i, conversationId: `bench-runaway-${tagBase + i}`, calls: CALLS, costPerCallUsd: 0.25, stepMs: 30_000 }),
    );
    const sendSession = async (run: RunawaySession) => {
      for (let c = 0; c < CALLS; c += 1) {
        const spans = run.spans.filter((s) => s.spanId === run.llmSpanIds[c] || s.spanId === run.pollSpanIds[c]);
        const at = await post(engine.url, project.key, runawayRequests(spans, 10)[0]!);
        for (const s of spans) ackOf.set(`otel:${run.traceId}:${s.spanId as string}`, at);
        await sleep(PACE_MS);
      }
    };
    for (let i = 0; i < sessions; i += AT_ONCE) await Promise.all(runs.slice(i, i + AT_ONCE).map(sendSession));
    const expected = sessions * 4; // warning, limit, rate, poll loop per session
    await hook.waitFor(expected, 300_000);
    await sleep(3_000);
    const alerts = hook.received.map((r) => ({ atMs: r.atMs, ...(r.body.alert as { id: string; spanId: string; firedAt: string }) }));
    const ackMs = (a: { spanId: string; atMs: number }) => ackOf.get(a.spanId) ?? a.atMs;
    const latency = sortedOf(alerts.map((a) => a.atMs - ackMs(a)));
    // Where the time goes: acknowledgement → fired (the finaliser) and fired → received (delivery).
    const fired = sortedOf(alerts.map((a) => Date.parse(a.firedAt) - ackMs(a)));
    const received = sortedOf(alerts.map((a) => a.atMs - Date.parse(a.firedAt)));
    return {
      alerts: alerts.length,
      expectedAlerts: expected,
      distinctAlerts: new Set(alerts.map((a) => a.id)).size,
      latencyMsP50: percentile(latency, 50),
      latencyMsP95: percentile(latency, 95),
      latencyMsMax: latency.at(-1) ?? null,
      ackToFiredMsP50: percentile(fired, 50),
      ackToFiredMsP95: percentile(fired, 95),
      firedToReceivedMsP50: percentile(received, 50),
      firedToReceivedMsP95: percentile(received, 95),
    };
  } finally {
    await project.done();
    await hook.close();
  }
}

export async function alertsSuite(graph: Graph): Promise<SuiteResult> {
  const engine = await startBenchEngine(graph);
  try {
    // Cold: the first sessions an engine (and, on the bench's fresh Neo4j, a fresh store) sees pay
    // for query planning and JIT warm-up in every finalisation. Warm: what a running engine gives.
    const cold = await measureLatency(engine, AT_ONCE, 50_000);
    const warm = await measureLatency(engine, SESSIONS, 60_000);

    // Overhead.
    const overhead: Record<string, number> = {};
    for (const withRules of [false, true]) {
      const p = await engine.project(withRules ? 'bench-alerts-rules' : 'bench-alerts-none');
      if (withRules) for (const m of RULES) ok(await gql(engine.url, m, {}, { key: p.key }));
      const sessions = Array.from({ length: 50 }, (_, i) => runawaySession({ tag: 90_000 + i + (withRules ? 1000 : 0), conversationId: `bench-overhead-${withRules}-${i}`, calls: 100, costPerCallUsd: 0.001, stepMs: 1_000 }));
      const bodies = runawayRequests(sessions.flatMap((s) => s.spans), 500);
      const started = Date.now();
      let next = 0;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next < bodies.length) await post(engine.url, p.key, bodies[next++]!);
      }));
      await untilFinalised(engine.url, p.key);
      const spans = sessions.reduce((n, s) => n + s.spans.length, 0);
      overhead[withRules ? 'spansPerSecondWithRules' : 'spansPerSecondWithout'] = Math.round(spans / ((Date.now() - started) / 1000));
      await p.done();
    }
    return { cold, warm, ...overhead };
  } finally {
    await engine.stop();
  }
}
