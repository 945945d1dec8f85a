// Tool arguments and results leave the machine: values under secret-looking keys are replaced,
// long strings are cut, and a payload that is still too large becomes a truncated JSON preview.
// The original objects belong to OpenClaw and are never modified.

export interface RedactOptions {
  redactKeys: readonly RegExp[];
  maxStringChars: number;
  maxPayloadChars: number;
}

export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 12;

function cutString(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max)}…[${value.length - max} more chars]`;
}

function clean(value: unknown, options: RedactOptions, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return cutString(value, options.maxStringChars);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return undefined; // functions, symbols: not data
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => clean(item, options, depth + 1, seen));
    if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = options.redactKeys.some((pattern) => pattern.test(key)) ? REDACTED : clean(item, options, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** A JSON-safe, redacted, size-capped copy of `value` (a string preview when it stays too large). */
export function redactPayload(value: unknown, options: RedactOptions): unknown {
  if (value === undefined) return undefined;
  const cleaned = clean(value, options, 0, new WeakSet());
  const json = JSON.stringify(cleaned) ?? 'null';
  if (json.length <= options.maxPayloadChars) return cleaned;
  return cutString(json, options.maxPayloadChars);
}
