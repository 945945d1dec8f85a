// The hostile-value corpus (issue 13): what an attacker or a sloppy client sends in any field.
// Every Object.prototype name, strings from 1 B to 1 MB (past Neo4j's 8 kB index-entry limit),
// lone surrogates, control characters, JSON nested far deeper than any real value, and the numbers
// JSON or protobuf can carry that no quantity should be (NaN, ±Infinity, 1e300, -0, -1, > 2^53).
import { untilFinalised } from './finalised.ts';
import { expect } from 'vitest';
import type { Graph } from '../../src/graph/driver.ts';

/** `constructor`, `__proto__`, `toString`, `hasOwnProperty`, `valueOf`, ... (12 names). */
export const PROTO_KEYS: readonly string[] = Object.getOwnPropertyNames(Object.prototype);

export interface HostileString {
  label: string;
  value: string;
}

const deepJsonText = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

export const HOSTILE_STRINGS: readonly HostileString[] = [
  ...PROTO_KEYS.map((key) => ({ label: key, value: key })),
  { label: '1 B', value: 'x' },
  { label: 'empty', value: '' },
  { label: '9 kB (past the index limit)', value: 'k'.repeat(9_000) },
  { label: '21 kB of 3-byte characters', value: '€'.repeat(7_000) },
  { label: '40 kB of astral characters', value: '🦀'.repeat(10_000) },
  { label: '1 MB', value: 'm'.repeat(1_000_000) },
  { label: 'lone high surrogate', value: `a\uD800b` },
  { label: 'lone low surrogate', value: '\uDC00' },
  { label: 'NUL and control characters', value: 'a\u0000b\u0007\u001b[31m' },
  { label: 'JSON text nested 100,000 deep', value: deepJsonText(100_000) },
  { label: 'Cypher-looking text', value: "x'}) DETACH DELETE n //" },
];

/**
 * The strings grouped into rounds (one request per round and door, one record per value and field),
 * so the whole corpus is a handful of requests: the Object.prototype names, the short oddities, the
 * long strings, 1 MB, and JSON text nested 100,000 deep.
 */
export const HOSTILE_ROUNDS: ReadonlyArray<{ label: string; values: string[] }> = (() => {
  const rest = HOSTILE_STRINGS.filter((s) => !PROTO_KEYS.includes(s.value));
  const values = (pick: (s: HostileString) => boolean) => rest.filter(pick).map((s) => s.value);
  const deep = (s: HostileString) => s.label.startsWith('JSON text');
  return [
    { label: 'Object.prototype names', values: [...PROTO_KEYS] },
    { label: 'short oddities (1 B, empty, lone surrogates, controls, Cypher-looking)', values: values((s) => s.value.length < 100 && !deep(s)) },
    { label: 'long strings (9 kB, 21 kB of 3-byte and 40 kB of 4-byte characters)', values: values((s) => s.value.length >= 100 && s.value.length < 100_000 && !deep(s)) },
    { label: '1 MB', values: values((s) => s.value.length >= 100_000 && !deep(s)) },
    { label: 'JSON text nested 100,000 deep', values: values(deep) },
  ];
})();

export const HOSTILE_NUMBERS: readonly number[] = [Number.NaN, Infinity, -Infinity, 1e300, -0, -1, 2 ** 53 + 2, 1e-320, 1.5];

/** A value nested `levels` deep (arrays), built without recursion. */
export function deepArray(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

/** Invalid UTF-8 byte sequences (a lone continuation byte, an overlong form, a truncated sequence, 0xFF). */
export const INVALID_UTF8: readonly Buffer[] = [Buffer.from([0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xe2, 0x82]), Buffer.from([0xff, 0xfe])];

/** `text` with every `marker` replaced by raw invalid UTF-8 bytes. */
export function withInvalidUtf8(text: string | Buffer, marker: string): Buffer {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let from = 0;
  let i = 0;
  for (let at = bytes.indexOf(marker, from); at >= 0; at = bytes.indexOf(marker, from)) {
    parts.push(bytes.subarray(from, at), INVALID_UTF8[i++ % INVALID_UTF8.length]!);
    from = at + Buffer.byteLength(marker);
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/** A short printable name of a hostile value, for test messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 20))}… (${value.length} chars)` : JSON.stringify(value);
  return Object.is(value, -0) ? '-0' : String(value);
}

/** /healthz still answers (a blocked event loop or a dead process would not). */
export async function expectAlive(baseUrl: string): Promise<void> {
  const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) });
  expect(res.status).toBe(200);
}

/** Every rejection names where it was: a record, a field, a line or the body, never just a reason. */
export function expectLocated(rejections: ReadonlyArray<{ location: string; reason: string }>, context: string): void {
  for (const r of rejections) {
    expect(r.location, `${context}: ${JSON.stringify(r).slice(0, 300)}`).toMatch(/^(otlp span|span|session|spawn|event|line|body|trace|resourceSpans|.*\.(jsonl|json|ndjson)(:\d+)?)/);
    expect(r.location.length, context).toBeLessThan(2_000);
    expect(r.reason, context).not.toBe('');
  }
}

export interface StoredCheck {
  found: string[];
  maxCostUsd: number | null;
  spans: number;
}

export async function storedSpans(graph: Graph, projectId: string, ids: string[]): Promise<StoredCheck> {
  // Plugin events become spans in the engine's finaliser, after the request was answered.
  await untilFinalised(graph, projectId);
  const [row] = await graph.read('test-support/spans-present', { projectId, ids });
  return { found: (row?.found as string[]) ?? [], maxCostUsd: (row?.maxCostUsd as number | null) ?? null, spans: Number(row?.spans ?? 0) };
}
