// Canonical JSON values and a readable structural diff, for tests that compare two graphs built
// from the same data ("what differs", not just "not equal").

export type Canon = null | boolean | number | string | Canon[] | { [key: string]: Canon };

/**
 * Floats rounded to 12 significant digits: a sum's last bits depend on the order Neo4j happens to
 * add rows, which is not what these tests are about; a real difference (a span counted twice or
 * lost) is far larger.
 */
export function canonicalNumber(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}

/** Sorted keys, rounded floats, undefined dropped: equal values give equal JSON text. */
export function canonical(value: unknown): Canon {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return canonicalNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    const out: { [key: string]: Canon } = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return String(value);
}

/** Sorts a list by the JSON text of its canonical items (for sets stored as lists). */
export function sortedSet(values: unknown[]): Canon[] {
  return values.map(canonical).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
}

const show = (v: Canon | undefined) => (v === undefined ? '(absent)' : JSON.stringify(v).slice(0, 300));

/** Every place where `actual` differs from `expected`, as `path: expected … actual …` lines. */
export function diffCanonical(expected: Canon | undefined, actual: Canon | undefined, path = '$', out: string[] = []): string[] {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return out;
  const isObject = (v: Canon | undefined): v is { [key: string]: Canon } => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
  if (isObject(expected) && isObject(actual)) {
    for (const key of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
      diffCanonical(expected[key], actual[key], `${path}.${key}`, out);
    }
    return out;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    expected.forEach((e, i) => diffCanonical(e, actual[i], `${path}[${i}]`, out));
    return out;
  }
  out.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
  return out;
}
