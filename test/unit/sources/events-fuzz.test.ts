// Fuzz-ish: thousands of random and malformed plugin events never make the events adapter throw,
// and what it produces is a valid normalised batch, independent of arrival order.
import { describe, expect, it } from 'vitest';
import { SessionRecordSchema, SpanRecordSchema, SpawnRecordSchema } from '../../../src/domain/model.ts';
import { EVENT_TYPES, eventsToBatch, parseEventsBody } from '../../../src/sources/events/index.ts';
import { seeded as rng } from '../../helpers/malformed.ts';

function randomEvents(seed: number, count: number): unknown[] {
  const r = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const junk = [null, 7, -1, '', 'x', [], {}, { message: 3 }, 1e300, true];
  const maybe = <T>(good: () => T): unknown => (r() < 0.9 ? good() : pick(junk));
  const spans = ['a', 'b', 'c', 'd', 'e', 'f'];
  const traces = ['t1', 't2', 't3'];
  const payload = () =>
    maybe(() => ({
      model: maybe(() => pick(['gpt-5', 'claude-opus-4-6'])),
      usage: maybe(() => ({ input: maybe(() => Math.floor(r() * 999)), output: maybe(() => Math.floor(r() * 99)), cacheRead: maybe(() => 5) })),
      costUsd: maybe(() => r()),
      toolName: maybe(() => pick(['exec', 'read'])),
      args: maybe(() => ({ path: pick(['a', 'b']) })),
      error: r() < 0.1 ? maybe(() => 'failed') : undefined,
      childTraceId: r() < 0.3 ? maybe(() => pick(traces)) : undefined,
      status: maybe(() => pick(['completed', 'failed'])),
    }));
  return Array.from({ length: count }, (_, i) => {
    if (r() < 0.03) return pick(junk);
    return {
      schemaVersion: maybe(() => 1),
      agentId: maybe(() => 'main'),
      event: maybe(() => ({
        eventId: r() < 0.1 ? `dup-${Math.floor(r() * 5)}` : maybe(() => `e${seed}-${i}`),
        eventType: maybe(() => pick(EVENT_TYPES)),
        traceId: maybe(() => pick(traces)),
        spanId: r() < 0.1 ? null : maybe(() => pick(spans)),
        parentSpanId: r() < 0.5 ? null : maybe(() => pick(spans)),
        tsMs: maybe(() => 1_770_000_000_000 + Math.floor(r() * 100) * 1000),
        payload: payload(),
      })),
    };
  });
}

describe('events adapter under random input', () => {
  it('never throws on thousands of random events, and what it produces is valid and order-independent', () => {
    let spans = 0;
    for (let seed = 1; seed <= 60; seed += 1) {
      const events = randomEvents(seed, 60);
      const batch = eventsToBatch(events);
      for (const s of batch.sessions) expect(SessionRecordSchema.safeParse(s).success).toBe(true);
      for (const s of batch.spans) expect(SpanRecordSchema.safeParse(s).success, JSON.stringify(s)).toBe(true);
      for (const s of batch.spawns) expect(SpawnRecordSchema.safeParse(s).success).toBe(true);
      const ids = new Set(batch.spans.map((s) => s.id));
      expect(ids.size).toBe(batch.spans.length);
      for (const s of batch.spans) if (s.parentId) expect(ids.has(s.parentId)).toBe(true);
      spans += batch.spans.length;
      // Without conflicting duplicates (which keep the first to arrive), arrival order does not change
      // the records (rejections name positions, so their order and labels may).
      const idOf = (e: unknown) => (e as { event?: { eventId?: unknown } } | null)?.event?.eventId;
      const seen = new Map<unknown, number>();
      for (const e of events) seen.set(idOf(e), (seen.get(idOf(e)) ?? 0) + 1);
      const unique = events.filter((e) => seen.get(idOf(e)) === 1);
      const forward = eventsToBatch(unique);
      const backward = eventsToBatch([...unique].reverse());
      expect({ ...backward, rejections: backward.rejections.length }).toEqual({ ...forward, rejections: forward.rejections.length });
    }
    expect(spans).toBeGreaterThan(500);
  });

  it('parseEventsBody never throws on random text', () => {
    const r = rng(42);
    const pieces = ['{', '}', '[', ']', '"eventId"', ':', ',', '\n', '"x"', '1', 'null', JSON.stringify(randomEvents(3, 1)[0] ?? null), ' '];
    for (let i = 0; i < 3000; i += 1) {
      const text = Array.from({ length: Math.floor(r() * 20) }, () => pieces[Math.floor(r() * pieces.length)]).join('');
      const { events, rejections } = parseEventsBody(text);
      expect(Array.isArray(events) && Array.isArray(rejections)).toBe(true);
      for (const rej of rejections) expect(rej.location).toMatch(/^(body|line \d+|event)/);
    }
  });
});
