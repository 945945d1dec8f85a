// The impact statistics against known values: R's documented wilcox.test examples (Hollander &
// Wolfe), a small Mann–Whitney table checked by enumerating every placement, Fisher's tea
// tasting, Newcombe's published interval, and bootstrap determinism under a fixed seed.
import { describe, expect, it } from 'vitest';
import { medianDifferenceInterval, medianInterval } from '../../../src/domain/stats/bootstrap.ts';
import { mannWhitneyU } from '../../../src/domain/stats/mann-whitney.ts';
import { fisherExact, proportionDifference } from '../../../src/domain/stats/proportions.ts';
import { median, quantile } from '../../../src/domain/stats/quantiles.ts';
import { seededRandom } from '../../../src/domain/stats/random.ts';
import { wilcoxonSignedRank } from '../../../src/domain/stats/wilcoxon-signed-rank.ts';

/** Two-sided permutation p-value of U by enumerating every way to pick y's positions. */
function enumeratedP(x: number[], y: number[]): number {
  const all = [...x, ...y];
  const n = all.length;
  const k = y.length;
  const uOf = (ys: number[], xs: number[]) => ys.reduce((a, v) => a + xs.reduce((b, w) => b + (v > w ? 1 : v === w ? 0.5 : 0), 0), 0);
  const observed = uOf(y, x);
  const centre = (x.length * y.length) / 2;
  let extreme = 0;
  let total = 0;
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length === k) {
      const ys = chosen.map((i) => all[i]!);
      const xs = all.filter((_, i) => !chosen.includes(i));
      total++;
      if (Math.abs(uOf(ys, xs) - centre) >= Math.abs(observed - centre) - 1e-9) extreme++;
      return;
    }
    for (let i = start; i < n; i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return extreme / total;
}

describe('quantiles', () => {
  it('interpolate like R (type 7)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(median([])).toBeNull();
  });
});

describe('Mann–Whitney U', () => {
  it('R: wilcox.test(x, y) on the permeability constants (Hollander & Wolfe 1973, p. 69): W = 35, two-sided p = 0.2544', () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    // R's W is x's U; ours is y's: 10 × 5 − 35 = 15.
    const r = mannWhitneyU(x, y)!;
    expect(r.u).toBe(15);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(0.2544, 4);
  });

  it('a small table (n = 5, 4): U = 3, exact two-sided p = 14 / 126 = 0.1111, equal to enumerating all 126 placements', () => {
    const x = [19, 22, 16, 29, 24];
    const y = [20, 11, 17, 12];
    const r = mannWhitneyU(x, y)!;
    expect(r.u).toBe(3);
    expect(r.pValue).toBeCloseTo(14 / 126, 10);
    expect(r.pValue).toBeCloseTo(enumeratedP(x, y), 10);
  });

  it('with ties uses the corrected normal approximation, close to the permutation p-value', () => {
    const x = [1, 2, 2, 3, 3, 3, 4, 5, 5, 6];
    const y = [3, 4, 4, 5, 6, 6, 7, 7, 8, 9];
    const r = mannWhitneyU(x, y)!;
    expect(r.method).toBe('normal');
    expect(r.u).toBe(y.reduce((a, v) => a + x.reduce((b, w) => b + (v > w ? 1 : v === w ? 0.5 : 0), 0), 0));
    expect(Math.abs(r.pValue - enumeratedP(x, y))).toBeLessThan(0.005);
  });

  it('identical samples: p = 1; one empty sample: no test', () => {
    expect(mannWhitneyU([1, 2, 3], [1, 2, 3])!.pValue).toBe(1);
    expect(mannWhitneyU([], [1])).toBeNull();
  });
});

describe('Wilcoxon signed-rank (paired)', () => {
  it('R: wilcox.test(x, y, paired = TRUE) on the depression scores (Hollander & Wolfe, p. 29): V = 40, two-sided p = 0.03906', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = wilcoxonSignedRank(x.map((v, i) => v - y[i]!))!;
    expect(r.v).toBe(40);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(0.03906, 5);
  });

  it('all differences zero: nothing to test (p = 1)', () => {
    expect(wilcoxonSignedRank([0, 0, 0])).toMatchObject({ n: 0, zeros: 3, pValue: 1 });
  });
});

describe('proportions', () => {
  it('Fisher: the lady tasting tea, [[3, 1], [1, 3]]: two-sided p = 0.4857', () => {
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.4857, 4);
    expect(fisherExact(5, 0, 0, 5)).toBeCloseTo(0.007937, 5);
  });

  it('Newcombe (1998) example, 56/70 vs 48/80: difference 0.2000, 95 % CI 0.0524 to 0.3339', () => {
    // Our difference is the second rate minus the first.
    const d = proportionDifference(48, 80, 56, 70)!;
    expect(d.estimate).toBeCloseTo(0.2, 10);
    expect(d.low).toBeCloseTo(0.0524, 3);
    expect(d.high).toBeCloseTo(0.3339, 3);
  });
});

describe('bootstrap', () => {
  const before = [0.12, 0.3, 0.08, 0.5, 0.22, 0.19, 1.4, 0.27, 0.33, 0.21];
  const after = [0.1, 0.15, 0.07, 0.2, 0.18, 0.11, 0.9, 0.14, 0.16, 0.13];

  it('the same seed gives the same interval; another seed a different one', () => {
    const a = medianDifferenceInterval(before, after, { seed: 7 });
    expect(medianDifferenceInterval(before, after, { seed: 7 })).toEqual(a);
    expect(medianDifferenceInterval(before, after, { seed: 8 })).not.toEqual(a);
    expect(seededRandom(1)()).toBe(seededRandom(1)());
  });

  it('the estimate is the median difference and lies in its interval', () => {
    const r = medianDifferenceInterval(before, after)!;
    expect(r.estimate).toBeCloseTo(median(after)! - median(before)!, 12);
    expect(r.low).toBeLessThanOrEqual(r.estimate);
    expect(r.high).toBeGreaterThanOrEqual(r.estimate);
    expect(r.high).toBeLessThan(0);
  });

  it('a constant sample has a degenerate interval', () => {
    expect(medianInterval([2, 2, 2])).toEqual({ estimate: 2, low: 2, high: 2 });
  });
});
