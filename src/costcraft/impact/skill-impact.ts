// skillImpact(skill, from, to): did a distilled skill version cut cost without hurting outcomes?
// Reads the skill's sessions with the version each ran (src/graph/impact.ts), groups them by
// version (versions.ts), compares a baseline and a candidate version (compare.ts: medians with
// seeded bootstrap intervals, Mann–Whitney, matched tasks, success rates), checks the candidate's
// prune rules against the sessions (prune-check.ts) and states a verdict with alerts (verdict.ts).
import { skillVersions } from '../../graph/costcraft.ts';
import type { Graph } from '../../graph/driver.ts';
import { impactSessions, impactSteps, versionPruneRules } from '../../graph/impact.ts';
import { DEFAULT_RESAMPLES, DEFAULT_SEED } from '../../domain/stats/bootstrap.ts';
import { compareVersions } from './compare.ts';
import { checkPruneRules } from './prune-check.ts';
import type { PruneRuleCheck, SkillImpactReport } from './types.ts';
import { defaultPair, findVersion, judged, storedRef, summarise, versionOf, type JudgedRow } from './versions.ts';
import { verdictOf } from './verdict.ts';

export interface SkillImpactInput {
  skill: string;
  from?: string | null;
  to?: string | null;
  /** Version to compare against (key, id, `v<n>`, hash prefix or label); default: see defaultPair. */
  baseline?: string | null;
  candidate?: string | null;
  alpha?: number;
  resamples?: number;
  seed?: number;
}

/** Each version needs this many sessions before anything is tested. */
export const MIN_SESSIONS = 3;
/** The matched comparison decides the cost verdict from this many tasks run under both versions. */
export const MIN_MATCHED_TASKS = 5;

export async function skillImpact(graph: Graph, projectId: string, input: SkillImpactInput): Promise<SkillImpactReport> {
  const method = {
    alpha: input.alpha ?? 0.05,
    confidence: 0.95,
    resamples: input.resamples ?? DEFAULT_RESAMPLES,
    seed: input.seed ?? DEFAULT_SEED,
    minSessions: MIN_SESSIONS,
    minMatchedTasks: MIN_MATCHED_TASKS,
  };
  const from = input.from ?? null;
  const to = input.to ?? null;
  const [rows, storedFull] = await Promise.all([impactSessions(graph, projectId, input.skill, from, to), skillVersions(graph, projectId, input.skill, 200)]);
  const stored = storedFull.map(storedRef);
  const groups = new Map<string, { ref: ReturnType<typeof versionOf>; rows: JudgedRow[] }>();
  for (const row of rows) {
    const ref = versionOf(row, stored);
    const g = groups.get(ref.key) ?? { ref, rows: [] };
    g.rows.push(judged(row));
    groups.set(ref.key, g);
  }
  const versions = [...groups.values()]
    .map((g) => summarise(g.ref, g.rows))
    .sort((a, b) => (a.firstSeen ?? '').localeCompare(b.firstSeen ?? '') || (a.number ?? 0) - (b.number ?? 0) || a.key.localeCompare(b.key));
  const pair = defaultPair(versions, stored);
  const candidate = input.candidate ? findVersion(input.candidate, versions) : pair.candidate;
  let baseline = input.baseline ? findVersion(input.baseline, versions) : pair.baseline;
  if (baseline && candidate && baseline.key === candidate.key) baseline = input.baseline ? baseline : null;

  const labels = [
    'version = the content hash of the SKILL.md a session read (or the OTLP clawtrace.skill.hash / clawtrace.skill.version it carried), matched to the versions CostCraft stored; other texts are external versions',
    'cost = each session’s inclusive cost (its sub-agents included); medians and p90 because session cost is skewed',
    `intervals: ${Math.round(method.confidence * 100)}% percentile bootstrap (${method.resamples} resamples, seed ${method.seed}); significant = p < ${method.alpha} and the interval excludes 0`,
  ];
  const base: Omit<SkillImpactReport, 'verdict' | 'summary' | 'alerts' | 'comparison' | 'pruneRules'> = {
    skill: input.skill,
    from,
    to,
    versions,
    baseline: baseline?.key ?? null,
    candidate: candidate?.key ?? null,
    labels,
    method,
  };
  if (!baseline || !candidate) {
    const seen = versions.map((v) => `${v.label} (${v.sessions})`).join(', ') || 'none';
    return { ...base, comparison: null, pruneRules: [], verdict: 'INSUFFICIENT_DATA', summary: `Nothing to compare: sessions of skill "${input.skill}" ran ${versions.length} version(s): ${seen}.`, alerts: [] };
  }
  const before = groups.get(baseline.key)!.rows;
  const after = groups.get(candidate.key)!.rows;
  const comparison = compareVersions(before, after, method);
  let pruneRules: PruneRuleCheck[] = [];
  if (candidate.versionId) {
    const rules = await versionPruneRules(graph, projectId, candidate.versionId);
    if (rules.length) {
      const steps = await impactSteps(graph, projectId, [...before, ...after].map((r) => r.id));
      pruneRules = checkPruneRules(rules, steps, new Set(before.map((r) => r.id)), new Set(after.map((r) => r.id)), method.alpha);
    }
  }
  const outcomeLabel = comparison.success.basis === 'recorded' ? [] : comparison.success.basis === 'none' ? ['no outcome recorded or inferred: success is not compared'] : [`success rates use ${comparison.success.basis} outcomes (inferred = from each session’s own evidence, no recorded outcome)`];
  if (before.length < MIN_SESSIONS || after.length < MIN_SESSIONS) {
    return {
      ...base,
      labels: [...labels, ...outcomeLabel],
      comparison,
      pruneRules,
      verdict: 'INSUFFICIENT_DATA',
      summary: `Too few sessions to test: ${baseline.label} ran ${before.length}, ${candidate.label} ran ${after.length} (at least ${MIN_SESSIONS} each).`,
      alerts: [],
    };
  }
  const v = verdictOf(comparison, baseline, candidate, MIN_MATCHED_TASKS, method.confidence);
  return {
    ...base,
    labels: [...labels, ...outcomeLabel, ...(pruneRules.length ? ['prune-rule savings are estimates: occurrences avoided per session × their mean cost before'] : [])],
    comparison,
    pruneRules,
    ...v,
  };
}
