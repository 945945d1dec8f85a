// Token usage of one API response, from the streamed lines that carry it.
//
// Claude Code writes one line per content block of a response, each repeating `message.usage`.
// Input and cache counts are the same on every line; `output_tokens` grows as the response streams.
// Older versions (2.0.x) put the final `stop_reason` and output count on every line; 2.1.x leaves
// `stop_reason` null everywhere and only the last line has the final output count. Taking the
// maximum of each field over the lines gives the final figure in both cases and does not depend on
// line order. (It equals "the line with a stop_reason" and "the last line" on every real file we
// have; see test/unit/sources/claude-code.corpus.test.ts.)
import type { Usage } from '../../domain/model.ts';
import type { RawUsage } from './schema.ts';

export interface UsageTotals {
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  /** null when no line gave a 5-minute / 1-hour breakdown. */
  cache5m: number | null;
  cache1h: number | null;
  webSearchRequests: number;
  serviceTier: string | null;
}

function maxNullable(a: number | null, b: number | null | undefined): number | null {
  if (b === null || b === undefined) return a;
  return a === null ? b : Math.max(a, b);
}

export function emptyUsage(): UsageTotals {
  return { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, cache5m: null, cache1h: null, webSearchRequests: 0, serviceTier: null };
}

/** Folds one streamed line's usage into the running maximum. */
export function foldUsage(acc: UsageTotals, raw: RawUsage): UsageTotals {
  return {
    input: Math.max(acc.input, raw.input_tokens ?? 0),
    output: Math.max(acc.output, raw.output_tokens ?? 0),
    cacheCreation: Math.max(acc.cacheCreation, raw.cache_creation_input_tokens ?? 0),
    cacheRead: Math.max(acc.cacheRead, raw.cache_read_input_tokens ?? 0),
    cache5m: maxNullable(acc.cache5m, raw.cache_creation?.ephemeral_5m_input_tokens),
    cache1h: maxNullable(acc.cache1h, raw.cache_creation?.ephemeral_1h_input_tokens),
    webSearchRequests: Math.max(acc.webSearchRequests, raw.server_tool_use?.web_search_requests ?? 0),
    serviceTier: acc.serviceTier ?? raw.service_tier ?? null,
  };
}

/**
 * Anthropic usage in the model's additive convention. `input_tokens` already excludes cached
 * tokens, so it is `input` unchanged. Cache writes are split by lifetime when the source says which;
 * tokens of `cache_creation_input_tokens` the breakdown does not account for have an unknown
 * lifetime and go to `cacheWrite` (the default, 5-minute bucket) so none is lost.
 */
export function toUsage(totals: UsageTotals): Usage {
  const hasBreakdown = totals.cache5m !== null || totals.cache1h !== null;
  const cacheWrite1h = hasBreakdown ? (totals.cache1h ?? 0) : 0;
  const cacheWrite = hasBreakdown ? Math.max(totals.cache5m ?? 0, totals.cacheCreation - cacheWrite1h) : totals.cacheCreation;
  return {
    input: totals.input,
    output: totals.output,
    cacheRead: totals.cacheRead,
    cacheWrite,
    cacheWrite1h,
    // Anthropic reports no separate reasoning count: thinking is inside output_tokens.
    reasoning: 0,
  };
}
