// An OTLP trace request → NormalisedBatch. Spans with problems are rejected one by one (located as
// `otlp span <spanId> field <name>`); the rest of the request still converts.
import type { NormalisedBatch, Rejection, SpanKind, SpanRecord } from '../../domain/model.ts';
import { attributesToMap, readString, type FieldProblem } from './attributes.ts';
import { parseSpan, type ParsedSpan } from './parse-span.ts';
import { assignSessions } from './session.ts';
import { buildTree, type TreeInfo } from './span-tree.ts';
import { compareNanos, durationMs, nanosToIso } from './time.ts';
import type { ExportTraceServiceRequestLike } from './types.ts';

export interface OtlpConversion {
  batch: NormalisedBatch;
  /** Spans not converted (bad or duplicate): OTLP `partial_success.rejected_spans`. */
  rejectedSpans: number;
  acceptedSpans: number;
}

export interface OtlpConvertOptions {
  /** Recorded on sessions as their origin (e.g. the endpoint). */
  origin?: string;
}

type Scalar = string | number | boolean;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function located(where: string, problems: FieldProblem[]): Rejection[] {
  return problems.map((p) => ({ location: `${where} field ${p.field}`, reason: p.reason }));
}

/** Walks resourceSpans → scopeSpans → spans, parsing each span; shape problems above spans are reported. */
function collectSpans(request: ExportTraceServiceRequestLike, rejections: Rejection[]): { parsed: ParsedSpan[]; rejected: number } {
  const parsed: ParsedSpan[] = [];
  let rejected = 0;
  let order = 0;
  list((request as { resourceSpans?: unknown }).resourceSpans).forEach((rs, i) => {
    const where = `otlp resourceSpans[${i}]`;
    if (!isRecord(rs)) {
      rejections.push({ location: where, reason: 'must be an object' });
      return;
    }
    const resourceProblems: FieldProblem[] = [];
    const resourceAttrs = attributesToMap(isRecord(rs.resource) ? rs.resource.attributes : undefined, 'resource.attributes', resourceProblems);
    rejections.push(...located(where, resourceProblems));
    list(rs.scopeSpans).forEach((ss, j) => {
      if (!isRecord(ss)) {
        rejections.push({ location: `${where}.scopeSpans[${j}]`, reason: 'must be an object' });
        return;
      }
      const scopeName = isRecord(ss.scope) && typeof ss.scope.name === 'string' && ss.scope.name ? ss.scope.name : undefined;
      list(ss.spans).forEach((raw, k) => {
        const result = parseSpan(raw, { order: order++, path: `resourceSpans[${i}].scopeSpans[${j}].spans[${k}]`, resourceAttrs, scopeName });
        if (result.ok) parsed.push(result.span);
        else {
          rejected += 1;
          rejections.push(...located(`otlp span ${result.label}`, result.problems));
        }
      });
    });
  });
  return { parsed, rejected };
}

/** The same span twice in one request (an exporter retry inside a batch): the first is kept. */
function dropDuplicates(spans: ParsedSpan[], rejections: Rejection[]): ParsedSpan[] {
  const seen = new Set<string>();
  return spans.filter((span) => {
    if (!seen.has(span.id)) {
      seen.add(span.id);
      return true;
    }
    rejections.push({ location: `otlp span ${span.spanHex} field spanId`, reason: `duplicate of an earlier span in this request (trace ${span.traceHex}); the first was kept` });
    return false;
  });
}

function spanAttributes(span: ParsedSpan, tree: TreeInfo, wrapper: boolean): Record<string, Scalar> {
  const out: Record<string, Scalar> = { traceId: span.traceHex, classifiedBy: span.classification.rule };
  const put = (key: string, value: Scalar | undefined) => {
    if (value !== undefined && value !== '') out[key] = value;
  };
  put('otelSpanKind', span.otelKind);
  put('scope', span.scopeName);
  put('operation', readString(span.attrs, ['gen_ai.operation.name', 'ai.operationId']));
  put('sourceKind', readString(span.attrs, ['openinference.span.kind', 'traceloop.span.kind']));
  put('agentName', readString(span.attrs, ['gen_ai.agent.name', 'agent.name']));
  // The skill a span ran under (documented attribute; src/domain/insights/skills.ts detects it).
  put('skill', readString(span.attrs, ['clawtrace.skill']));
  // Which version of it: the SKILL.md content hash, or a version label (src/domain/insights/skills.ts).
  put('skillHash', readString(span.attrs, ['clawtrace.skill.hash']));
  put('skillVersion', readString(span.attrs, ['clawtrace.skill.version']));
  put('finishReason', span.fields.finishReason);
  put('parentCycle', tree.cycleParent.get(span.id));
  put('usageConvention', span.usage?.convention);
  put('usageNote', span.usage?.note);
  if (wrapper) out.llmWrapper = true;
  if (span.startNs !== null && span.endNs !== null && span.endNs < span.startNs) out.timeAnomaly = 'end before start';
  if (readString(span.resourceAttrs, ['clawtrace.derived']) === 'true') out.derived = true;
  return out;
}

function toSpanRecord(span: ParsedSpan, tree: TreeInfo, sessionId: string): SpanRecord {
  const wrapper = tree.llmWrappers.has(span.id);
  // An LLM span wrapping another LLM span (Agno's OpenAIChat.invoke around the OpenAI client span)
  // is not a model call itself: it keeps its numbers as an aggregate only.
  const kind: SpanKind = wrapper ? 'OTHER' : span.classification.kind;
  const isCall = kind === 'LLM';
  const attributes = spanAttributes(span, tree, wrapper);
  // Cost reported on a non-call span covers its children; keep it visible but out of pricing.
  if (!isCall && span.reportedCostUsd !== undefined) attributes.aggregateCostUsd = span.reportedCostUsd;
  const record: SpanRecord = {
    id: span.id,
    sessionId,
    // The parent the span names, even when it is not in this request: exporters send spans as they
    // end (children first), split over requests. The writer links it to a placeholder that the
    // parent completes when it arrives. Only a link closing a cycle inside the request is cut.
    parentId: tree.cycleParent.has(span.id) ? null : (tree.parentId.get(span.id) ?? tree.danglingParent.get(span.id) ?? null),
    kind,
    name: span.name,
    traceId: span.traceHex,
    // Request order means nothing across requests; the finaliser numbers the session's spans by
    // start time, then id (ingest/relink-next).
    seq: 0,
    startedAt: span.startNs === null ? null : nanosToIso(span.startNs),
    endedAt: span.endNs === null ? null : nanosToIso(span.endNs),
    durationMs: durationMs(span.startNs, span.endNs),
    model: span.fields.model ?? null,
    provider: span.fields.provider ?? null,
    // A TOOL span without a tool attribute is named after the tool by every framework seen.
    toolName: span.fields.toolName ?? (kind === 'TOOL' ? span.name : null),
    toolCallId: span.fields.toolCallId ?? null,
    usage: isCall ? (span.usage?.usage ?? null) : null,
    aggregateUsage: isCall ? null : (span.usage?.usage ?? null),
    reportedCostUsd: isCall ? (span.reportedCostUsd ?? null) : null,
    status: span.status,
    errorMessage: span.errorMessage ?? null,
    attributes,
  };
  if (span.fields.args !== undefined) record.args = span.fields.args;
  if (span.fields.result !== undefined) record.result = span.fields.result;
  return record;
}

export function convertOtlpRequest(request: ExportTraceServiceRequestLike, options: OtlpConvertOptions = {}): OtlpConversion {
  const rejections: Rejection[] = [];
  const { parsed, rejected } = collectSpans(request, rejections);
  const spans = dropDuplicates(parsed, rejections);
  const tree = buildTree(spans);
  const { sessionOf, sessions, aliases } = assignSessions(spans, tree, options.origin ?? 'otlp');

  const ordered = [...spans].sort((a, b) => compareNanos(a.startNs, b.startNs) || a.order - b.order);
  const records = ordered.map((span) => toSpanRecord(span, tree, sessionOf.get(span.id)!));
  return {
    batch: { sessions, spans: records, spawns: [], rejections, traceAliases: aliases },
    rejectedSpans: rejected + (parsed.length - spans.length),
    acceptedSpans: spans.length,
  };
}
