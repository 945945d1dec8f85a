// Mann–Whitney U (Wilcoxon rank-sum) test: does one sample tend to have larger values than the
// other? Chosen for session cost because it assumes no distribution shape: costs are skewed, with a
// few runaway sessions that would dominate a t-test. Conventions follow R's wilcox.test so figures
// can be checked there: exact p-value when both samples have fewer than 50 values and no ties;
// otherwise the normal approximation with tie correction and continuity correction.
import { normalCdf } from './normal.ts';
import { midRanks } from './ranks.ts';
import { subsetSumCounts, twoSidedExactP } from './rank-sum-counts.ts';

export interface MannWhitneyResult {
  /** U of the second sample (`y`): pairs where y > x, ties counting one half. */
  u: number;
  /** P(y > x) + P(y = x) / 2 = U / (n1 n2): the common-language effect size. */
  probabilityGreater: number;
  pValue: number;
  method: 'exact' | 'normal';
  n1: number;
  n2: number;
}

export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult | null {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) return null;
  const { ranks, ties } = midRanks([...x, ...y]);
  const rankSumY = ranks.slice(n1).reduce((a, b) => a + b, 0);
  const u = rankSumY - (n2 * (n2 + 1)) / 2;
  const n = n1 + n2;
  let pValue: number;
  let method: MannWhitneyResult['method'];
  if (n1 < 50 && n2 < 50 && ties.length === 0) {
    method = 'exact';
    // Rank sums of y over all placements, shifted to U.
    const counts = subsetSumCounts(n, n2);
    const minSum = (n2 * (n2 + 1)) / 2;
    pValue = twoSidedExactP(counts.slice(minSum), u);
  } else {
    method = 'normal';
    const tieTerm = ties.reduce((a, t) => a + t * t * t - t, 0) / (n * (n - 1));
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm));
    const centred = u - (n1 * n2) / 2;
    if (sigma === 0) pValue = 1;
    else {
      const z = (centred - 0.5 * Math.sign(centred)) / sigma;
      pValue = Math.min(1, 2 * Math.min(normalCdf(z), normalCdf(-z)));
    }
  }
  return { u, probabilityGreater: u / (n1 * n2), pValue, method, n1, n2 };
}
