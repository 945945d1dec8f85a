// The cost Langfuse recorded (`totalCost`, with its `costDetails` breakdown) becomes the reported cost
// of the span (DESIGN §6: reported cost wins), so the imported totals are the ones the user saw in
// Langfuse. Only model calls count it: a generation the OTLP rules read as a wrapper or an agent
// run (Agno's OpenAIChat.invoke, Vercel's ai.generateText loop, an invoke_agent span) carries the
// cost of the calls inside it, so its figure is kept as `aggregateCostUsd` and never added again.
import type { NormalisedBatch } from '../../domain/model.ts';
import { otelSpanId } from '../otlp/ids.ts';
import type { ConvertedObservation } from './to-otlp.ts';

/** Langfuse priced it: a cost breakdown, or a non-zero total (an empty breakdown with 0 means "no usage to price"). */
function recordedCost(obs: ConvertedObservation['observation']): number | undefined {
  if (obs.totalCost === null || obs.totalCost === undefined) return undefined;
  return Object.keys(obs.costDetails ?? {}).length || obs.totalCost > 0 ? obs.totalCost : undefined;
}

export function applyRecordedCosts(batch: NormalisedBatch, observations: readonly ConvertedObservation[]): void {
  const byId = new Map(observations.map((o) => [otelSpanId(o.traceHex, o.spanHex), o.observation]));
  for (const span of batch.spans) {
    const obs = byId.get(span.id);
    const cost = obs ? recordedCost(obs) : undefined;
    if (cost === undefined) continue;
    span.attributes = { ...span.attributes, costFrom: 'langfuse totalCost' };
    if (span.kind === 'LLM') span.reportedCostUsd = cost;
    else span.attributes.aggregateCostUsd = cost;
  }
}
