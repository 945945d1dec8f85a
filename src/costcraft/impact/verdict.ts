// The verdict of a before/after comparison, said in words, and the regression alerts. The cost
// verdict rests on the matched comparison (same tasks under both versions) when enough tasks were
// run under both, else on the pooled sessions with the mix shift stated; a pooled "cheaper" that
// the matched tasks do not confirm is a change of task mix, not a better skill. An alert is raised
// when cost or success moved the wrong way beyond its interval. Pure.
import type { Comparison, ImpactAlert, VersionSummary, Verdict } from './types.ts';

const usd = (n: number | null) => (n === null ? 'n/a' : `$${n.toFixed(4)}`);
const signedUsd = (n: number | null) => (n === null ? 'n/a' : `${n < 0 ? '−' : '+'}$${Math.abs(n).toFixed(4)}`);
const pct = (n: number | null) => (n === null ? 'n/a' : `${(n * 100).toFixed(1)}%`);
const pp = (n: number | null) => (n === null ? 'n/a' : `${n < 0 ? '−' : '+'}${Math.abs(n * 100).toFixed(1)} pp`);
const p = (n: number | null) => (n === null ? 'n/a' : n < 0.001 ? 'p < 0.001' : `p = ${n.toFixed(3)}`);

export interface VerdictResult {
  verdict: Verdict;
  summary: string;
  alerts: ImpactAlert[];
}

export function verdictOf(c: Comparison, baseline: VersionSummary, candidate: VersionSummary, minMatchedTasks: number, confidence: number): VerdictResult {
  const level = `${Math.round(confidence * 100)}% CI`;
  const pooled = `median cost ${usd(c.cost.baselineMedian)} → ${usd(c.cost.candidateMedian)} (${signedUsd(c.cost.difference)}, ${level} ${signedUsd(c.cost.ciLow)} to ${signedUsd(c.cost.ciHigh)}, Mann–Whitney ${p(c.cost.pValue)})`;
  const m = c.matched;
  const matchedText =
    m.tasks > 0
      ? `within the ${m.tasks} tasks run under both: mean per-task change ${signedUsd(m.costChangePerTask)} (${level} ${signedUsd(m.ciLow)} to ${signedUsd(m.ciHigh)}, Wilcoxon ${p(m.pValue)}; ${m.cheaperTasks} cheaper, ${m.dearerTasks} dearer; success on them ${pct(m.baselineSuccessRate)} → ${pct(m.candidateSuccessRate)})`
      : 'no task was run under both versions';
  const mix = `task-mix shift ${pct(m.mixShift)}`;
  const s = c.success;
  const successText =
    s.baselineRate === null || s.candidateRate === null
      ? 'success not judged'
      : `success ${pct(s.baselineRate)} → ${pct(s.candidateRate)} (${pp(s.difference)}, ${level} ${pp(s.ciLow)} to ${pp(s.ciHigh)}, Fisher ${p(s.pValue)}; ${s.basis} outcomes)`;

  const matchedDecides = m.tasks >= minMatchedTasks;
  const costBasis = matchedDecides ? m : c.cost;
  const alerts: ImpactAlert[] = [];
  if (costBasis.direction === 'higher') {
    alerts.push({ metric: 'cost', message: `Cost rose beyond its interval from ${baseline.label} to ${candidate.label}: ${matchedDecides ? matchedText : pooled}.` });
  }
  if (s.direction === 'lower') alerts.push({ metric: 'success', message: `Success fell beyond its interval from ${baseline.label} to ${candidate.label}: ${successText}.` });

  let verdict: Verdict;
  let head: string;
  if (alerts.length) {
    verdict = 'REGRESSED';
    head = `Regression: ${candidate.label} is worse than ${baseline.label}.`;
  } else if (matchedDecides && c.cost.direction === 'lower' && m.direction !== 'lower') {
    verdict = 'MIX_SHIFT';
    head = `Not a better skill: sessions of ${candidate.label} are cheaper overall, but not on the same tasks — the difference comes from the task mix (${mix}).`;
  } else if (costBasis.direction === 'lower') {
    verdict = 'IMPROVED';
    head = `${candidate.label} costs less than ${baseline.label} on the same tasks, without a significant loss of success.`;
  } else {
    verdict = 'NO_SIGNIFICANT_DIFFERENCE';
    head = `No significant difference between ${baseline.label} and ${candidate.label} in cost or success.`;
  }
  const basisNote = matchedDecides ? '' : ` Fewer than ${minMatchedTasks} tasks were run under both versions, so the verdict rests on all sessions (${mix}): part of any difference may be the task mix.`;
  return { verdict, summary: `${head} ${pooled}; ${matchedText}; ${mix}; ${successText}.${basisNote}`, alerts };
}
