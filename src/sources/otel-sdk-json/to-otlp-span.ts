// One OpenTelemetry SDK span object (Python `ReadableSpan.to_json()` or any-agent's serialisation of
// it) → the OTLP/JSON span it would have been exported as, with its resource and scope. The OTLP
// converter checks everything it reads again; here only what must be translated is checked (ids,
// times), and each problem is named by its field.
import { isJsonObject, type JsonObject, type JsonValue } from '../shared/lossless-json.ts';
import { toKeyValues, type SpanInResource } from '../otlp/build-request.ts';
import type { SpanEventLike, SpanLike } from '../otlp/types.ts';
import { idToHex, timeToNanos } from './ids-and-times.ts';

export type SdkSpanConversion = { ok: true; item: SpanInResource; spanHex: string } | { ok: false; label: string; problems: string[] };

const KINDS: Record<string, number> = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const STATUS: Record<string, number> = { unset: 0, ok: 1, error: 2 };

/** `internal`, `SpanKind.INTERNAL`, `SPAN_KIND_INTERNAL` or the enum number. */
function kindNumber(kind: JsonValue | undefined): number {
  if (typeof kind === 'number' && kind >= 0 && kind <= 5) return kind;
  if (typeof kind !== 'string') return 0;
  const name = kind.replace(/^(SpanKind\.|SPAN_KIND_)/, '').toLowerCase();
  return Object.hasOwn(KINDS, name) ? KINDS[name]! : 0;
}

/** `{status_code: "ok" | "OK" | "StatusCode.ERROR" | "UNSET", description}`. */
function status(value: JsonValue | undefined): SpanLike['status'] {
  if (!isJsonObject(value)) return { code: 0 };
  const raw = typeof value.status_code === 'string' ? value.status_code.replace(/^StatusCode\./, '').toLowerCase() : '';
  const code = Object.hasOwn(STATUS, raw) ? STATUS[raw]! : 0;
  return typeof value.description === 'string' && value.description ? { code, message: value.description } : { code };
}

function objectOr(value: JsonValue | undefined, fallback: JsonObject = {}): JsonObject {
  return isJsonObject(value) ? value : fallback;
}

/** The parent span id: any-agent's `parent: {span_id}` or to_json's `parent_id: "0x…"`. */
function parentId(span: JsonObject): JsonValue | undefined {
  if (isJsonObject(span.parent)) return span.parent.span_id;
  return span.parent_id ?? undefined;
}

function scopeOf(span: JsonObject): SpanInResource['scope'] {
  const scope = objectOr(span.instrumentation_scope ?? span.instrumentation_info, {});
  if (typeof scope.name !== 'string' || !scope.name) return undefined;
  return typeof scope.version === 'string' && scope.version ? { name: scope.name, version: scope.version } : { name: scope.name };
}

export function sdkSpanToOtlp(span: JsonObject): SdkSpanConversion {
  const problems: string[] = [];
  const context = objectOr(span.context);
  const trace = idToHex(context.trace_id, 16);
  const own = idToHex(context.span_id, 8);
  if (!trace.ok) problems.push(`field context.trace_id ${trace.reason}`);
  if (!own.ok) problems.push(`field context.span_id ${own.reason}`);
  const rawParent = parentId(span);
  const parent = rawParent === undefined || rawParent === null ? undefined : idToHex(rawParent, 8);
  if (parent && !parent.ok) problems.push(`field parent.span_id ${parent.reason}`);
  const start = timeToNanos(span.start_time);
  const end = timeToNanos(span.end_time);
  if (start && !start.ok) problems.push(`field start_time ${start.reason}`);
  if (end && !end.ok) problems.push(`field end_time ${end.reason}`);
  const events: SpanEventLike[] = [];
  (Array.isArray(span.events) ? span.events : []).forEach((event, index) => {
    if (!isJsonObject(event)) return problems.push(`field events[${index}] must be an object`);
    const at = timeToNanos(event.timestamp);
    if (at && !at.ok) return problems.push(`field events[${index}].timestamp ${at.reason}`);
    events.push({ name: typeof event.name === 'string' ? event.name : '', ...(at ? { timeUnixNano: at.value } : {}), attributes: toKeyValues(objectOr(event.attributes)) });
  });
  const name = typeof span.name === 'string' ? span.name : '';
  if (problems.length || !trace.ok || !own.ok) return { ok: false, label: own.ok ? own.value : name || '(unnamed span)', problems };

  const otlp: SpanLike = {
    traceId: trace.value,
    spanId: own.value,
    name,
    kind: kindNumber(span.kind),
    attributes: toKeyValues(objectOr(span.attributes)),
    events,
    status: status(span.status),
  };
  if (parent?.ok) otlp.parentSpanId = parent.value;
  if (start?.ok) otlp.startTimeUnixNano = start.value;
  if (end?.ok) otlp.endTimeUnixNano = end.value;
  const resource = objectOr(objectOr(span.resource).attributes);
  return { ok: true, spanHex: own.value, item: { resource, scope: scopeOf(span), span: otlp } };
}
