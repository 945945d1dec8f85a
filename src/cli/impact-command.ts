// `clawtrace impact --skill X [--from] [--to] [--baseline] [--candidate] [--json]`: did a distilled
// version of a skill cut cost without hurting outcomes? Prints the per-version figures, the
// comparison with its intervals and tests, the prune rules followed or ignored, the verdict and any
// regression alert. Exit code 1 on a regression alert (usable as a CI gate), 0 otherwise.
import { skillImpact } from '../costcraft/impact/skill-impact.ts';
import type { MetricComparison, SkillImpactReport } from '../costcraft/impact/types.ts';
import { withGraph } from './connect.ts';

export interface ImpactCommandOptions {
  skill: string;
  from?: string;
  to?: string;
  baseline?: string;
  candidate?: string;
  project: string;
  json?: boolean;
}

const usd = (n: number | null) => (n === null ? '–' : `$${n.toFixed(4)}`);
const signed = (n: number | null, unit = '$', digits = 4) => (n === null ? '–' : `${n < 0 ? '−' : '+'}${unit}${Math.abs(n).toFixed(digits)}`);
const pct = (n: number | null) => (n === null ? '–' : `${(n * 100).toFixed(1)}%`);
const pv = (n: number | null) => (n === null ? '–' : n < 0.001 ? '<0.001' : n.toFixed(3));
const num = (n: number | null) => (n === null ? '–' : Number.isInteger(n) ? String(n) : n.toFixed(1));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function metricRow(name: string, m: MetricComparison, money: boolean): string[] {
  const f = money ? usd : num;
  const d = (x: number | null) => (money ? signed(x) : x === null ? '–' : `${x < 0 ? '−' : '+'}${num(Math.abs(x))}`);
  return [name, f(m.baselineMedian), f(m.candidateMedian), d(m.difference), `[${d(m.ciLow)}, ${d(m.ciHigh)}]`, pv(m.pValue), m.significant ? m.direction : 'no'];
}

export function formatImpact(r: SkillImpactReport): string {
  const out: string[] = [`Skill ${r.skill}${r.from || r.to ? ` (${r.from ?? '…'} to ${r.to ?? '…'})` : ''}`, ''];
  const mark = (key: string) => (key === r.baseline ? ' (baseline)' : key === r.candidate ? ' (candidate)' : '');
  out.push(
    table(
      ['version', 'sessions', 'cost median', 'p90', 'tokens med', 'steps med', 'success', 'waste $/session'],
      r.versions.map((v) => [
        `${v.label}${mark(v.key)}`,
        String(v.sessions),
        usd(v.costMedianUsd),
        usd(v.costP90Usd),
        num(v.tokensMedian),
        num(v.stepsMedian),
        v.successRate === null ? '–' : `${pct(v.successRate)}${v.outcomeBasis === 'recorded' ? '' : ` (${v.outcomeBasis})`}`,
        usd(v.waste.reduce((a, w) => a + w.usdPerSession, 0)),
      ]),
    ),
  );
  const c = r.comparison;
  if (c) {
    out.push('', `Candidate − baseline (${Math.round(r.method.confidence * 100)}% bootstrap CI, ${r.method.resamples} resamples, seed ${r.method.seed}; Mann–Whitney U):`);
    out.push(
      table(
        ['metric', 'baseline', 'candidate', 'difference', 'CI', 'p', 'significant'],
        [
          metricRow('cost/session', c.cost, true),
          metricRow('tokens', c.tokens, false),
          metricRow('steps', c.steps, false),
          ['success rate', pct(c.success.baselineRate), pct(c.success.candidateRate), signed(c.success.difference === null ? null : c.success.difference * 100, '', 1) + ' pp', `[${signed(c.success.ciLow === null ? null : c.success.ciLow * 100, '', 1)}, ${signed(c.success.ciHigh === null ? null : c.success.ciHigh * 100, '', 1)}] pp`, pv(c.success.pValue), c.success.significant ? c.success.direction : 'no'],
        ],
      ),
    );
    const m = c.matched;
    out.push(
      '',
      `Same tasks: ${m.tasks} run under both (${m.baselineSessions} + ${m.candidateSessions} sessions; ${m.unmatchedBaselineSessions} + ${m.unmatchedCandidateSessions} unmatched), task-mix shift ${pct(m.mixShift)}`,
      m.tasks ? `  mean per-task change ${signed(m.costChangePerTask)} [${signed(m.ciLow)}, ${signed(m.ciHigh)}], Wilcoxon p ${pv(m.pValue)}: ${m.cheaperTasks} cheaper, ${m.dearerTasks} dearer, ${m.unchangedTasks} unchanged` : '  (no task in common: the verdict rests on all sessions)',
    );
  }
  if (r.pruneRules.length) {
    out.push('', 'Prune rules of the candidate:');
    for (const p of r.pruneRules) out.push(`  ${p.status.padEnd(15)} ${p.note}${p.savedUsdTotal ? `; saved ≈ ${usd(p.savedUsdTotal)} (${usd(p.savedUsdPerSession)}/session)` : ''}`);
  }
  out.push('', `Verdict: ${r.verdict}`, r.summary);
  for (const a of r.alerts) out.push(`ALERT (${a.metric}): ${a.message}`);
  out.push('', ...r.labels.map((l) => `note: ${l}`));
  return out.join('\n');
}

export async function runImpact(options: ImpactCommandOptions): Promise<number> {
  const report = await withGraph((graph) =>
    skillImpact(graph, options.project, { skill: options.skill, from: options.from ?? null, to: options.to ?? null, baseline: options.baseline ?? null, candidate: options.candidate ?? null }),
  );
  console.log(options.json ? JSON.stringify(report, null, 2) : formatImpact(report));
  return report.alerts.length ? 1 : 0;
}
