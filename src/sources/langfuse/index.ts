// The Langfuse trace-export adapter: `{trace, observations}` files (observation `metadata` holds the
// original OTel span attributes) → the OTLP converter → a NormalisedBatch with source `langfuse`, the
// usage of the original attributes (or Langfuse's `usageDetails` where it removed them) and the cost
// Langfuse recorded. Pure. A user moving from Langfuse keeps their history, with the same totals.
import type { NormalisedBatch, Rejection } from '../../domain/model.ts';
import { convertOtlpRequest } from '../otlp/index.ts';
import type { SourceFile } from '../types.ts';
import { applyRecordedCosts } from './recorded-cost.ts';
import { langfuseToOtlp, type ConvertedObservation } from './to-otlp.ts';

export { langfuseToOtlp, type ConvertedObservation, type LangfuseRequest } from './to-otlp.ts';
export type { LangfuseObservation, LangfuseTrace } from './schema.ts';

/** `otlp span <hex> field …` from the converter → `<file>:<line>` of that observation. */
function locate(rejection: Rejection, file: SourceFile, observations: readonly ConvertedObservation[]): Rejection {
  const hex = /^otlp span ([0-9a-f]{16})\b/.exec(rejection.location)?.[1];
  const line = observations.find((o) => o.spanHex === hex)?.line;
  return { location: line === undefined ? `${file.path}: ${rejection.location}` : `${file.path}:${line}`, reason: `${rejection.location}: ${rejection.reason}` };
}

export function parseLangfuseExport(file: SourceFile): NormalisedBatch {
  const { request, observations, rejections } = langfuseToOtlp(file);
  const { batch } = convertOtlpRequest(request, { origin: file.path });
  applyRecordedCosts(batch, observations);
  for (const session of batch.sessions) session.source = 'langfuse';
  batch.rejections = [...rejections, ...batch.rejections.map((r) => locate(r, file, observations))];
  return batch;
}

/** A Langfuse export starts with `{"trace": {` (or is a trace with its `observations`). */
export function isLangfuseExport(name: string, head: string): boolean {
  if (!/\.json$/.test(name)) return false;
  return /^\s*\{\s*"trace"\s*:\s*\{/.test(head) || (/^\s*\{/.test(head) && /"observations"\s*:\s*\[\s*\{/.test(head) && /"parentObservationId"/.test(head));
}
