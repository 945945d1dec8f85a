// Ids and timestamps as the OpenTelemetry Python SDK writes them in span JSON, turned into what OTLP
// carries. Two spellings are seen:
// - any-agent serialises the SpanContext itself: ids as decimal integers (up to 2^128, so they are
//   read as BigInt: see shared/lossless-json.ts) and times as integer nanoseconds;
// - `ReadableSpan.to_json()` (ConsoleSpanExporter) writes ids as "0x" + hex and times as ISO 8601
//   text with microseconds.
// Every other spelling is refused with the reason, never guessed.
import type { JsonValue } from '../shared/lossless-json.ts';

export type Converted = { ok: true; value: string } | { ok: false; reason: string };

/** An id of `bytes` bytes (16 for traces, 8 for spans) as lowercase hex. */
export function idToHex(value: JsonValue | undefined, bytes: 8 | 16): Converted {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  else if (typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value)) n = BigInt(value);
  else if (typeof value === 'string' && /^\d+$/.test(value)) n = BigInt(value);
  else if (typeof value === 'string' && new RegExp(`^[0-9a-f]{${bytes * 2}}$`, 'i').test(value)) n = BigInt(`0x${value}`);
  else return { ok: false, reason: `must be an integer or a 0x-hex id, got ${JSON.stringify(typeof value === 'string' ? value.slice(0, 48) : (value ?? null))}` };
  if (n <= 0n) return { ok: false, reason: 'must be a positive id (0 is invalid in OpenTelemetry)' };
  if (n >= 1n << BigInt(bytes * 8)) return { ok: false, reason: `does not fit in ${bytes * 8} bits` };
  return { ok: true, value: n.toString(16).padStart(bytes * 2, '0') };
}

const ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)?$/;

/** A timestamp as OTLP's decimal nanoseconds; `undefined` when absent (an unfinished span). */
export function timeToNanos(value: JsonValue | undefined): Converted | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value))) {
    if (value < 0) return { ok: false, reason: 'must not be negative' };
    return { ok: true, value: value.toString() };
  }
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return { ok: true, value };
    const match = ISO.exec(value);
    const ms = match ? Date.parse(`${match[1]}${match[3] ?? 'Z'}`) : NaN;
    if (match && !Number.isNaN(ms) && ms >= 0) {
      // The fraction is read as text: microseconds survive, which a Date (milliseconds) would lose.
      return { ok: true, value: (BigInt(ms) * 1_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'))).toString() };
    }
  }
  return { ok: false, reason: `must be integer nanoseconds or an ISO 8601 time, got ${JSON.stringify(typeof value === 'string' ? value.slice(0, 48) : value)}` };
}
