// OTLP KeyValue lists → plain maps, and typed readers that tolerate the spellings seen in real
// exports (token counts as intValue, doubleValue or numeric strings) but report real nonsense.
export type AttrValue = string | number | boolean | AttrValue[] | { [key: string]: AttrValue };
export type Attributes = ReadonlyMap<string, AttrValue>;

/** A problem with one field of one span; the converter turns it into a located Rejection. */
export interface FieldProblem {
  field: string;
  reason: string;
}

// Deeper nesting than any real attribute; bounding it keeps hostile bodies from exhausting the stack.
const MAX_DEPTH = 16;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function intValue(raw: unknown): number | string | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : undefined;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  // Keep ids and other huge int64s exact as text rather than silently rounding them.
  return Number.isSafeInteger(n) ? n : raw;
}

function doubleValue(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  // proto3 JSON writes non-finite doubles as strings; they carry no usable quantity, so keep them out.
  if (typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return undefined;
}

/** One AnyValue → a JS value; `undefined` for an empty value; throws a reason string when malformed. */
export function anyValueToJs(value: unknown, depth = 0): AttrValue | undefined {
  if (depth > MAX_DEPTH) throw new Error(`nested deeper than ${MAX_DEPTH} levels`);
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw new Error('value must be an AnyValue object');
  if ('stringValue' in value) {
    if (typeof value.stringValue !== 'string') throw new Error('stringValue must be a string');
    return value.stringValue;
  }
  if ('boolValue' in value) {
    if (typeof value.boolValue !== 'boolean') throw new Error('boolValue must be a boolean');
    return value.boolValue;
  }
  if ('intValue' in value) {
    const n = intValue(value.intValue);
    if (n === undefined) throw new Error('intValue must be an integer or a decimal string');
    return n;
  }
  if ('doubleValue' in value) {
    const n = doubleValue(value.doubleValue);
    if (n === undefined) throw new Error('doubleValue must be a finite number');
    return n;
  }
  if ('bytesValue' in value) {
    if (typeof value.bytesValue !== 'string') throw new Error('bytesValue must be a base64 string');
    return value.bytesValue;
  }
  if ('arrayValue' in value) {
    const values = isRecord(value.arrayValue) ? (value.arrayValue.values ?? []) : undefined;
    if (!Array.isArray(values)) throw new Error('arrayValue.values must be an array');
    return values.map((v) => anyValueToJs(v, depth + 1)).filter((v): v is AttrValue => v !== undefined);
  }
  if ('kvlistValue' in value) {
    const values = isRecord(value.kvlistValue) ? (value.kvlistValue.values ?? []) : undefined;
    if (!Array.isArray(values)) throw new Error('kvlistValue.values must be an array');
    // Null prototype: a key called `__proto__` stays a key instead of replacing the prototype.
    const out: { [key: string]: AttrValue } = Object.create(null) as { [key: string]: AttrValue };
    for (const kv of values) {
      if (!isRecord(kv) || typeof kv.key !== 'string') throw new Error('kvlistValue entries need a string key');
      const inner = anyValueToJs(kv.value, depth + 1);
      if (inner !== undefined) out[kv.key] = inner;
    }
    return out;
  }
  return undefined;
}

/** A KeyValue list → map. Malformed entries are skipped and reported under `field[index]`. */
export function attributesToMap(list: unknown, field: string, problems: FieldProblem[]): Map<string, AttrValue> {
  const map = new Map<string, AttrValue>();
  if (list === undefined || list === null) return map;
  if (!Array.isArray(list)) {
    problems.push({ field, reason: 'must be an array of {key, value}' });
    return map;
  }
  list.forEach((kv: unknown, index) => {
    if (!isRecord(kv) || typeof kv.key !== 'string') {
      problems.push({ field: `${field}[${index}]`, reason: 'attribute needs a string "key"' });
      return;
    }
    try {
      const value = anyValueToJs(kv.value);
      if (value !== undefined) map.set(kv.key, value);
    } catch (error) {
      problems.push({ field: `${field}.${kv.key}`, reason: (error as Error).message });
    }
  });
  return map;
}

/** First present key as text (numbers and booleans are stringified: ids are sometimes sent as ints). */
export function readString(attrs: Attributes, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = attrs.get(key);
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  }
  return undefined;
}

/** A raw attribute as the source gave it (string, number, array, map). */
export function readRaw(attrs: Attributes, keys: readonly string[]): AttrValue | undefined {
  for (const key of keys) {
    const value = attrs.get(key);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

function toNumber(value: AttrValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/**
 * A token count: a non-negative integer, given as an int, an integral double or a numeric string
 * (Langfuse and some SDKs stringify every attribute). Anything else is reported, not guessed.
 */
export function readCount(attrs: Attributes, key: string, problems: FieldProblem[]): number | undefined {
  const value = attrs.get(key);
  if (value === undefined) return undefined;
  const n = toNumber(value);
  if (n === undefined || !Number.isSafeInteger(n) || n < 0) {
    problems.push({ field: key, reason: `token count must be a non-negative integer, got ${JSON.stringify(value)}` });
    return undefined;
  }
  return n;
}

/**
 * A money amount: a finite, non-negative number (or numeric string). Amounts beyond the plausibility
 * bound are not refused here: the pricer stores them unpriced with the reason (src/domain/cost).
 */
export function readAmount(attrs: Attributes, key: string, problems: FieldProblem[]): number | undefined {
  const value = attrs.get(key);
  if (value === undefined) return undefined;
  const n = toNumber(value);
  // A protobuf double may be NaN or ±Infinity (JSON cannot say them; JSON.stringify shows null).
  if (n === undefined || !Number.isFinite(n) || n < 0) {
    problems.push({ field: key, reason: `cost must be a finite non-negative number, got ${Number.isNaN(n) || n === Infinity || n === -Infinity ? String(n) : JSON.stringify(value)}` });
    return undefined;
  }
  return n;
}
