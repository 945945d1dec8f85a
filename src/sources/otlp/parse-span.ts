// One OTLP span (untrusted JSON) → a checked, typed span, or the list of its problems. Everything
// ClawTrace reads from a span is checked here, so a span either converts completely or is rejected
// with every bad field named.
import { z } from 'zod';
import { attributesToMap, readString, type Attributes, type FieldProblem } from './attributes.ts';
import { classifySpan, type Classification } from './classify.ts';
import { readReportedCost } from './cost.ts';
import { normaliseId, otelSpanId } from './ids.ts';
import { readSpanFields, type SpanFields } from './span-fields.ts';
import { parseNanos } from './time.ts';
import { readUsage, type UsageReading } from './usage.ts';

export interface ParsedSpan {
  /** Position in the request, the tie-breaker that keeps ordering deterministic. */
  order: number;
  id: string;
  traceHex: string;
  spanHex: string;
  parentHex: string | null;
  name: string;
  otelKind: string | undefined;
  startNs: bigint | null;
  endNs: bigint | null;
  attrs: Attributes;
  resourceAttrs: Attributes;
  scopeName: string | undefined;
  status: 'ok' | 'error';
  errorMessage: string | undefined;
  usage: UsageReading | undefined;
  reportedCostUsd: number | undefined;
  classification: Classification;
  fields: SpanFields;
}

export type SpanParse = { ok: true; span: ParsedSpan } | { ok: false; label: string; problems: FieldProblem[] };

const SpanShape = z.looseObject({
  parentSpanId: z.string().nullish(),
  name: z.string().nullish(),
  kind: z.union([z.number(), z.string()]).nullish(),
  events: z.array(z.unknown()).nullish(),
  status: z.looseObject({ code: z.union([z.number(), z.string()]).nullish(), message: z.string().nullish() }).nullish(),
});

const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

function otelKindName(kind: number | string | null | undefined): string | undefined {
  if (typeof kind === 'number') return SPAN_KINDS[kind];
  return kind ? kind.replace(/^SPAN_KIND_/, '') : undefined;
}

function isError(code: number | string | null | undefined): boolean {
  return code === 2 || code === 'STATUS_CODE_ERROR' || code === 'ERROR';
}

/** The message of an `exception` span event, when the status itself carries none. */
function exceptionMessage(events: unknown[], problems: FieldProblem[]): string | undefined {
  let message: string | undefined;
  events.forEach((event, index) => {
    if (event === null || typeof event !== 'object' || Array.isArray(event)) {
      problems.push({ field: `events[${index}]`, reason: 'must be an object' });
      return;
    }
    const e = event as Record<string, unknown>;
    if (e.name !== 'exception' || message !== undefined) return;
    const attrs = attributesToMap(e.attributes, `events[${index}].attributes`, problems);
    message = readString(attrs, ['exception.message', 'exception.type']);
  });
  return message;
}

export interface SpanContext {
  order: number;
  /** `resourceSpans[i].scopeSpans[j].spans[k]`, for spans whose own id is unusable. */
  path: string;
  resourceAttrs: Attributes;
  scopeName: string | undefined;
}

export function parseSpan(raw: unknown, ctx: SpanContext): SpanParse {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, label: ctx.path, problems: [{ field: '(span)', reason: 'must be an object' }] };
  }
  const record = raw as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const trace = normaliseId(record.traceId, 16);
  const span = normaliseId(record.spanId, 8);
  if (!trace.ok) problems.push({ field: 'traceId', reason: trace.reason });
  if (!span.ok) problems.push({ field: 'spanId', reason: span.reason });
  // The span's own id names it in rejections when it is usable (and free of spaces, so the
  // location stays one token); otherwise its position in the request does.
  const label = span.ok ? span.hex : ctx.path;

  const shape = SpanShape.safeParse(record);
  if (!shape.success) {
    for (const issue of shape.error.issues) problems.push({ field: issue.path.join('.') || '(span)', reason: issue.message });
    return { ok: false, label, problems };
  }
  const s = shape.data;
  let parentHex: string | null = null;
  if (s.parentSpanId) {
    const parent = normaliseId(s.parentSpanId, 8);
    if (parent.ok) parentHex = parent.hex;
    else problems.push({ field: 'parentSpanId', reason: parent.reason });
  }
  const start = parseNanos(record.startTimeUnixNano);
  const end = parseNanos(record.endTimeUnixNano);
  if (!start.ok) problems.push({ field: 'startTimeUnixNano', reason: start.reason });
  if (!end.ok) problems.push({ field: 'endTimeUnixNano', reason: end.reason });
  const attrs = attributesToMap(record.attributes, 'attributes', problems);
  const exception = exceptionMessage(s.events ?? [], problems);
  const usage = readUsage(attrs, problems);
  const reportedCostUsd = readReportedCost(attrs, problems);
  if (problems.length || !trace.ok || !span.ok || !start.ok || !end.ok) return { ok: false, label, problems };

  const classification = classifySpan(attrs, usage !== undefined);
  const error = isError(s.status?.code);
  return {
    ok: true,
    span: {
      order: ctx.order,
      id: otelSpanId(trace.hex, span.hex),
      traceHex: trace.hex,
      spanHex: span.hex,
      parentHex,
      name: s.name || readString(attrs, ['gen_ai.operation.name']) || 'span',
      otelKind: otelKindName(s.kind),
      startNs: start.nanos,
      endNs: end.nanos,
      attrs,
      resourceAttrs: ctx.resourceAttrs,
      scopeName: ctx.scopeName,
      status: error ? 'error' : 'ok',
      errorMessage: error ? s.status?.message || exception || 'span status ERROR' : undefined,
      usage,
      reportedCostUsd,
      classification,
      fields: readSpanFields(attrs, classification.kind),
    },
  };
}
