// Builds OTLP/JSON trace requests from spans read out of other formats (OpenTelemetry SDK span JSON,
// Langfuse exports), so those formats go through the one OTLP converter and get the ids an OTLP
// export of the same spans would get: attribute dicts become KeyValue lists, spans are grouped by
// resource and scope the way an SDK batches them.
import type { JsonObject, JsonValue } from '../shared/lossless-json.ts';
import { stringifyLossless } from '../shared/lossless-json.ts';
import type { AnyValueLike, ExportTraceServiceRequestLike, KeyValueLike, ResourceSpansLike, SpanLike } from './types.ts';

/** A JS value as an OTLP AnyValue. Maps and mixed arrays become JSON text, as OTel SDKs send them. */
export function toAnyValue(value: JsonValue): AnyValueLike | undefined {
  if (value === null) return undefined;
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  // Integers beyond 2^53 arrive as BigInt (see shared/lossless-json.ts): OTLP int64 is decimal text.
  if (typeof value === 'bigint') return { intValue: value.toString() };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value) && value.every((v) => v !== null && typeof v !== 'object')) {
    return { arrayValue: { values: value.map((v) => toAnyValue(v)!) } };
  }
  return { stringValue: stringifyLossless(value) };
}

export function toKeyValues(attributes: JsonObject): KeyValueLike[] {
  const out: KeyValueLike[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    const anyValue = toAnyValue(value);
    if (anyValue) out.push({ key, value: anyValue });
  }
  return out;
}

export interface SpanInResource {
  resource: JsonObject;
  scope: { name: string; version?: string } | undefined;
  span: SpanLike;
}

/** Groups spans by resource and scope, in first-seen order. */
export function assembleRequest(items: readonly SpanInResource[]): ExportTraceServiceRequestLike {
  const resources = new Map<string, { resource: ResourceSpansLike; scopes: Map<string, SpanLike[]> }>();
  for (const { resource, scope, span } of items) {
    const resourceKey = stringifyLossless(resource);
    let entry = resources.get(resourceKey);
    if (!entry) {
      entry = { resource: { resource: { attributes: toKeyValues(resource) }, scopeSpans: [] }, scopes: new Map() };
      resources.set(resourceKey, entry);
    }
    const scopeKey = JSON.stringify(scope ?? null);
    let spans = entry.scopes.get(scopeKey);
    if (!spans) {
      spans = [];
      entry.scopes.set(scopeKey, spans);
      entry.resource.scopeSpans!.push(scope ? { scope, spans } : { spans });
    }
    spans.push(span);
  }
  return { resourceSpans: [...resources.values()].map((r) => r.resource) };
}
