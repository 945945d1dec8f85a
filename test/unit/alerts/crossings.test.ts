// Where spend crosses thresholds: cumulative budgets, sliding-window rates with cooldown, waste
// runs chained from findings, and the current UTC periods. Property checks over many seeds compare
// the windowed rate with a brute-force recount.
import { describe, expect, it } from 'vitest';
import { cumulativeCrossing, rateCrossings, type TimedCost } from '../../../src/alerts/crossings.ts';
import { periodStart } from '../../../src/alerts/periods.ts';
import { chainRuns, wasteCrossing, type FindingRow } from '../../../src/alerts/waste-runs.ts';
import { prng } from '../../../bench/generate.ts';

const span = (i: number, atMs: number, costUsd: number): TimedCost => ({ spanId: `s${i}`, sessionId: 'a', atMs, costUsd });

describe('cumulativeCrossing', () => {
  it('names the span at which spend reaches the threshold', () => {
    const spans = [span(0, 0, 0.4), span(1, 1, 0.4), span(2, 2, 0.4)];
    expect(cumulativeCrossing(spans, 0, 1)?.span.spanId).toBe('s2');
    expect(cumulativeCrossing(spans, 0, 0.8)?.span.spanId).toBe('s1');
    expect(cumulativeCrossing(spans, 0.3, 1)?.span.spanId).toBe('s1');
    expect(cumulativeCrossing(spans, 0, 1.3)).toBeNull();
  });
});

describe('rateCrossings', () => {
  it('fires on the rise, not while it stays above, and again only after the cooldown', () => {
    const minute = 60_000;
    // $1 a minute for 5 minutes, quiet for 30, then again.
    const burst = (from: number, n: number) => Array.from({ length: n }, (_, i) => span(from + i, (from + i) * minute, 1));
    const spans = [...burst(0, 5), ...burst(35, 5)];
    const found = rateCrossings(spans, 10 * minute, 3, 20 * minute);
    expect(found.map((c) => c.span.spanId)).toEqual(['s2', 's37']);
    // A cooldown longer than the gap keeps the second burst quiet.
    expect(rateCrossings(spans, 10 * minute, 3, 60 * minute).map((c) => c.span.spanId)).toEqual(['s2']);
  });

  it('reports the spend within the window, as a brute-force recount does (200 seeds)', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const rng = prng(seed);
      let t = 0;
      const spans = Array.from({ length: 40 }, (_, i) => span(i, (t += Math.floor(rng() * 120_000)), Math.round(rng() * 100) / 100));
      const windowMs = 300_000;
      const threshold = 1 + rng() * 2;
      for (const c of rateCrossings(spans, windowMs, threshold, 0)) {
        const recount = spans.filter((s) => s.atMs > c.span.atMs - windowMs && s.atMs <= c.span.atMs && spans.indexOf(s) <= spans.indexOf(c.span)).reduce((a, s) => a + s.costUsd, 0);
        expect(c.observedUsd).toBeCloseTo(recount, 9);
        expect(c.observedUsd).toBeGreaterThanOrEqual(threshold);
      }
    }
  });
});

describe('waste runs', () => {
  const finding = (i: number, repeats: number, minute: number, wastedUsd = 0.1): FindingRow => ({
    kind: 'poll_loop',
    sessionId: 'a',
    spanId: `p${i}`,
    repeatsSpanId: `p${repeats}`,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
    endedAt: null,
    repeatsStartedAt: new Date(Date.UTC(2026, 0, 1, 0, minute - 1)).toISOString(),
    wastedUsd,
  });

  it('chains repeats back to the first call and crosses at the first repeat past the duration', () => {
    // p0 at minute 0; p1..p6 each repeat the one before, a minute apart.
    const findings = [1, 2, 3, 4, 5, 6].map((i) => finding(i, i - 1, i));
    const runs = chainRuns(findings.reverse());
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ originSpanId: 'p0', startMs: Date.UTC(2026, 0, 1, 0, 0) });
    expect(wasteCrossing(runs[0]!, 4, null)).toMatchObject({ spanId: 'p4', repeats: 4, durationMinutes: 4 });
    // Either threshold: $0.25 of waste comes first (third repeat).
    expect(wasteCrossing(runs[0]!, 4, 0.25)).toMatchObject({ spanId: 'p3', repeats: 3 });
    expect(wasteCrossing(runs[0]!, 10, null)).toBeNull();
  });

  it('keeps two loops of one session apart', () => {
    const runs = chainRuns([finding(1, 0, 1), finding(2, 1, 2), { ...finding(11, 10, 5), repeatsSpanId: 'p10' }]);
    expect(runs.map((r) => [r.originSpanId, r.repeats.length]).sort()).toEqual([['p0', 2], ['p10', 1]]);
  });
});

describe('periodStart', () => {
  const now = Date.parse('2026-12-03T18:47:12.345Z'); // a Thursday
  it('gives the current UTC hour, day, ISO week and month', () => {
    expect(periodStart('HOUR', now)).toBe('2026-12-03T18:00:00.000Z');
    expect(periodStart('DAY', now)).toBe('2026-12-03T00:00:00.000Z');
    expect(periodStart('WEEK', now)).toBe('2026-11-30T00:00:00.000Z');
    expect(periodStart('MONTH', now)).toBe('2026-12-01T00:00:00.000Z');
    expect(periodStart('WEEK', Date.parse('2026-12-06T23:59:59Z'))).toBe('2026-11-30T00:00:00.000Z'); // Sunday
  });
});
