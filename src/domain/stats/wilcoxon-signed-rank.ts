// Wilcoxon signed-rank test on paired differences: used for the matched comparison, where each
// pair is one task run under both versions (its median cost under each), so the test asks whether
// the same tasks got cheaper. Zero differences are dropped; exact p-value below 50 pairs without
// ties, else the normal approximation with tie and continuity corrections — R's wilcox.test(paired).
import { normalCdf } from './normal.ts';
import { midRanks } from './ranks.ts';
import { allSubsetSumCounts, twoSidedExactP } from './rank-sum-counts.ts';

export interface SignedRankResult {
  /** Sum of the ranks of the positive differences (R's V). */
  v: number;
  /** Pairs used (non-zero differences). */
  n: number;
  zeros: number;
  pValue: number;
  method: 'exact' | 'normal';
}

export function wilcoxonSignedRank(differences: readonly number[]): SignedRankResult | null {
  const d = differences.filter((x) => x !== 0);
  const zeros = differences.length - d.length;
  const n = d.length;
  if (n === 0) return differences.length ? { v: 0, n: 0, zeros, pValue: 1, method: 'exact' } : null;
  const { ranks, ties } = midRanks(d.map(Math.abs));
  const v = ranks.reduce((a, r, i) => a + (d[i]! > 0 ? r : 0), 0);
  if (n < 50 && ties.length === 0 && zeros === 0) {
    return { v, n, zeros, pValue: twoSidedExactP(allSubsetSumCounts(n), v), method: 'exact' };
  }
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - ties.reduce((a, t) => a + t * t * t - t, 0) / 48);
  const centred = v - (n * (n + 1)) / 4;
  if (sigma === 0) return { v, n, zeros, pValue: 1, method: 'normal' };
  const z = (centred - 0.5 * Math.sign(centred)) / sigma;
  return { v, n, zeros, pValue: Math.min(1, 2 * Math.min(normalCdf(z), normalCdf(-z))), method: 'normal' };
}
