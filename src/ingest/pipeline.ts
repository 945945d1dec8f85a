// Ingest, source-agnostic: validate → prepare (price, canonicalise) → write + mark dirty → finalise.
// Every entry point (CLI import, /v1/traces, /v1/events) goes through here.
import type { Pricer } from '../domain/cost/index.ts';
import type { CostSource, NormalisedBatch, Rejection } from '../domain/model.ts';
import type { Graph } from '../graph/driver.ts';
import { drainDirtySessions } from '../graph/finaliser.ts';
import { writePreparedBatch, type FinaliseWindow } from '../graph/ingest.ts';
import { prepareBatch, type PreparedBatch } from './prepare.ts';
import { validateBatch } from './validate.ts';

export interface IngestSummary {
  sessions: number;
  spans: number;
  spawns: Record<'linked' | 'missing' | 'refused' | 'pending', number>;
  /**
   * Priced calls by where their cost came from. `spans` counts the spans that carry a cost (LLM
   * calls, and an aggregate span whose source reported one), never tool spans, which are not priced.
   */
  costBySource: Record<CostSource, { spans: number; usd: number }>;
  /** LLM calls whose model has no known price: cost null, counted, never $0. */
  unpricedLlmCalls: number;
  rejections: Rejection[];
  sessionIds: string[];
}

export function summarise(prepared: PreparedBatch, rejections: Rejection[]): IngestSummary {
  const costBySource: IngestSummary['costBySource'] = {
    reported: { spans: 0, usd: 0 },
    computed: { spans: 0, usd: 0 },
    override: { spans: 0, usd: 0 },
    unpriced: { spans: 0, usd: 0 },
  };
  let unpricedLlmCalls = 0;
  for (const span of prepared.spans) {
    const source = span.props.costSource as CostSource | null;
    const isLlm = span.props.kind === 'LLM';
    if (isLlm && span.props.costUsd === null) unpricedLlmCalls++;
    // Only calls are priced: a tool span's $0 is not a "computed" cost.
    if (!source || (!isLlm && !((span.props.costUsd as number | null) ?? 0))) continue;
    costBySource[source].spans++;
    costBySource[source].usd += (span.props.costUsd as number | null) ?? 0;
  }
  const spawns = { linked: 0, missing: 0, refused: 0, pending: 0 };
  for (const spawn of prepared.spawns) spawns[spawn.status as keyof typeof spawns]++;
  return {
    sessions: prepared.sessions.length,
    spans: prepared.spans.length,
    spawns,
    costBySource,
    unpricedLlmCalls,
    rejections,
    sessionIds: prepared.sessions.map((s) => s.id),
  };
}

export interface IngestOptions {
  /**
   * true (default): drain the project's dirty sessions before returning, so the caller reads
   * final data (tests, library use). false: return once written and marked dirty — the HTTP
   * routes, whose finaliser runs in the background, and the import CLI, which drains once at the end.
   */
  finalise?: boolean;
  /** With `finalise: false`: how long the background finaliser lets the session's burst settle. */
  window?: FinaliseWindow;
  /** Called as each slice of spans is committed, with its span count (progress). */
  onWritten?: (spans: number) => void;
}

export async function ingestBatch(
  graph: Graph,
  projectId: string,
  batch: NormalisedBatch,
  pricer: Pricer,
  options: IngestOptions = {},
): Promise<IngestSummary & { touchedSessionIds: string[] }> {
  const valid = validateBatch(batch);
  const prepared = prepareBatch(valid, pricer);
  await writePreparedBatch(graph, projectId, prepared, { window: options.window, onSlice: options.onWritten });
  if (options.finalise !== false) await drainDirtySessions(graph, projectId);
  return { ...summarise(prepared, valid.rejections), touchedSessionIds: prepared.touchedSessionIds };
}
