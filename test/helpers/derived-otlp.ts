// Converters from the two OTel-derived corpora into OTLP/JSON ExportTraceServiceRequest bodies, so
// tests can drive the real OTLP adapter with real traces. The result is DERIVED data, not something
// an exporter sent: every resource carries `clawtrace.derived=true` and `clawtrace.derived.from`.
//
// - any-agent (`tests/assets/*_trace.json`): OpenTelemetry Python SDK spans serialised to JSON, with
//   decimal integer ids and nanosecond times larger than 2^53. Those are read as text (JSON.parse
//   would round them), ids are turned into hex, attribute dicts into KeyValue lists.
// - Langfuse trace exports: observations whose `metadata` holds the original span attributes,
//   resource attributes and scope. Langfuse removed some attributes it mapped into its own fields
//   (token counts of Koog and the LangSmith exporter; everything of `langfuse-sdk` spans). For a
//   GENERATION with no token attribute left, the converter writes `gen_ai.usage.*` back from
//   Langfuse's `usageDetails` (and `gen_ai.operation.name=chat` / `gen_ai.request.model` when no
//   kind or model attribute is left) and lists what it wrote in `clawtrace.derived.fields`.
import type { AnyValueLike, ExportTraceServiceRequestLike, KeyValueLike, ResourceSpansLike, SpanLike } from '../../src/sources/otlp/index.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/** A JS value as an OTLP AnyValue. Maps and mixed arrays become JSON text, as OTel SDKs send them. */
export function toAnyValue(value: Json): AnyValueLike | undefined {
  if (value === null) return undefined;
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
    return { arrayValue: { values: value.map((v) => toAnyValue(v)!) } };
  }
  return { stringValue: JSON.stringify(value) };
}

export function toKeyValues(attributes: JsonObject): KeyValueLike[] {
  const out: KeyValueLike[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    const anyValue = toAnyValue(value);
    if (anyValue) out.push({ key, value: anyValue });
  }
  return out;
}

const DERIVED_FROM = 'clawtrace.derived.from';

/** Groups spans by resource and scope, the way an SDK batches them. */
function assemble(items: Array<{ resource: JsonObject; scope: { name?: string; version?: string } | undefined; span: SpanLike }>, from: string): ExportTraceServiceRequestLike {
  const resources = new Map<string, { resource: ResourceSpansLike; scopes: Map<string, SpanLike[]> }>();
  for (const { resource, scope, span } of items) {
    const rKey = JSON.stringify(resource);
    let entry = resources.get(rKey);
    if (!entry) {
      const attributes = toKeyValues({ ...resource, 'clawtrace.derived': 'true', [DERIVED_FROM]: from });
      entry = { resource: { resource: { attributes }, scopeSpans: [] }, scopes: new Map() };
      resources.set(rKey, entry);
    }
    const sKey = JSON.stringify(scope ?? null);
    let spans = entry.scopes.get(sKey);
    if (!spans) {
      spans = [];
      entry.scopes.set(sKey, spans);
      entry.resource.scopeSpans!.push(scope ? { scope, spans } : { spans });
    }
    spans.push(span);
  }
  return { resourceSpans: [...resources.values()].map((r) => r.resource) };
}

// ---------------------------------------------------------------------------------------------
// any-agent

const BIG_NUMBER_FIELDS = /"(trace_id|span_id|start_time|end_time|timestamp)":\s*(-?\d+)/g;
const OTEL_KINDS: Record<string, number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const STATUS_CODES: Record<string, number> = { unset: 0, ok: 1, error: 2 };

function decimalToHex(value: Json | undefined, bytes: number): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return BigInt(value).toString(16).padStart(bytes * 2, '0');
}

/** any-agent `{"spans":[...]}` text → OTLP/JSON request. */
export function anyAgentToOtlp(text: string): ExportTraceServiceRequestLike {
  // Quote the big integers before parsing so no digit is lost.
  const doc = JSON.parse(text.replace(BIG_NUMBER_FIELDS, '"$1": "$2"')) as JsonObject;
  const spans = doc.spans as JsonObject[];
  return assemble(
    spans.map((s) => {
      const context = s.context as JsonObject;
      const parent = isObject(s.parent) ? s.parent : undefined;
      const status = isObject(s.status) ? s.status : {};
      const span: SpanLike = {
        traceId: decimalToHex(context.trace_id, 16)!,
        spanId: decimalToHex(context.span_id, 8)!,
        name: String(s.name),
        kind: OTEL_KINDS[String(s.kind)] ?? 0,
        startTimeUnixNano: String(s.start_time),
        endTimeUnixNano: String(s.end_time),
        attributes: toKeyValues(isObject(s.attributes) ? s.attributes : {}),
        events: (Array.isArray(s.events) ? s.events : []).filter(isObject).map((e) => ({
          name: String(e.name),
          timeUnixNano: String(e.timestamp),
          attributes: toKeyValues(isObject(e.attributes) ? e.attributes : {}),
        })),
        status: { code: STATUS_CODES[String(status.status_code)] ?? 0, ...(typeof status.description === 'string' ? { message: status.description } : {}) },
      };
      const parentHex = decimalToHex(parent?.span_id, 8);
      if (parentHex) span.parentSpanId = parentHex;
      const resource = isObject(s.resource) && isObject(s.resource.attributes) ? s.resource.attributes : {};
      return { resource, scope: undefined, span };
    }),
    'any-agent',
  );
}

// ---------------------------------------------------------------------------------------------
// Langfuse

/** Any attribute the OTLP adapter reads token counts from (see src/sources/otlp/usage.ts). */
const TOKEN_KEY = /^(gen_ai\.usage\.(input|output|prompt|completion)_tokens|llm\.token_count\.(prompt|completion)|ai\.usage\.(input|output|prompt|completion)Tokens|llm\.usage\.(prompt|completion)_tokens)$/;
const KIND_KEYS = ['gen_ai.operation.name', 'openinference.span.kind', 'ai.operationId', 'llm.request.type', 'traceloop.span.kind'];
const MODEL_KEYS = ['gen_ai.response.model', 'gen_ai.request.model', 'llm.model_name', 'ai.model.id'];

export interface LangfuseObservation {
  id: string;
  traceId: string;
  parentObservationId: string | null;
  type: string;
  name: string;
  startTime: string;
  endTime: string | null;
  level: string;
  statusMessage: string | null;
  model: string | null;
  metadata: string | JsonObject | null;
  usageDetails: Record<string, number>;
}

export interface LangfuseExport {
  trace: { id: string };
  observations: LangfuseObservation[];
}

function isoToNanos(iso: string): string {
  return (BigInt(Date.parse(iso)) * 1_000_000n).toString();
}

/**
 * Langfuse usageDetails are additive by key (total = sum of the others): `input` excludes
 * `input_cache_read`, `output` excludes `output_reasoning`. Semconv counts include their parts.
 */
function usageAttributes(details: Record<string, number>): JsonObject {
  const sum = (prefix: string) =>
    Object.entries(details)
      .filter(([key]) => key === prefix || key.startsWith(`${prefix}_`))
      .reduce((total, [, n]) => total + n, 0);
  const out: JsonObject = { 'gen_ai.usage.input_tokens': sum('input'), 'gen_ai.usage.output_tokens': sum('output') };
  const cacheRead = details.input_cache_read ?? details.input_cached_tokens;
  if (cacheRead) out['gen_ai.usage.cache_read.input_tokens'] = cacheRead;
  if (details.input_cache_creation) out['gen_ai.usage.cache_creation.input_tokens'] = details.input_cache_creation;
  if (details.output_reasoning) out['gen_ai.usage.reasoning.output_tokens'] = details.output_reasoning;
  return out;
}

function deriveMissing(obs: LangfuseObservation, attributes: JsonObject): JsonObject {
  if (obs.type !== 'GENERATION') return attributes;
  const derived: string[] = [];
  const out: JsonObject = { ...attributes };
  if (!Object.keys(out).some((k) => TOKEN_KEY.test(k)) && Object.keys(obs.usageDetails).length) {
    Object.assign(out, usageAttributes(obs.usageDetails));
    derived.push('usage');
  }
  if (!KIND_KEYS.some((k) => k in out)) {
    out['gen_ai.operation.name'] = 'chat';
    derived.push('operation');
  }
  if (obs.model && !MODEL_KEYS.some((k) => k in out)) {
    out['gen_ai.request.model'] = obs.model;
    derived.push('model');
  }
  if (derived.length) out['clawtrace.derived.fields'] = derived.join(',');
  return out;
}

/** Langfuse `{trace, observations}` text → OTLP/JSON request. */
export function langfuseToOtlp(text: string): ExportTraceServiceRequestLike {
  const doc = JSON.parse(text) as LangfuseExport;
  return assemble(
    doc.observations.map((obs) => {
      const metadata = (typeof obs.metadata === 'string' ? JSON.parse(obs.metadata) : (obs.metadata ?? {})) as JsonObject;
      const attributes = deriveMissing(obs, isObject(metadata.attributes) ? metadata.attributes : {});
      const span: SpanLike = {
        traceId: obs.traceId,
        spanId: obs.id,
        name: obs.name,
        kind: 1,
        startTimeUnixNano: isoToNanos(obs.startTime),
        attributes: toKeyValues(attributes),
        status: obs.level === 'ERROR' ? { code: 2, message: obs.statusMessage ?? '' } : { code: 0 },
      };
      if (obs.endTime) span.endTimeUnixNano = isoToNanos(obs.endTime);
      if (obs.parentObservationId) span.parentSpanId = obs.parentObservationId;
      const scope = isObject(metadata.scope) ? metadata.scope : undefined;
      return {
        resource: isObject(metadata.resourceAttributes) ? metadata.resourceAttributes : {},
        scope: scope ? { name: String(scope.name ?? ''), ...(typeof scope.version === 'string' ? { version: scope.version } : {}) } : undefined,
        span,
      };
    }),
    'langfuse',
  );
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
