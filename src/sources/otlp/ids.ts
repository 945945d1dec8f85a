// Trace and span ids. OTLP/JSON carries them as hex (32 and 16 characters); a few exporters put the
// protobuf JSON mapping's base64 there instead, which has a different length, so both are read.
export type IdCheck = { ok: true; hex: string } | { ok: false; reason: string };

function fromBase64(value: string, bytes: number): string | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  const buffer = Buffer.from(value, 'base64');
  return buffer.length === bytes ? buffer.toString('hex') : undefined;
}

/** Validates an id of `bytes` bytes (16 for traces, 8 for spans); all-zero ids are invalid in OTLP. */
export function normaliseId(value: unknown, bytes: 8 | 16): IdCheck {
  if (typeof value !== 'string' || value === '') return { ok: false, reason: `must be a non-empty hex string of ${bytes * 2} characters` };
  const hexPattern = new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`);
  const hex = hexPattern.test(value) ? value.toLowerCase() : fromBase64(value, bytes);
  if (!hex) return { ok: false, reason: `must be ${bytes * 2} hex characters (got ${JSON.stringify(value.slice(0, 48))})` };
  if (/^0+$/.test(hex)) return { ok: false, reason: 'is all zeroes, which OTLP defines as invalid' };
  return { ok: true, hex };
}

export function otelSpanId(traceHex: string, spanHex: string): string {
  return `otel:${traceHex}:${spanHex}`;
}

export function otelSessionId(key: string): string {
  return `otel:${key}`;
}
