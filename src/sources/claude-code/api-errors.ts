// Failed model API attempts. Claude Code logs each failed attempt it will retry as a `system` line
// (`subtype:"api_error"`, `retryAttempt`, `maxRetries`, `error{status, message, ...}`), and when it
// gives up writes a synthetic assistant line (`model:"<synthetic>"`, `isApiErrorMessage:true`,
// `error:"rate_limit"`, `apiErrorStatus`, text "API Error: ..."). Each is one API call that failed,
// so each becomes an LLM span with status error and no usage: a retry that later succeeds is a
// separate (ok) span, and nothing is counted twice.
import type { TranscriptLine } from './read-lines.ts';
import { ERROR_MESSAGE_CHARS, joinNonEmpty, textBlocks, truncate } from './text.ts';

export interface ApiErrorInfo {
  message: string;
  attributes: Record<string, string | number | boolean>;
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** The innermost `message` of an SDK error (`error.error.error.message` in real lines). */
function innermostMessage(error: Json): string | null {
  let current: Json | null = error;
  let found: string | null = null;
  for (let depth = 0; current && depth < 4; depth += 1) {
    if (typeof current.message === 'string' && current.message.trim() !== '') found = current.message;
    current = asObject(current.error);
  }
  return found;
}

function statusOf(error: Json | null): number | null {
  return error && typeof error.status === 'number' ? error.status : null;
}

function retryInfo(line: TranscriptLine): ApiErrorInfo {
  const { envelope } = line;
  const error = asObject(envelope.error);
  const status = statusOf(error);
  const detail =
    (typeof envelope.error === 'string' ? envelope.error : null) ??
    (error ? innermostMessage(error) : null) ??
    (typeof envelope.content === 'string' ? envelope.content : null) ??
    'API error';
  const attributes: ApiErrorInfo['attributes'] = { apiError: 'retry' };
  if (status !== null) attributes.httpStatus = status;
  if (typeof envelope.retryAttempt === 'number') attributes.retryAttempt = envelope.retryAttempt;
  if (typeof envelope.maxRetries === 'number') attributes.maxRetries = envelope.maxRetries;
  return { message: status !== null ? `HTTP ${status}: ${detail}` : detail, attributes };
}

function finalInfo(line: TranscriptLine): ApiErrorInfo {
  const { envelope } = line;
  const attributes: ApiErrorInfo['attributes'] = { apiError: 'final' };
  const error = asObject(envelope.error);
  if (typeof envelope.error === 'string') attributes.errorCode = envelope.error;
  const status = envelope.apiErrorStatus ?? statusOf(error);
  if (typeof status === 'number') attributes.httpStatus = status;
  const text = joinNonEmpty(textBlocks(line.message?.content));
  const message = text ?? (error ? innermostMessage(error) : null) ?? attributes.errorCode?.toString() ?? 'API error';
  return { message, attributes };
}

export function describeApiError(line: TranscriptLine): ApiErrorInfo {
  const info = line.envelope.type === 'system' ? retryInfo(line) : finalInfo(line);
  return { ...info, message: truncate(info.message, ERROR_MESSAGE_CHARS) };
}
