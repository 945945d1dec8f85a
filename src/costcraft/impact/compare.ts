// Before/after comparison of two versions of a skill, for skewed session figures: medians, a
// seeded bootstrap interval of the median difference and a Mann–Whitney test on the pooled
// sessions; the same tasks compared with each other (per task, median under each version; Wilcoxon
// signed-rank over the tasks; the mean per-task change with a bootstrap interval over the tasks) so a week of easier tasks is not read
// as a better skill; success rates with Newcombe's interval and Fisher's exact test. Pure.
import { meanInterval, medianDifferenceInterval } from '../../domain/stats/bootstrap.ts';
import { mannWhitneyU } from '../../domain/stats/mann-whitney.ts';
import { fisherExact, proportionDifference } from '../../domain/stats/proportions.ts';
import { mean, median } from '../../domain/stats/quantiles.ts';
import { wilcoxonSignedRank } from '../../domain/stats/wilcoxon-signed-rank.ts';
import type { Comparison, MatchedComparison, MetricComparison, SuccessComparison } from './types.ts';
import { outcomeBasis, type JudgedRow } from './versions.ts';

export interface CompareOptions {
  alpha: number;
  confidence: number;
  resamples: number;
  seed: number;
}

const direction = (significant: boolean, estimate: number | null): 'lower' | 'higher' | 'none' =>
  !significant || estimate === null || estimate === 0 ? 'none' : estimate < 0 ? 'lower' : 'higher';

/** Significant only when the test and the interval agree (p < alpha and 0 outside the interval). */
const agrees = (p: number | null, low: number | null, high: number | null, alpha: number): boolean =>
  p !== null && low !== null && high !== null && p < alpha && (high < 0 || low > 0);

export function compareMetric(metric: MetricComparison['metric'], before: number[], after: number[], o: CompareOptions): MetricComparison {
  const ci = medianDifferenceInterval(before, after, { resamples: o.resamples, seed: o.seed, level: o.confidence });
  const mw = mannWhitneyU(before, after);
  const baselineMedian = median(before);
  const significant = agrees(mw?.pValue ?? null, ci?.low ?? null, ci?.high ?? null, o.alpha);
  return {
    metric,
    baselineMedian,
    candidateMedian: median(after),
    difference: ci?.estimate ?? null,
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    relativeChange: ci && baselineMedian ? ci.estimate / baselineMedian : null,
    u: mw?.u ?? null,
    probabilityGreater: mw?.probabilityGreater ?? null,
    pValue: mw?.pValue ?? null,
    method: mw ? `Mann–Whitney U (${mw.method}), bootstrap ${o.resamples}× seed ${o.seed}` : null,
    significant,
    direction: direction(significant, ci?.estimate ?? null),
  };
}

export function compareSuccess(before: JudgedRow[], after: JudgedRow[], o: CompareOptions): SuccessComparison {
  const b = before.filter((r) => r.success !== null);
  const a = after.filter((r) => r.success !== null);
  const bk = b.filter((r) => r.success).length;
  const ak = a.filter((r) => r.success).length;
  const d = proportionDifference(bk, b.length, ak, a.length);
  const p = b.length && a.length ? fisherExact(bk, b.length - bk, ak, a.length - ak) : null;
  const significant = agrees(p, d?.low ?? null, d?.high ?? null, o.alpha);
  const bases = new Set([outcomeBasis(before), outcomeBasis(after)].filter((x) => x !== 'none'));
  return {
    basis: bases.size === 0 ? 'none' : bases.size === 1 ? [...bases][0]! : 'mixed',
    baselineRate: b.length ? bk / b.length : null,
    candidateRate: a.length ? ak / a.length : null,
    difference: d?.estimate ?? null,
    ciLow: d?.low ?? null,
    ciHigh: d?.high ?? null,
    pValue: p,
    significant,
    direction: direction(significant, d?.estimate ?? null),
    baselineJudged: b.length,
    candidateJudged: a.length,
  };
}

const taskOf = (r: JudgedRow) => r.taskKey ?? '(no task)';

function groupByTask(rows: JudgedRow[]): Map<string, JudgedRow[]> {
  const out = new Map<string, JudgedRow[]>();
  for (const r of rows) out.set(taskOf(r), [...(out.get(taskOf(r)) ?? []), r]);
  return out;
}

/** Total variation distance between two task mixes. */
export function mixShift(before: JudgedRow[], after: JudgedRow[]): number {
  if (!before.length || !after.length) return 1;
  const b = groupByTask(before);
  const a = groupByTask(after);
  let sum = 0;
  for (const key of new Set([...b.keys(), ...a.keys()])) sum += Math.abs((b.get(key)?.length ?? 0) / before.length - (a.get(key)?.length ?? 0) / after.length);
  return sum / 2;
}

export function compareMatched(before: JudgedRow[], after: JudgedRow[], o: CompareOptions): MatchedComparison {
  const b = groupByTask(before.filter((r) => r.taskKey !== null));
  const a = groupByTask(after.filter((r) => r.taskKey !== null));
  const keys = [...b.keys()].filter((k) => a.has(k)).sort();
  const baseMedians = keys.map((k) => median(b.get(k)!.map((r) => r.costUsd))!);
  const diffs = keys.map((k, i) => median(a.get(k)!.map((r) => r.costUsd))! - baseMedians[i]!);
  const ci = meanInterval(diffs, { resamples: o.resamples, seed: o.seed, level: o.confidence });
  const baseMean = mean(baseMedians);
  const test = wilcoxonSignedRank(diffs);
  const significant = agrees(test?.pValue ?? null, ci?.low ?? null, ci?.high ?? null, o.alpha);
  const inB = keys.flatMap((k) => b.get(k)!);
  const inA = keys.flatMap((k) => a.get(k)!);
  const rate = (rows: JudgedRow[]) => {
    const j = rows.filter((r) => r.success !== null);
    return j.length ? j.filter((r) => r.success).length / j.length : null;
  };
  // Exact zero is rare in money: a task counts as unchanged within a hundredth of a cent.
  const EPS = 1e-4;
  return {
    tasks: keys.length,
    baselineSessions: inB.length,
    candidateSessions: inA.length,
    unmatchedBaselineSessions: before.length - inB.length,
    unmatchedCandidateSessions: after.length - inA.length,
    mixShift: mixShift(before, after),
    costChangePerTask: ci?.estimate ?? null,
    relativeChange: ci && baseMean ? ci.estimate / baseMean : null,
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    v: test?.v ?? null,
    pValue: test?.pValue ?? null,
    method: test ? `Wilcoxon signed-rank over matched tasks (${test.method}), bootstrap ${o.resamples}× seed ${o.seed}` : null,
    significant,
    direction: direction(significant, ci?.estimate ?? null),
    cheaperTasks: diffs.filter((d) => d < -EPS).length,
    dearerTasks: diffs.filter((d) => d > EPS).length,
    unchangedTasks: diffs.filter((d) => Math.abs(d) <= EPS).length,
    baselineSuccessRate: rate(inB),
    candidateSuccessRate: rate(inA),
  };
}

export function compareVersions(before: JudgedRow[], after: JudgedRow[], o: CompareOptions): Comparison {
  return {
    cost: compareMetric('cost', before.map((r) => r.costUsd), after.map((r) => r.costUsd), o),
    tokens: compareMetric('tokens', before.map((r) => r.tokens), after.map((r) => r.tokens), o),
    steps: compareMetric('steps', before.map((r) => r.steps), after.map((r) => r.steps), o),
    success: compareSuccess(before, after, o),
    matched: compareMatched(before, after, o),
  };
}
