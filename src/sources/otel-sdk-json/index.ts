// The OpenTelemetry SDK span-JSON adapter (files the Python SDK's span JSON was written to: any-agent
// traces, ConsoleSpanExporter output). Pure: file text → OTLP request → the OTLP converter, so every
// span gets exactly the ids, kinds, usage and session an OTLP export of the same spans gets, and a
// later OTLP re-send of them changes nothing. Source kind stays `otlp`.
//
// A file that cannot be read at all, a broken piece of it, or a span with a bad field becomes a
// rejection located as `file:line`; the other spans still convert.
import type { NormalisedBatch, Rejection } from '../../domain/model.ts';
import { assembleRequest, type SpanInResource } from '../otlp/build-request.ts';
import { convertOtlpRequest, type ExportTraceServiceRequestLike } from '../otlp/index.ts';
import type { SourceFile } from '../types.ts';
import { readSpanDocuments } from './read-documents.ts';
import { sdkSpanToOtlp } from './to-otlp-span.ts';

export interface SdkJsonRequest {
  request: ExportTraceServiceRequestLike;
  rejections: Rejection[];
  /** Span id (hex) → line where the span starts, to locate the converter's rejections. */
  lineOfSpan: Map<string, number>;
}

/** The file's spans as one OTLP/JSON request (what an OTLP exporter would have sent). */
export function otelSdkJsonToOtlp(file: SourceFile): SdkJsonRequest {
  const { spans, problems } = readSpanDocuments(file.text);
  const rejections: Rejection[] = problems.map((p) => ({ location: `${file.path}:${p.line}`, reason: p.reason }));
  const items: SpanInResource[] = [];
  const lineOfSpan = new Map<string, number>();
  for (const { value, line } of spans) {
    const converted = sdkSpanToOtlp(value);
    if (!converted.ok) {
      rejections.push({ location: `${file.path}:${line}`, reason: `span ${converted.label}: ${converted.problems.join('; ')}` });
      continue;
    }
    items.push(converted.item);
    if (!lineOfSpan.has(converted.spanHex)) lineOfSpan.set(converted.spanHex, line);
  }
  return { request: assembleRequest(items), rejections, lineOfSpan };
}

/** `otlp span <hex> field …` from the converter → `<file>:<line>` of that span. */
function locate(rejection: Rejection, file: SourceFile, lineOfSpan: Map<string, number>): Rejection {
  const hex = /^otlp span ([0-9a-f]{16})\b/.exec(rejection.location)?.[1];
  const line = hex === undefined ? undefined : lineOfSpan.get(hex);
  return { location: line === undefined ? `${file.path}: ${rejection.location}` : `${file.path}:${line}`, reason: `${rejection.location}: ${rejection.reason}` };
}

export function parseOtelSdkJson(file: SourceFile): NormalisedBatch {
  const { request, rejections, lineOfSpan } = otelSdkJsonToOtlp(file);
  const { batch } = convertOtlpRequest(request, { origin: file.path });
  batch.rejections = [...rejections, ...batch.rejections.map((r) => locate(r, file, lineOfSpan))];
  return batch;
}

/**
 * Whether the start of a file looks like SDK span JSON: a span object (`"context"` holding a
 * `"trace_id"`), alone, in an array or under `"spans"`. OTLP/JSON (`resourceSpans`) is not.
 */
export function isOtelSdkJson(name: string, head: string): boolean {
  if (!/\.(json|jsonl|ndjson|log)$/.test(name) || /"resourceSpans"/.test(head)) return false;
  return /^\s*[[{]/.test(head) && /"context"\s*:\s*\{[^}]*"trace_id"/.test(head);
}
