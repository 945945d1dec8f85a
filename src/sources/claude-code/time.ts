// Timestamps inside the adapter are epoch milliseconds (easy to compare and subtract); records carry
// ISO strings. `new Date(x).toISOString()` throws on an invalid date and the adapter must never
// throw on bad input, so every conversion goes through these guards.
import type { TranscriptLine } from './read-lines.ts';

/** The largest distance from the epoch a JS Date can represent (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15;

/** Epoch ms of an ISO string (or epoch-ms number), or null when it is not a usable instant. */
export function toEpochMs(value: unknown): number | null {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && value.trim() !== '') ms = Date.parse(value);
  else return null;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? ms : null;
}

/** ISO-8601 (UTC, milliseconds) of an instant already checked by `toEpochMs`. */
export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Elapsed time, or null when an end is unknown or the clock ran backwards. */
export function durationBetween(startMs: number | null, endMs: number | null): number | null {
  if (startMs === null || endMs === null) return null;
  const d = endMs - startMs;
  return d >= 0 ? d : null;
}

export interface SessionTimes {
  startMs: number | null;
  endMs: number | null;
}

/** First and last line timestamps of a session (lines are not always written in time order). */
export function sessionTimes(lines: TranscriptLine[]): SessionTimes {
  let startMs: number | null = null;
  let endMs: number | null = null;
  for (const { timeMs } of lines) {
    if (timeMs === null) continue;
    if (startMs === null || timeMs < startMs) startMs = timeMs;
    if (endMs === null || timeMs > endMs) endMs = timeMs;
  }
  return { startMs, endMs };
}
