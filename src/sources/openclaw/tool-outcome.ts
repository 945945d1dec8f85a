// What a tool result says about how the call went.
//
// OpenClaw puts `isError` on the result *message* (not on content items), and many tools report
// failure only in `details`: `exec` with a non-zero `exitCode`, `read`/`edit` with
// `status: "error"`, `process` with `status: "failed"`, `sessions_spawn` with
// `status: "forbidden"`. In the real corpus no result has `isError: true`, so `details` is where
// the failures are.
import type { ToolResultEntry } from './entries.ts';
import { isRecord } from './guards.ts';
import { ERROR_MESSAGE_CHARS, truncate } from './text.ts';

const FAILED_DETAIL_STATUSES: readonly string[] = ['error', 'failed', 'forbidden'];

/**
 * `details` as written, or — when a tool wrote none — its text when that is a JSON object
 * (`sessions_spawn` returns its status both ways).
 */
export function resultDetails(result: ToolResultEntry): Record<string, unknown> | null {
  if (result.details) return result.details;
  const text = result.text.trim();
  if (!text.startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export interface ToolOutcome {
  failed: boolean;
  errorMessage: string | null;
  /** Scalar facts worth keeping on the span. */
  attributes: Record<string, string | number>;
}

export function toolOutcome(result: ToolResultEntry): ToolOutcome {
  const details = resultDetails(result);
  const status = details?.status;
  const exitCode = details?.exitCode;
  const attributes: Record<string, string | number> = {};
  if (typeof status === 'string' || typeof status === 'number') attributes.resultStatus = status;
  if (typeof exitCode === 'number') attributes.exitCode = exitCode;
  if (typeof details?.durationMs === 'number') attributes.toolDurationMs = details.durationMs;

  const failedByStatus = typeof status === 'string' && FAILED_DETAIL_STATUSES.includes(status);
  const failedByExit = typeof exitCode === 'number' && exitCode !== 0;
  const failed = result.isError || failedByStatus || failedByExit;
  if (!failed) return { failed, errorMessage: null, attributes };

  const detailError = typeof details?.error === 'string' && details.error.trim() !== '' ? details.error : null;
  const fallback = failedByExit ? `exit code ${String(exitCode)}` : `tool reported status "${String(status ?? 'error')}"`;
  const message = detailError ?? (result.text.trim() !== '' ? result.text : fallback);
  return { failed, errorMessage: truncate(message, ERROR_MESSAGE_CHARS), attributes };
}
