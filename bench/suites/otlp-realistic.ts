// The realistic OTLP workload of issue 12, against a real engine process: 50 sessions × 1,000 spans
// (root agent → 9 sub-agents → 110 LLM/tool spans each, OpenInference attributes, ~400 B input /
// ~200 B output per LLM span), exported as a BatchSpanProcessor does — in end order (children
// before parents), 500 spans per OTLP/protobuf request, sessions split over requests — by 4
// concurrent senders. Reported:
//   - spans/s until acknowledged (every request answered 200);
//   - spans/s until queryable and finalised (no session pending, every session complete, and the
//     rollup by session equal to the generated truth: calls, tokens, cost);
//   - freshness p50/p95: per session, from the acknowledgement of its last request to the moment it
//     is seen finalised (the engine's `finalisedAt` when it has one, else polling every 100 ms);
//   - what is wrong if anything is (spans without their parent, calls counted twice, cost off).
// Run three times on one engine process: cold (a process just started), warm (the second run), and
// paced (warm, the requests spread evenly at 1,000 spans/s: freshness below capacity).
// CLAWTRACE_BENCH_SCALE scales the session count (0.1 → 5 sessions, a smoke run).
import { prng } from '../generate.ts';
import { endOrder, generateSession, REALISTIC_SHAPE, toRequest, type GenSession } from '../otlp-sessions.ts';
import { createPricer, priceSpans } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { convertOtlpRequest, encodeOtlpProtobuf } from '../../src/sources/otlp/index.ts';
import { graphqlQuery, pending, startBenchEngine, typeFields, type BenchEngine } from '../engine.ts';
import { percentile, type SuiteResult } from '../harness.ts';

const SPANS_PER_REQUEST = 500;
const SENDERS = 4;
const POLL_MS = 100;
const FINALISE_TIMEOUT_MS = 600_000;
/** The paced run's steady rate: about two thirds of the warm throughput measured until finalised. */
const PACED_SPANS_PER_SECOND = 1_000;

export function realisticScale(): number {
  const scale = Number(process.env.CLAWTRACE_BENCH_SCALE ?? 1);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}

interface Body {
  body: Buffer;
  spans: number;
  sessionIds: string[];
}

interface Workload {
  sessions: GenSession[];
  /** The requests in export order; the senders take the next one as soon as they are free. */
  bodies: Body[];
  truth: { spans: number; llmCalls: number; inputTokens: number; outputTokens: number; costUsd: number };
  bytes: number;
}

/**
 * Generated once and sent by both runs (ids are per project). The sessions run one after another;
 * the exporter sends their spans in end order, 500 at a time, so each session is split over two
 * or three requests, and those are in flight at the same time on different senders.
 */
function workload(sessionCount: number): Workload {
  const random = prng(12);
  const pricer = createPricer();
  const sessions: GenSession[] = [];
  const truth = { spans: 0, llmCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  let clock = 1_767_600_000_000_000_000n;
  for (let i = 0; i < sessionCount; i++) {
    const session = generateSession(i, REALISTIC_SHAPE, random, clock, 'bench');
    clock = session.spans.reduce((max, g) => (g.endNs > max ? g.endNs : max), clock) + 1_000_000_000n;
    sessions.push(session);
    truth.spans += session.truth.spans;
    truth.llmCalls += session.truth.llmCalls;
    truth.inputTokens += session.truth.inputTokens;
    truth.outputTokens += session.truth.outputTokens;
    // The cost truth: each session's spans priced on their own, in one piece, outside the graph.
    const { batch } = convertOtlpRequest(toRequest(session.spans));
    for (const cost of priceSpans(batch.spans, pricer).values()) truth.costUsd += cost.costUsd ?? 0;
  }
  const ordered = endOrder(sessions.flatMap((s) => s.spans));
  const bodies: Body[] = [];
  for (let i = 0; i < ordered.length; i += SPANS_PER_REQUEST) {
    const chunk = ordered.slice(i, i + SPANS_PER_REQUEST);
    bodies.push({ body: encodeOtlpProtobuf(toRequest(chunk)), spans: chunk.length, sessionIds: [...new Set(chunk.map((g) => `otel:${g.sessionKey}`))] });
  }
  return { sessions, bodies, truth, bytes: bodies.reduce((n, b) => n + b.body.length, 0) };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

interface SessionState {
  id: string;
  spanCount: number;
  finalisedAt?: string | null;
  pending?: boolean | null;
  finalised?: boolean | null;
}

/**
 * One delivery of the workload. `paceSpansPerSecond`: the senders start request i no earlier than
 * i × 500 / pace seconds after the start (steady traffic below capacity); none: as fast as answered.
 */
async function run(graph: Graph, engine: BenchEngine, work: Workload, label: string, paceSpansPerSecond?: number): Promise<SuiteResult> {
  const { projectId, key, done } = await engine.project(`bench-otlp-realistic-${label}`);
  const url = engine.url;
  const fields = await typeFields(url, key, 'Session');
  // Fields a newer engine may have: when the session was finalised, whether it still waits.
  const extra = ['finalisedAt', 'pending', 'finalised'].filter((f) => fields.has(f)).join(' ');
  const sessionsQuery = `{ sessions(first: 100) { nodes { id spanCount ${extra} } } }`;
  const expectedSpans = new Map(work.sessions.map((s) => [`otel:${s.conversationId}`, s.truth.spans]));

  const lastAck = new Map<string, number>();
  const acked = new Set<Body>();
  const bodies = work.bodies;
  let next = 0;
  const seenFinal = new Map<string, number>();
  let sending = true;
  let retries = 0;
  const started = Date.now();

  // Polls while the senders run, so freshness is measured under load.
  const poller = (async () => {
    for (;;) {
      const now = Date.now();
      let states: SessionState[] = [];
      try {
        states = (await graphqlQuery<{ sessions: { nodes: SessionState[] } }>(url, key, sessionsQuery)).sessions.nodes;
      } catch {
        // The engine is busy: ask again.
      }
      for (const s of states) {
        if (seenFinal.has(s.id) || !lastAck.has(s.id) || s.spanCount !== expectedSpans.get(s.id) || s.pending === true || s.finalised === false) continue;
        if (bodies.some((b) => b.sessionIds.includes(s.id) && !acked.has(b))) continue;
        seenFinal.set(s.id, s.finalisedAt ? Date.parse(s.finalisedAt) : now);
      }
      const allFinal = seenFinal.size === expectedSpans.size;
      if (!sending && allFinal && (await pending(url, key)) === 0) return Date.now();
      if (Date.now() - started > FINALISE_TIMEOUT_MS) return null;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();

  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < bodies.length) {
        const index = next++;
        const item = bodies[index]!;
        if (paceSpansPerSecond) {
          const due = started + ((index * SPANS_PER_REQUEST) / paceSpansPerSecond) * 1000;
          if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        }
        for (let attempt = 1; ; attempt++) {
          const res = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${key}` }, body: item.body });
          await res.arrayBuffer();
          if (res.ok) break;
          if (![429, 502, 503, 504].includes(res.status) || attempt > 20) throw new Error(`/v1/traces answered ${res.status}`);
          retries += 1;
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
        acked.add(item);
        const at = Date.now();
        for (const id of item.sessionIds) lastAck.set(id, Math.max(lastAck.get(id) ?? 0, at));
      }
    }),
  );
  const ackedAt = Date.now();
  sending = false;
  const finalisedAt = await poller;

  // Queryable: the rollup a user would read, against the generated truth.
  const rollup = await graphqlQuery<{ costRollup: Array<{ key1: string; llmCalls: number; inputTokens: number; outputTokens: number; costUsd: number }> }>(
    url,
    key,
    '{ costRollup(groupBy: [SESSION]) { key1 llmCalls inputTokens outputTokens costUsd } }',
  );
  const queryableAt = Date.now();
  const got = rollup.costRollup.reduce(
    (t, r) => ({ llmCalls: t.llmCalls + r.llmCalls, inputTokens: t.inputTokens + r.inputTokens, outputTokens: t.outputTokens + r.outputTokens, costUsd: t.costUsd + r.costUsd }),
    { llmCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
  );
  const bySession = new Map(work.sessions.map((s) => [`otel:${s.conversationId}`, s.truth.llmCalls]));
  const sessionsWithWrongCalls = rollup.costRollup.filter((r) => bySession.get(r.key1) !== r.llmCalls).length;
  const [tree] = await treeIntegrity(graph, projectId);
  const correct =
    got.llmCalls === work.truth.llmCalls &&
    got.inputTokens === work.truth.inputTokens &&
    got.outputTokens === work.truth.outputTokens &&
    Math.abs(got.costUsd - work.truth.costUsd) < 1e-6 &&
    tree?.roots === work.sessions.length;

  const freshness = [...seenFinal].map(([id, at]) => Math.max(0, at - lastAck.get(id)!)).sort((a, b) => a - b);
  const seconds = (at: number) => (at - started) / 1000;
  await done();
  return {
    spans: work.truth.spans,
    ...(paceSpansPerSecond ? { pacedSpansPerSecond: paceSpansPerSecond } : {}),
    sessions: work.sessions.length,
    requests: bodies.length,
    senders: SENDERS,
    megabytesSent: round(work.bytes / 2 ** 20),
    retries,
    ackSeconds: round(seconds(ackedAt)),
    spansPerSecondAcknowledged: Math.round(work.truth.spans / seconds(ackedAt)),
    finalisedSeconds: finalisedAt === null ? null : round(seconds(finalisedAt)),
    queryableSeconds: finalisedAt === null ? null : round(seconds(queryableAt)),
    spansPerSecondQueryable: finalisedAt === null ? null : Math.round(work.truth.spans / seconds(queryableAt)),
    freshnessMs: { p50: percentile(freshness, 50), p95: percentile(freshness, 95), max: freshness.at(-1) ?? null, sessions: freshness.length, method: fields.has('finalisedAt') ? 'Session.finalisedAt' : `polled every ${POLL_MS} ms` },
    afterLastAckMs: finalisedAt === null ? null : finalisedAt - ackedAt,
    correct,
    truth: { ...work.truth, costUsd: round(work.truth.costUsd, 6) },
    measured: { ...got, costUsd: round(got.costUsd, 6), sessionsWithWrongLlmCalls: sessionsWithWrongCalls, ...tree },
  };
}

/** Spans without a parent (one root per session when no link was lost), placeholders, double homes. */
async function treeIntegrity(graph: Graph, projectId: string): Promise<Array<Record<string, number>>> {
  const rows = await graph.read('test-support/tree-integrity', { projectId });
  return rows.map((r) => ({ spansStored: Number(r.spans), roots: Number(r.roots), placeholders: Number(r.placeholders), spansInSeveralSessions: Number(r.inSeveralSessions) }));
}

export async function otlpRealisticSuite(graph: Graph): Promise<SuiteResult> {
  const sessionCount = Math.max(1, Math.round(50 * realisticScale()));
  const work = workload(sessionCount);
  const engine = await startBenchEngine(graph);
  try {
    const cold = await run(graph, engine, work, 'cold');
    const warm = await run(graph, engine, work, 'warm');
    // Freshness when the traffic is below what the engine sustains, as most of the time in use.
    const paced = await run(graph, engine, work, 'paced', PACED_SPANS_PER_SECOND);
    return { scale: realisticScale(), workload: `${sessionCount} sessions × 1,000 spans, end order, ${SPANS_PER_REQUEST} spans/request OTLP/protobuf, ${SENDERS} senders`, cold, warm, paced };
  } finally {
    await engine.stop();
  }
}
