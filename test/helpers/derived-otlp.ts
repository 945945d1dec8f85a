// The two OTel-derived corpora as OTLP/JSON ExportTraceServiceRequest bodies, so tests can drive
// the OTLP endpoint and converter with real traces. The conversion itself is the real import
// adapters' (src/sources/otel-sdk-json, src/sources/langfuse); what a test POSTs to /v1/traces is
// DERIVED data, not something an exporter sent, so every resource is labelled here with
// `clawtrace.derived=true` and `clawtrace.derived.from`.
import type { ExportTraceServiceRequestLike, SpanLike } from '../../src/sources/otlp/index.ts';
import { toKeyValues } from '../../src/sources/otlp/build-request.ts';
import { langfuseToOtlp as langfuseRequest } from '../../src/sources/langfuse/index.ts';
import { otelSdkJsonToOtlp } from '../../src/sources/otel-sdk-json/index.ts';
import type { JsonObject } from '../../src/sources/shared/lossless-json.ts';

export { toKeyValues } from '../../src/sources/otlp/build-request.ts';
export type { JsonObject } from '../../src/sources/shared/lossless-json.ts';

/** Adds the derived label to every resource of a request converted from a corpus file. */
function labelDerived(request: ExportTraceServiceRequestLike, from: string): ExportTraceServiceRequestLike {
  for (const rs of request.resourceSpans) {
    rs.resource = { attributes: [...(rs.resource?.attributes ?? []), ...toKeyValues({ 'clawtrace.derived': 'true', 'clawtrace.derived.from': from })] };
  }
  return request;
}

function unrejected<T extends { rejections: Array<{ location: string; reason: string }> }>(result: T): T {
  if (result.rejections.length) throw new Error(`corpus file not fully convertible: ${JSON.stringify(result.rejections.slice(0, 3))}`);
  return result;
}

/** any-agent `{"spans":[...]}` text → OTLP/JSON request (derived). */
export function anyAgentToOtlp(text: string): ExportTraceServiceRequestLike {
  return labelDerived(unrejected(otelSdkJsonToOtlp({ path: 'any-agent', text })).request, 'any-agent');
}

/** Langfuse `{trace, observations}` text → OTLP/JSON request (derived). */
export function langfuseToOtlp(text: string): ExportTraceServiceRequestLike {
  return labelDerived(unrejected(langfuseRequest({ path: 'langfuse', text })).request, 'langfuse');
}

/** The fields of a Langfuse export the tests read on their own, independently of the adapter. */
export interface LangfuseExport {
  trace: { id: string; sessionId?: string | null };
  observations: Array<{
    id: string;
    parentObservationId: string | null;
    type: string;
    name: string;
    model: string | null;
    usageDetails: Record<string, number>;
    costDetails?: Record<string, number>;
    totalCost?: number | null;
  }>;
}

// ---------------------------------------------------------------------------------------------
// Hand-made requests for unit tests (not derived from a corpus).

export const TRACE_A = '0af7651916cd43dd8448eb211c80319c';
export const TRACE_B = '4bf92f3577b34da6a3ce929d0e0e4736';

/** A span with sensible defaults; `attributes` as a plain object. */
export function makeSpan(spanId: string, options: Partial<Omit<SpanLike, 'attributes'>> & { attributes?: JsonObject } = {}): SpanLike {
  const { attributes, ...rest } = options;
  return {
    traceId: TRACE_A,
    spanId,
    name: `span ${spanId}`,
    kind: 1,
    startTimeUnixNano: '1758026594000000000',
    endTimeUnixNano: '1758026595000000000',
    attributes: toKeyValues(attributes ?? {}),
    ...rest,
  };
}

export function otlpRequest(spans: SpanLike[], resourceAttributes: JsonObject = {}, scopeName = 'test'): ExportTraceServiceRequestLike {
  return { resourceSpans: [{ resource: { attributes: toKeyValues(resourceAttributes) }, scopeSpans: [{ scope: { name: scopeName }, spans }] }] };
}
