// Exact null distributions of the rank tests without ties: how many ways a sum of ranks can arise.
// Counts are kept as floats (C(98, 49) ≈ 2.5e28 fits a double with 15 significant digits), which is
// exact enough for p-values. Bounded by the callers to samples below 50, as R's wilcox.test does.

/** counts[s] = number of k-subsets of {1..n} whose sum is s. */
export function subsetSumCounts(n: number, k: number): number[] {
  const max = (k * (2 * n - k + 1)) / 2;
  // dp[j][s]: j items chosen so far with sum s.
  const dp: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(max + 1).fill(0));
  dp[0]![0] = 1;
  for (let item = 1; item <= n; item++) {
    for (let j = Math.min(k, item); j >= 1; j--) {
      const row = dp[j]!;
      const prev = dp[j - 1]!;
      for (let s = max; s >= item; s--) row[s]! += prev[s - item]!;
    }
  }
  return dp[k]!;
}

/** counts[s] = number of subsets (any size) of {1..n} whose sum is s. */
export function allSubsetSumCounts(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let item = 1; item <= n; item++) for (let s = max; s >= item; s--) counts[s]! += counts[s - item]!;
  return counts;
}

/** Two-sided exact p-value of an observed statistic under a discrete null given by its counts. */
export function twoSidedExactP(counts: number[], observed: number, offset = 0): number {
  const total = counts.reduce((a, b) => a + b, 0);
  let below = 0;
  let above = 0;
  counts.forEach((c, i) => {
    const v = i + offset;
    if (v <= observed + 1e-9) below += c;
    if (v >= observed - 1e-9) above += c;
  });
  return Math.min(1, (2 * Math.min(below, above)) / total);
}
