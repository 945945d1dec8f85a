// Percentile bootstrap intervals for medians, with a fixed seed: the interval of "median cost
// after − median cost before" says how sure the difference is without assuming a distribution
// (session costs are skewed). The same inputs, seed and resample count give the same interval.
import { mean, median, quantileSorted } from './quantiles.ts';
import { seededRandom, type Random } from './random.ts';

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  /** Confidence level, default 0.95. */
  level?: number;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 20260101;

function resample(xs: readonly number[], random: Random): number[] {
  const out = new Array<number>(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = xs[Math.floor(random() * xs.length)]!;
  return out;
}

function percentileInterval(estimate: number, draws: number[], level: number): Interval {
  draws.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { estimate, low: quantileSorted(draws, tail)!, high: quantileSorted(draws, 1 - tail)! };
}

/** median(y) − median(x), with a percentile bootstrap interval (each sample resampled apart). */
export function medianDifferenceInterval(x: readonly number[], y: readonly number[], options: BootstrapOptions = {}): Interval | null {
  if (x.length === 0 || y.length === 0) return null;
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const draws: number[] = [];
  for (let b = 0; b < (options.resamples ?? DEFAULT_RESAMPLES); b++) draws.push(median(resample(y, random))! - median(resample(x, random))!);
  return percentileInterval(median(y)! - median(x)!, draws, options.level ?? 0.95);
}

/** The median of paired differences, with a percentile bootstrap interval over the pairs. */
export function medianInterval(values: readonly number[], options: BootstrapOptions = {}): Interval | null {
  if (values.length === 0) return null;
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const draws: number[] = [];
  for (let b = 0; b < (options.resamples ?? DEFAULT_RESAMPLES); b++) draws.push(median(resample(values, random))!);
  return percentileInterval(median(values)!, draws, options.level ?? 0.95);
}

/**
 * The mean of paired differences, with a percentile bootstrap interval over the pairs. Used where
 * many pairs are exactly zero (a task whose sessions did not change), which pins a median at 0.
 */
export function meanInterval(values: readonly number[], options: BootstrapOptions = {}): Interval | null {
  if (values.length === 0) return null;
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const draws: number[] = [];
  for (let b = 0; b < (options.resamples ?? DEFAULT_RESAMPLES); b++) draws.push(mean(resample(values, random))!);
  return percentileInterval(mean(values)!, draws, options.level ?? 0.95);
}
