// Order statistics for skewed data (session cost is a long-tailed figure: a mean is moved by one
// runaway session, a median is not). Quantiles interpolate linearly between order statistics
// (Hyndman & Fan type 7, the default of R and numpy), so figures match those tools.

export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The q-quantile (0 ≤ q ≤ 1) of already sorted values; null for an empty list. */
export function quantileSorted(xs: readonly number[], q: number): number | null {
  if (xs.length === 0) return null;
  const h = (xs.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}

export function quantile(values: readonly number[], q: number): number | null {
  return quantileSorted(sorted(values), q);
}

export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
