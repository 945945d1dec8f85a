// Timestamps inside the transcript adapters are epoch milliseconds; records carry ISO strings.
//
// `new Date(x).toISOString()` throws a RangeError on an invalid or out-of-range date, and the adapter
// must never throw on bad input, so every conversion goes through these guards.

/** The largest distance from the epoch a JS Date can represent (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15;

/** Epoch ms from an ISO string or an epoch-ms number, or null when it is not a usable instant. */
export function toEpochMs(value: unknown): number | null {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (typeof value === 'string' && value.trim() !== '') ms = Date.parse(value);
  else return null;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? ms : null;
}

/** ISO-8601 (UTC, milliseconds) for an epoch-ms instant already checked by `toEpochMs`. */
export function toIso(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

/** Duration between two instants, or null when one is unknown or the clock ran backwards. */
export function durationBetween(startMs: number | null, endMs: number | null): number | null {
  if (startMs === null || endMs === null) return null;
  const d = endMs - startMs;
  // Entry timestamps are written when an entry is persisted, so a tool result can carry an earlier
  // stamp than the assistant message that requested it (seen in real files): no negative durations.
  return d >= 0 ? d : null;
}
