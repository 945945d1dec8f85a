// Generators of malformed records for the fuzz-style ingest tests: random JSON, truncated lines,
// wrong types, oversized fields. Deterministic (seeded) so a failure can be replayed.

/** The bench's seeded PRNG (mulberry32): one implementation for workloads and fuzz tests. */
export { prng as seeded } from '../../bench/generate.ts';

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A random JSON value of bounded depth. */
export function randomJson(random: () => number, depth = 0): unknown {
  const kind = Math.floor(random() * (depth > 2 ? 4 : 6));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return Math.floor(random() * 1e6) - 5e5;
    case 2:
      return pick(random, ['', 'x', 'assistant', 'toolResult', 'message', 'session', '🦀', 'a'.repeat(50)]);
    case 3:
      return random() < 0.5;
    case 4:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth + 1));
    default: {
      const keys = ['type', 'id', 'message', 'role', 'content', 'usage', 'timestamp', 'parentId', 'toolCallId', 'spanId', 'traceId'];
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(random, keys), randomJson(random, depth + 1)]));
    }
  }
}

/** One malformed JSONL line: garbage, truncated JSON, wrong types, or an oversized field. */
export function malformedLine(random: () => number): string {
  switch (Math.floor(random() * 5)) {
    case 0:
      return '{"type":"message","id":"' + 'z'.repeat(Math.floor(random() * 40)); // truncated
    case 1:
      return JSON.stringify(randomJson(random));
    case 2:
      return JSON.stringify({ type: 'message', id: 42, parentId: [], timestamp: 'not a time', message: { role: 'assistant', content: 'nope', usage: { input: 'many' } } });
    case 3:
      return '\u0000\u0001 not json at all';
    default:
      return JSON.stringify({ type: 'message', id: `big-${Math.floor(random() * 1e9)}`, parentId: null, timestamp: '2026-01-01T00:00:00Z', message: { role: 'user', content: [{ type: 'text', text: 'y'.repeat(200_000) }] } });
  }
}
