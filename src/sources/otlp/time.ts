// OTLP timestamps are unsigned 64-bit nanoseconds since the epoch: decimal strings in JSON (numbers
// from some senders). Nanoseconds exceed 2^53, so they are handled as BigInt and only the
// millisecond part is turned into a Date.
export type NanosCheck = { ok: true; nanos: bigint | null } | { ok: false; reason: string };

// Date's valid range (±8.64e15 ms); anything outside cannot be stored as an ISO timestamp.
const MAX_MS = 8_640_000_000_000_000n;

export function parseNanos(value: unknown): NanosCheck {
  if (value === undefined || value === null || value === '' || value === 0 || value === '0') return { ok: true, nanos: null };
  let nanos: bigint;
  if (typeof value === 'string' && /^\d+$/.test(value)) nanos = BigInt(value);
  else if (typeof value === 'number' && Number.isInteger(value) && value >= 0) nanos = BigInt(value);
  else return { ok: false, reason: `must be unsigned integer nanoseconds since the epoch, got ${JSON.stringify(value)}` };
  if (nanos / 1_000_000n > MAX_MS) return { ok: false, reason: 'is beyond the representable date range' };
  return { ok: true, nanos };
}

export function nanosToIso(nanos: bigint): string {
  return new Date(Number(nanos / 1_000_000n)).toISOString();
}

/** Duration in (fractional) milliseconds, or null when either end is unknown or it runs backwards. */
export function durationMs(start: bigint | null, end: bigint | null): number | null {
  if (start === null || end === null || end < start) return null;
  return Number(end - start) / 1e6;
}

/** Orders timestamps ascending with unknown ones last. */
export function compareNanos(a: bigint | null, b: bigint | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
