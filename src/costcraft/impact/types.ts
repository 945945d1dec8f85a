// The rows the skill-impact report is computed from (read by src/graph/impact.ts) and the report
// itself (served by GraphQL skillImpact, the CLI `clawtrace impact` and the Distill page).

export interface ImpactSessionRow {
  id: string;
  startedAt: string | null;
  /** SKILL.md content hash the session's detection carried (a read's result, an OTLP attribute). */
  versionHash: string | null;
  /** A version label the producer gave (OTLP clawtrace.skill.version). */
  versionLabel: string | null;
  costUsd: number;
  unpricedCalls: number;
  tokens: number;
  llmCalls: number;
  steps: number;
  waste: Array<{ kind: string; usd: number; calls: number }>;
  outcome: string | null;
  inferredOutcome: string | null;
  /** A recurring-task cohort key, else the session's task key; null when it has no task text. */
  taskKey: string | null;
  taskName: string | null;
}

export interface ImpactStepRow {
  sessionId: string;
  kind: string;
  toolName: string | null;
  argsCanonical: string | null;
  costUsd: number | null;
  repeatKinds: string[];
  wastedUsd: number;
}

export interface StoredVersionRef {
  id: string;
  number: number;
  contentHash: string | null;
  createdAt: string;
  previousId: string | null;
  runId: string;
}

export interface PruneRuleRow {
  id: string;
  rule: string;
  target: string | null;
  evidenceIds: string[];
}

export type VersionKind = 'stored' | 'external' | 'label' | 'unknown';
export type OutcomeBasis = 'recorded' | 'inferred' | 'mixed' | 'none';

export interface VersionSummary {
  /** Stable key: a stored version's id, `sha:<hash>` for an external text, `label:<label>`, or `unknown`. */
  key: string;
  label: string;
  kind: VersionKind;
  versionId: string | null;
  number: number | null;
  contentHash: string | null;
  sessions: number;
  firstSeen: string | null;
  lastSeen: string | null;
  costMedianUsd: number | null;
  costP90Usd: number | null;
  costMeanUsd: number | null;
  tokensMedian: number | null;
  stepsMedian: number | null;
  llmCallsMedian: number | null;
  successes: number;
  failures: number;
  unjudged: number;
  successRate: number | null;
  outcomeBasis: OutcomeBasis;
  inferredOutcomes: number;
  unpricedCalls: number;
  waste: Array<{ kind: string; usd: number; calls: number; usdPerSession: number }>;
}

export interface MetricComparison {
  metric: 'cost' | 'tokens' | 'steps';
  baselineMedian: number | null;
  candidateMedian: number | null;
  /** median(candidate) − median(baseline). */
  difference: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  relativeChange: number | null;
  /** Mann–Whitney U of the candidate sample, and P(candidate > baseline). */
  u: number | null;
  probabilityGreater: number | null;
  pValue: number | null;
  method: string | null;
  /** p < alpha and the interval excludes 0. */
  significant: boolean;
  direction: 'lower' | 'higher' | 'none';
}

export interface SuccessComparison {
  basis: OutcomeBasis;
  baselineRate: number | null;
  candidateRate: number | null;
  difference: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  significant: boolean;
  direction: 'lower' | 'higher' | 'none';
  baselineJudged: number;
  candidateJudged: number;
}

export interface MatchedComparison {
  /** Tasks run under both versions. */
  tasks: number;
  baselineSessions: number;
  candidateSessions: number;
  unmatchedBaselineSessions: number;
  unmatchedCandidateSessions: number;
  /** Total variation distance between the two versions' task mixes: 0 same mix, 1 no task in common. */
  mixShift: number;
  /** Mean over matched tasks of (median cost under the candidate − under the baseline). */
  costChangePerTask: number | null;
  /** costChangePerTask / the mean baseline median of those tasks. */
  relativeChange: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Wilcoxon signed-rank over the matched tasks. */
  v: number | null;
  pValue: number | null;
  method: string | null;
  significant: boolean;
  direction: 'lower' | 'higher' | 'none';
  cheaperTasks: number;
  dearerTasks: number;
  unchangedTasks: number;
  /** Success rate within the matched tasks. */
  baselineSuccessRate: number | null;
  candidateSuccessRate: number | null;
}

export interface Comparison {
  cost: MetricComparison;
  tokens: MetricComparison;
  steps: MetricComparison;
  success: SuccessComparison;
  matched: MatchedComparison;
}

export type PruneStatus = 'FOLLOWED' | 'PARTLY_FOLLOWED' | 'INCONCLUSIVE' | 'IGNORED' | 'NOT_SEEN_BEFORE' | 'NOT_CHECKABLE';

export interface PruneRuleCheck {
  patchId: string;
  rule: string;
  signature: string | null;
  /** What is counted: `step` (the signature's calls) or a redundancy kind (its repeats). */
  counts: string;
  baselinePerSession: number;
  candidatePerSession: number;
  baselineSessionsWith: number;
  candidateSessionsWith: number;
  /** Fisher exact on sessions with / without the step. */
  pValue: number | null;
  status: PruneStatus;
  /** Estimated: occurrences avoided per session × their mean cost before. */
  savedUsdPerSession: number | null;
  savedUsdTotal: number | null;
  note: string;
}

export type Verdict = 'IMPROVED' | 'REGRESSED' | 'NO_SIGNIFICANT_DIFFERENCE' | 'MIX_SHIFT' | 'INSUFFICIENT_DATA';

export interface ImpactAlert {
  metric: 'cost' | 'success';
  message: string;
}

export interface SkillImpactReport {
  skill: string;
  from: string | null;
  to: string | null;
  versions: VersionSummary[];
  baseline: string | null;
  candidate: string | null;
  comparison: Comparison | null;
  pruneRules: PruneRuleCheck[];
  verdict: Verdict;
  summary: string;
  alerts: ImpactAlert[];
  labels: string[];
  method: { alpha: number; confidence: number; resamples: number; seed: number; minSessions: number; minMatchedTasks: number };
}
