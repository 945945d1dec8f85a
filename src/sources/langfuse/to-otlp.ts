// A Langfuse trace export → the OTLP/JSON request its observations were (or would have been)
// exported as: each observation is a span with its original OTel attributes, resource and scope
// (from `metadata`), restored where Langfuse removed them (restore-attributes.ts). Observations that
// cannot be used are rejected one by one, located `file:line`.
import type { Rejection } from '../../domain/model.ts';
import { assembleRequest, toKeyValues, type SpanInResource } from '../otlp/build-request.ts';
import type { ExportTraceServiceRequestLike, SpanLike } from '../otlp/types.ts';
import { isJsonObject, parseLosslessJson, type JsonObject, type JsonValue } from '../shared/lossless-json.ts';
import type { SourceFile } from '../types.ts';
import { langfuseIdToHex } from './ids.ts';
import { readLangfuseExport } from './read-export.ts';
import { restoreAttributes } from './restore-attributes.ts';
import { LangfuseObservationSchema, LangfuseTraceSchema, describeIssues, type LangfuseObservation, type LangfuseTrace } from './schema.ts';

/** An observation that became a span: where it was, and what Langfuse recorded about it. */
export interface ConvertedObservation {
  observation: LangfuseObservation;
  line: number;
  traceHex: string;
  spanHex: string;
}

export interface LangfuseRequest {
  request: ExportTraceServiceRequestLike;
  trace: LangfuseTrace | undefined;
  observations: ConvertedObservation[];
  rejections: Rejection[];
}

const SESSION_KEYS = ['gen_ai.conversation.id', 'session.id'];

function isoToNanos(iso: string): string {
  return (BigInt(Date.parse(iso)) * 1_000_000n).toString();
}

/** `metadata`: a JSON string (or object) with the original `attributes`, `resourceAttributes`, `scope`. */
function readMetadata(metadata: LangfuseObservation['metadata']): { ok: true; value: JsonObject } | { ok: false; reason: string } {
  if (metadata === null || metadata === undefined) return { ok: true, value: {} };
  if (typeof metadata !== 'string') return { ok: true, value: metadata as JsonObject };
  const parsed = parseLosslessJson(metadata);
  if (!parsed.ok) return { ok: false, reason: `field metadata is not JSON: ${parsed.error.message} of the metadata text` };
  return { ok: true, value: isJsonObject(parsed.value) ? parsed.value : {} };
}

const objectOr = (value: JsonValue | undefined): JsonObject => (isJsonObject(value) ? value : {});

function toSpan(obs: LangfuseObservation, traceHex: string, spanHex: string, attributes: JsonObject): SpanLike {
  const span: SpanLike = {
    traceId: traceHex,
    spanId: spanHex,
    name: obs.name ?? obs.type,
    kind: 1,
    startTimeUnixNano: isoToNanos(obs.startTime),
    attributes: toKeyValues(attributes),
    status: obs.level === 'ERROR' ? { code: 2, message: obs.statusMessage ?? '' } : { code: 0 },
  };
  if (obs.endTime) span.endTimeUnixNano = isoToNanos(obs.endTime);
  if (obs.parentObservationId) span.parentSpanId = langfuseIdToHex(obs.parentObservationId, 8);
  return span;
}

export function langfuseToOtlp(file: SourceFile): LangfuseRequest {
  const reading = readLangfuseExport(file.text);
  const rejections: Rejection[] = [];
  if (reading.problem) rejections.push({ location: `${file.path}:${reading.problem.line}`, reason: reading.problem.reason });
  const traceCheck = reading.trace ? LangfuseTraceSchema.safeParse(reading.trace) : undefined;
  if (traceCheck && !traceCheck.success) rejections.push({ location: `${file.path}: trace`, reason: describeIssues(traceCheck.error) });
  const trace = traceCheck?.success ? traceCheck.data : undefined;

  const parts: Array<{ converted: ConvertedObservation; attributes: JsonObject; resource: JsonObject; scope: SpanInResource['scope'] }> = [];
  reading.observations.forEach(({ value, line }) => {
    const location = `${file.path}:${line}`;
    const checked = LangfuseObservationSchema.safeParse(value);
    if (!checked.success) {
      const id = isJsonObject(value) && typeof value.id === 'string' ? ` ${value.id.slice(0, 64)}` : '';
      rejections.push({ location, reason: `observation${id}: ${describeIssues(checked.error)}` });
      return;
    }
    const obs = checked.data;
    const traceId = obs.traceId ?? trace?.id;
    if (!traceId) {
      rejections.push({ location, reason: `observation ${obs.id}: field traceId is missing and the export has no trace id` });
      return;
    }
    const metadata = readMetadata(obs.metadata);
    if (!metadata.ok) {
      rejections.push({ location, reason: `observation ${obs.id}: ${metadata.reason}` });
      return;
    }
    const scope = objectOr(metadata.value.scope);
    parts.push({
      converted: { observation: obs, line, traceHex: langfuseIdToHex(traceId, 16), spanHex: langfuseIdToHex(obs.id, 8) },
      attributes: restoreAttributes(obs, objectOr(metadata.value.attributes)),
      resource: objectOr(metadata.value.resourceAttributes),
      scope: typeof scope.name === 'string' && scope.name ? { name: scope.name, ...(typeof scope.version === 'string' ? { version: scope.version } : {}) } : undefined,
    });
  });

  // Langfuse's own session, when no span names one: the trace joins it, as in Langfuse.
  const named = parts.some((p) => SESSION_KEYS.some((k) => Object.hasOwn(p.attributes, k) || Object.hasOwn(p.resource, k)));
  const sessionId = !named && trace?.sessionId ? trace.sessionId : undefined;
  const items: SpanInResource[] = parts.map(({ converted, attributes, resource, scope }) => ({
    resource: sessionId ? { ...resource, 'session.id': sessionId } : resource,
    scope,
    span: toSpan(converted.observation, converted.traceHex, converted.spanHex, attributes),
  }));
  return { request: assembleRequest(items), trace, observations: parts.map((p) => p.converted), rejections };
}
