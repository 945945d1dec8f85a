// Canonical JSON: one text for one value, whatever key order or spacing the source used, so equal
// tool calls hash equal (DESIGN §7 exact_duplicate). Keys sorted by UTF-16 code units at every
// depth and numbers in ECMAScript form, as in RFC 8785 (JCS); no whitespace.
import { nestedDeeperThan } from '../json-depth.ts';

export function canonicalJson(value: unknown): string {
  return write(value, new WeakSet<object>());
}

function write(value: unknown, open: WeakSet<object>): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // -0 and 0 are the same argument; NaN/Infinity have no JSON form and cannot come from JSON.
      if (!Number.isFinite(value)) return 'null';
      return JSON.stringify(value === 0 ? 0 : value);
    case 'bigint':
      return value.toString();
    case 'function':
    case 'symbol':
      return 'null';
    default:
      break;
  }
  if (value instanceof Date) return JSON.stringify(Number.isNaN(value.getTime()) ? null : value.toISOString());
  const obj = value as object;
  // A cycle cannot come from parsed JSON; mark it rather than recurse forever.
  if (open.has(obj)) return '"[Circular]"';
  open.add(obj);
  try {
    if (Array.isArray(obj)) return `[${obj.map((item) => write(item, open)).join(',')}]`;
    const entries = Object.entries(obj as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, open)}`).join(',')}}`;
  } finally {
    open.delete(obj);
  }
}

/**
 * Tool arguments as a value. Some sources hand them over as a JSON string (OpenAI chat
 * `function.arguments`, τ-bench): parse those, so `{"a":1}` and `{"a": 1}` are the same call.
 * Any other string stays a string.
 */
export function parseArgs(args: unknown): unknown {
  if (typeof args !== 'string') return args;
  const trimmed = args.trim();
  if (!(trimmed.startsWith('{') && trimmed.endsWith('}')) && !(trimmed.startsWith('[') && trimmed.endsWith(']'))) return args;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed) as unknown;
  } catch {
    return args;
  }
  // Nested deeper than any real call: kept as text, since canonicalising recurses (issue 13).
  return nestedDeeperThan(parsed) ? args : parsed;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
