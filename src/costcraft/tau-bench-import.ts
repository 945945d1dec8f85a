// Imports a τ-bench trajectory file: the adapter's sessions and spans through the normal ingest
// path, then the trials' outcomes (reward → success/failure, with the oracle mismatches) as Outcome
// nodes. Used by tests, the held-out bench and (once wired) `clawtrace import`.
import fs from 'node:fs';
import type { Pricer } from '../domain/cost/index.ts';
import { recordOutcomes } from '../graph/costcraft.ts';
import type { Graph } from '../graph/driver.ts';
import { ingestBatch, type IngestSummary } from '../ingest/pipeline.ts';
import { parseTauBench, type TauBenchBatch, type TauBenchOptions } from '../sources/tau-bench/index.ts';

export interface TauImport extends IngestSummary {
  outcomes: number;
}

export function readTauBench(file: string, options: TauBenchOptions = {}): TauBenchBatch {
  return parseTauBench({ path: file, text: fs.readFileSync(file, 'utf8') }, options);
}

/** Ingests `batch` (or only the sessions in `onlySessions`) and records their outcomes. */
export async function importTauBatch(graph: Graph, projectId: string, batch: TauBenchBatch, pricer: Pricer, onlySessions?: Set<string>): Promise<TauImport> {
  const keep = (id: string) => !onlySessions || onlySessions.has(id);
  const part: TauBenchBatch = {
    sessions: batch.sessions.filter((s) => keep(s.id)),
    spans: batch.spans.filter((s) => keep(s.sessionId)),
    spawns: [],
    rejections: batch.rejections,
    outcomes: batch.outcomes.filter((o) => keep(o.sessionId)),
  };
  const summary = await ingestBatch(graph, projectId, part, pricer);
  const outcomes = await recordOutcomes(graph, projectId, part.outcomes);
  return { ...summary, outcomes };
}
