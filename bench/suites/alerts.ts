// Issue 21: how fast an alert reaches a webhook, and what evaluating budgets costs the finaliser.
// Against a real engine process with its delivery worker and a local webhook receiver:
//   - latency: 20 runaway sessions (an LLM call at $0.25 and a poll per request, one request every
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
import { pending, startBenchEngine } from '../engine.ts';
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

export async function alertsSuite(graph: Graph): Promise<SuiteResult> {
  const engine = await startBenchEngine(graph);
  const hook = await startWebhookReceiver();
  try {
    // Latency.
    const project = await engine.project('bench-alerts');
    for (const m of [...RULES, `mutation { createWebhook(input: {url: "${hook.url}"}) { webhook { id } } }`]) ok(await gql(engine.url, m, {}, { key: project.key }));
    const ackOf = new Map<string, number>();
    const runs: RunawaySession[] = Array.from({ length: SESSIONS }, (_, i) =>
      runawaySession({ tag: 50_000 + i, conversationId: `bench-runaway-${i}`, calls: CALLS, costPerCallUsd: 0.25, stepMs: 30_000 }),
    );
    const sendSession = async (run: RunawaySession) => {
      for (let c = 0; c < CALLS; c += 1) {
        const spans = run.spans.filter((s) => s.spanId === run.llmSpanIds[c] || s.spanId === run.pollSpanIds[c]);
        const at = await post(engine.url, project.key, runawayRequests(spans, 10)[0]!);
        for (const s of spans) ackOf.set(`otel:${run.traceId}:${s.spanId as string}`, at);
        await sleep(PACE_MS);
      }
    };
    for (let i = 0; i < SESSIONS; i += AT_ONCE) await Promise.all(runs.slice(i, i + AT_ONCE).map(sendSession));
    const expected = SESSIONS * 4; // warning, limit, rate, poll loop per session
    await hook.waitFor(expected, 120_000);
    await sleep(3_000);
    const latencies = hook.received.map((r) => {
      const alert = r.body.alert as { spanId: string };
      return r.atMs - (ackOf.get(alert.spanId) ?? r.atMs);
    });
    // Where the time goes: acknowledgement → fired (finaliser) and fired → received (delivery).
    const toFired = hook.received.map((r) => {
      const alert = r.body.alert as { spanId: string; firedAt: string };
      return Date.parse(alert.firedAt) - (ackOf.get(alert.spanId) ?? Date.parse(alert.firedAt));
    });
    const toReceived = hook.received.map((r) => r.atMs - Date.parse((r.body.alert as { firedAt: string }).firedAt));
    const ids = hook.received.map((r) => (r.body.alert as { id: string }).id);
    await project.done();

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
    const sorted = [...latencies].sort((a, b) => a - b);
    const fired = [...toFired].sort((a, b) => a - b);
    const received = [...toReceived].sort((a, b) => a - b);
    return {
      alerts: hook.received.length,
      expectedAlerts: expected,
      distinctAlerts: new Set(ids).size,
      latencyMsP50: percentile(sorted, 50),
      latencyMsP95: percentile(sorted, 95),
      latencyMsMax: sorted.at(-1) ?? null,
      ackToFiredMsP50: percentile(fired, 50),
      ackToFiredMsP95: percentile(fired, 95),
      firedToReceivedMsP50: percentile(received, 50),
      firedToReceivedMsP95: percentile(received, 95),
      ...overhead,
    };
  } finally {
    await hook.close();
    await engine.stop();
  }
}
