// skill_impact: did a new version of a skill cut cost without hurting outcomes? The versions the
// sessions ran, the candidate against the baseline (medians with a bootstrap interval and a
// Mann–Whitney test; the same tasks compared with each other), each prune rule followed or ignored,
// the verdict and any regression alert — the Query.skillImpact report, sized for a model.
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { toYaml, usd } from '../present.ts';

const METRIC = 'baselineMedian candidateMedian difference ciLow ciHigh relativeChange pValue significant direction';

const QUERY = `query Impact($skill: String!, $from: DateTime, $to: DateTime, $baseline: String, $candidate: String) {
  skillImpact(skill: $skill, from: $from, to: $to, baseline: $baseline, candidate: $candidate) {
    skill baseline candidate verdict summary labels
    alerts { metric message }
    versions { key label kind sessions firstSeen lastSeen costMedianUsd costP90Usd successRate outcomeBasis }
    comparison {
      cost { ${METRIC} }
      success { basis baselineRate candidateRate difference pValue significant direction }
      matched { tasks mixShift costChangePerTask relativeChange ciLow ciHigh pValue significant cheaperTasks dearerTasks }
    }
    pruneRules { rule status baselinePerSession candidatePerSession pValue savedUsdPerSession note }
  }
}`;

type Row = Record<string, unknown>;
interface Answer {
  skillImpact: Row & { versions: Row[]; comparison: Row | null; pruneRules: Row[]; alerts: Row[] };
}

/** Money fields as rounded USD; everything else as it came (already rounded by the API). */
function money(row: Row | null | undefined, keys: string[]): Row | null {
  if (!row) return null;
  const out: Row = { ...row };
  for (const key of keys) if (typeof out[key] === 'number') out[key] = usd(out[key] as number);
  return out;
}

export const skillImpactTool = defineTool({
  name: 'skill_impact',
  title: 'Skill impact (before/after a version)',
  description:
    "Whether a skill's newer SKILL.md version cut cost per session without hurting success: sessions per version " +
    '(matched by the content hash of the SKILL.md they read or were given), the candidate vs the baseline (median cost ' +
    'with a bootstrap 95% interval and Mann–Whitney p-value; the same tasks compared with each other, so an easier mix ' +
    'is not sold as a better skill), each prune rule FOLLOWED or IGNORED with what it saved, the verdict and alerts. ' +
    'Defaults compare the two latest versions; list skills with list_skills.',
  input: {
    skill: z.string().min(1).max(200).describe('the skill name (list_skills)'),
    baseline: z.string().max(200).optional().describe('version key to compare from (a stored version id, sha:<hash>, label:<x>)'),
    candidate: z.string().max(200).optional().describe('version key to compare to'),
    from: z.string().max(40).optional().describe('only sessions started at or after this ISO time'),
    to: z.string().max(40).optional().describe('only sessions started before this ISO time'),
  },
  readOnly: true,
  async run(args, graphql) {
    const { skillImpact: r } = await graphql.query<Answer>(QUERY, args);
    const comparison = r.comparison;
    return toYaml({
      skill: r.skill,
      verdict: r.verdict,
      summary: r.summary,
      alerts: r.alerts.map((a) => `${String(a.metric)}: ${String(a.message)}`),
      baseline: r.baseline,
      candidate: r.candidate,
      versions: r.versions.map((v) => money(v, ['costMedianUsd', 'costP90Usd'])),
      cost: money(comparison?.cost as Row | undefined, ['baselineMedian', 'candidateMedian', 'difference', 'ciLow', 'ciHigh']),
      success: comparison?.success ?? null,
      sameTasks: money(comparison?.matched as Row | undefined, ['costChangePerTask', 'ciLow', 'ciHigh']),
      pruneRules: r.pruneRules.slice(0, 20).map((p) => money(p, ['savedUsdPerSession'])),
      labels: r.labels,
    });
  },
});
