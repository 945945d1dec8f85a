// LLM spans: one per API response, and one per failed API attempt (see api-errors.ts).
import { describeApiError } from './api-errors.ts';
import { apiErrorSpanId, llmSpanId, rootSpanId } from './ids.ts';
import type { ApiErrorLine, LlmCall } from './llm-calls.ts';
import { lineKey, type TranscriptLine } from './read-lines.ts';
import { PROVIDER, compact, type SpanDraft } from './span-common.ts';
import { TEXT_PREVIEW_CHARS, joinNonEmpty, truncate } from './text.ts';
import { durationBetween, toIso } from './time.ts';
import { toUsage } from './usage.ts';

/**
 * The request was sent when the line it answers (its `parentUuid`: the prompt or the last tool
 * result) was written, not when the first block of the answer arrived.
 */
function requestStartMs(call: LlmCall, byUuid: Map<string, TranscriptLine>): number | null {
  const first = call.lines[0];
  if (!first) return null;
  const parent = first.envelope.parentUuid ? byUuid.get(first.envelope.parentUuid) : undefined;
  const sentMs = parent?.timeMs ?? null;
  if (sentMs !== null && first.timeMs !== null && sentMs <= first.timeMs) return sentMs;
  return first.timeMs;
}

function lastTimeMs(lines: TranscriptLine[]): number | null {
  return lines.reduce<number | null>((last, l) => (l.timeMs !== null && (last === null || l.timeMs > last) ? l.timeMs : last), null);
}

function callText(call: LlmCall): { text: string | null; preview: string | null } {
  const texts: string[] = [];
  const previewParts: string[] = [];
  for (const { block } of call.blocks) {
    if (block.type === 'text' && block.text) {
      texts.push(block.text);
      previewParts.push(block.text);
    } else if (block.type === 'thinking' && block.thinking) {
      previewParts.push(`[thinking] ${block.thinking}`);
    }
  }
  const preview = joinNonEmpty(previewParts);
  return { text: joinNonEmpty(texts), preview: preview === null ? null : truncate(preview, TEXT_PREVIEW_CHARS) };
}

export function llmSpan(sessionId: string, call: LlmCall, byUuid: Map<string, TranscriptLine>): SpanDraft {
  const startMs = requestStartMs(call, byUuid);
  const endMs = lastTimeMs(call.lines);
  const { text, preview } = callText(call);
  return {
    id: llmSpanId(sessionId, call.key),
    sessionId,
    parentId: rootSpanId(sessionId),
    kind: 'LLM',
    name: call.model ?? 'unknown-model',
    startedAt: toIso(startMs),
    endedAt: toIso(endMs),
    durationMs: durationBetween(startMs, endMs),
    model: call.model,
    provider: PROVIDER,
    usage: call.usage ? toUsage(call.usage) : null,
    reportedCostUsd: call.costUsd,
    status: 'ok',
    result: text ?? undefined,
    textPreview: preview,
    attributes: compact({
      messageId: call.messageId,
      requestId: call.requestId,
      stopReason: call.stopReason,
      streamedLines: call.lines.length,
      serviceTier: call.usage?.serviceTier,
      webSearchRequests: call.usage && call.usage.webSearchRequests > 0 ? call.usage.webSearchRequests : null,
    }),
  };
}

export function apiErrorSpan(sessionId: string, { line }: ApiErrorLine): SpanDraft {
  const { message, attributes } = describeApiError(line);
  return {
    id: apiErrorSpanId(sessionId, lineKey(line)),
    sessionId,
    parentId: rootSpanId(sessionId),
    kind: 'LLM',
    name: 'api_error',
    startedAt: toIso(line.timeMs),
    endedAt: toIso(line.timeMs),
    durationMs: line.timeMs === null ? null : 0,
    provider: PROVIDER,
    // A failed attempt returns no usage: nothing to price, and no silent zero either.
    usage: null,
    status: 'error',
    errorMessage: message,
    attributes,
  };
}
