// Timestamps inside the adapter are epoch milliseconds (easy to compare and subtract); records carry
// ISO strings. `new Date(x).toISOString()` throws on an invalid date and the adapter must never
// throw on bad input, so every conversion goes through these guards.
import type { TranscriptLine } from './read-lines.ts';

export { durationBetween, toEpochMs, toIso } from '../shared/time.ts';

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
