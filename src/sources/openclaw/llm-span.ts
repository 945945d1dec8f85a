// One assistant message → one LLM span: in OpenClaw one assistant message is one model API call.
import type { SpanRecord } from '../../domain/model.ts';
import type { AssistantEntry } from './entries.ts';
import { entrySpanId, sessionRecordId } from './ids.ts';
import { ERROR_MESSAGE_CHARS, joinNonEmpty, TEXT_PREVIEW_CHARS, truncate } from './text.ts';
import { durationBetween, toIso } from './time.ts';

/**
 * `model: "delivery-mirror"` messages (provider `openclaw`, zero usage) mirror text OpenClaw
 * delivered to a channel; no model was called, so they are not LLM spans.
 */
export function isModelCall(entry: AssistantEntry): boolean {
  return entry.model !== 'delivery-mirror';
}

/**
 * Calls that ended without a usable answer. `aborted` is counted as failed too: the request was
 * cancelled mid-stream (real files record zero usage and an errorMessage for it).
 */
const FAILED_STOP_REASONS: readonly string[] = ['error', 'aborted'];

function previewOf(entry: AssistantEntry): string | null {
  const text = joinNonEmpty(entry.texts);
  if (text !== null) return truncate(text, TEXT_PREVIEW_CHARS);
  const thinking = joinNonEmpty(entry.thinking);
  return thinking === null ? null : truncate(`[thinking] ${thinking}`, TEXT_PREVIEW_CHARS);
}

/** `transcriptSessionId` is the header id; span ids and the session record id derive from it. */
export function buildLlmSpan(transcriptSessionId: string, entry: AssistantEntry, parentId: string, seq: number): SpanRecord {
  const failed = entry.stopReason !== null && FAILED_STOP_REASONS.includes(entry.stopReason);
  // The message's own timestamp is when the request was sent; the entry's is when the answer was
  // written. Without the former the call is placed at the instant it was recorded.
  const startedAt = entry.requestAt ?? entry.at;
  const attributes: Record<string, string> = {};
  if (entry.stopReason !== null) attributes.stopReason = entry.stopReason;
  if (entry.api !== null) attributes.api = entry.api;
  const text = joinNonEmpty(entry.texts);

  return {
    id: entrySpanId(transcriptSessionId, entry.id),
    sessionId: sessionRecordId(transcriptSessionId),
    parentId,
    kind: 'LLM',
    name: entry.model ?? 'llm',
    seq,
    startedAt: toIso(startedAt),
    endedAt: toIso(entry.at),
    durationMs: durationBetween(startedAt, entry.at),
    model: entry.model,
    provider: entry.provider,
    // OpenClaw's `input` already excludes cache reads and writes: the additive convention of the
    // model, copied as is.
    usage: entry.usage,
    // usage.cost.total is OpenClaw's own list-price cost of this call: the reported ground truth.
    reportedCostUsd: entry.costUsd,
    status: failed ? 'error' : 'ok',
    errorMessage: failed
      ? truncate(entry.errorMessage ?? `model call ended with stopReason "${entry.stopReason}"`, ERROR_MESSAGE_CHARS)
      : null,
    ...(text !== null ? { result: text } : {}),
    textPreview: previewOf(entry),
    attributes,
  };
}
