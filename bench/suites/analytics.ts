// TraceCard latency (p50/p95) for sessions of 100, 1,000 and 10,000 spans, and rollup latency over
// 1,000,000 spans (by model, by day × model, by tool).
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { drainDirtySessions } from '../../src/graph/finaliser.ts';
import { costRollup } from '../../src/graph/rollups.ts';
import { loadCardInput } from '../../src/graph/tracecard.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { mergeBatches } from '../../src/domain/model.ts';
import { buildTraceCard } from '../../src/tracecard/index.ts';
import { latency, timeIt, type SuiteResult } from '../harness.ts';
import { syntheticSession } from '../synthetic.ts';

export const CARD_SIZES = [100, 1000, 10_000] as const;
const ROLLUP_SPANS = 1_000_000;
const SPANS_PER_SESSION = 100;

/** Writes the three card sessions into `projectId` and returns their ids. */
export async function seedCardSessions(graph: Graph, projectId: string): Promise<Record<number, string>> {
  const pricer = createPricer();
  const ids: Record<number, string> = {};
  for (const size of CARD_SIZES) {
    const batch = syntheticSession(`card-${size}`, size, size);
    await ingestBatch(graph, projectId, batch, pricer);
    ids[size] = batch.sessions[0]!.id;
  }
  return ids;
}

async function cardLatencies(graph: Graph): Promise<SuiteResult> {
  const projectId = `bench-cards-${Date.now()}`;
  const ids = await seedCardSessions(graph, projectId);
  const out: SuiteResult = {};
  for (const size of CARD_SIZES) {
    const sessionId = ids[size]!;
    const build = async () => buildTraceCard((await loadCardInput(graph, projectId, sessionId))!);
    const card = await build();
    out[`spans${size}`] = { ...(await latency(size >= 10_000 ? 10 : 30, build)), cardBytes: Buffer.byteLength(card.yaml) };
  }
  return out;
}

/** Writes ROLLUP_SPANS spans (10,000 sessions of 100) in 50-session batches; finalises once at the end. */
export async function seedRollupProject(graph: Graph, projectId: string): Promise<{ seconds: number; spans: number }> {
  const pricer = createPricer();
  const sessions = ROLLUP_SPANS / SPANS_PER_SESSION;
  const { ms } = await timeIt(async () => {
    const ids: string[] = [];
    for (let first = 0; first < sessions; first += 50) {
      const batch = mergeBatches(Array.from({ length: 50 }, (_, k) => syntheticSession(`r${first + k}`, SPANS_PER_SESSION, first + k, first + k)));
      ids.push(...batch.sessions.map((s) => s.id));
      await ingestBatch(graph, projectId, batch, pricer, { finalise: false });
    }
    await drainDirtySessions(graph, projectId);
  });
  return { seconds: +(ms / 1000).toFixed(1), spans: ROLLUP_SPANS };
}

let million: Promise<{ projectId: string; seconds: number; spans: number }> | undefined;

/** The 1M-span project, seeded once per bench process (the API suite's export reuses it). */
export function millionSpanProject(graph: Graph): Promise<{ projectId: string; seconds: number; spans: number }> {
  million ??= (async () => {
    const projectId = `bench-rollup-${Date.now()}`;
    return { projectId, ...(await seedRollupProject(graph, projectId)) };
  })();
  return million;
}

async function rollupLatencies(graph: Graph): Promise<SuiteResult> {
  const { projectId, ...seeded } = await millionSpanProject(graph);
  return {
    seeded: { ...seeded, spansPerSecond: Math.round(seeded.spans / seeded.seconds) },
    byModel: await latency(5, () => costRollup(graph, projectId, ['model']), 1),
    byDayModel: await latency(5, () => costRollup(graph, projectId, ['day', 'model']), 1),
    byTool: await latency(3, () => costRollup(graph, projectId, ['tool']), 1),
  };
}

export async function analyticsSuite(graph: Graph): Promise<SuiteResult> {
  return { traceCard: await cardLatencies(graph), rollup1M: await rollupLatencies(graph) };
}
