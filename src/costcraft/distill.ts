// distill(skill, sessions, baseSkill) (DESIGN §8), the orchestration:
//   1. evidence from the graph;           2. analysts (OFFLINE templates, or CLAUDE analysts);
//   3. admission (patch.ts) and merge;    4. SKILL.md within the budget, diff to the previous version;
//   5. patches (with CITES edges), and the skill version, stored in the graph.
// Progress is reported per phase and per analysis; an AbortSignal cancels between steps and
// inside API calls.
import type { Graph } from '../graph/driver.ts';
import { skillVersions, storePatches, storeSkillVersion, type CohortRef, type PatchRow } from '../graph/costcraft.ts';
import { createClaudeClient, DEFAULT_CLAUDE_MODEL, runClaudeAnalyst, type ClaudeAnalystOptions } from './analysts/claude.ts';
import type { AnalystTask } from './analysts/context.ts';
import { redundancyDrafts, runOfflineAnalyst } from './analysts/offline.ts';
import { noRetries, type AnalysisReport } from './analysts/types.ts';
import { unifiedDiff } from './diff.ts';
import { gatherEvidence } from './evidence.ts';
import { evidenceById, type EvidenceSet } from './evidence-types.ts';
import { mergePatches } from './merge.ts';
import { admissionContext, admitPatch, type AnalystLabel, type Patch, type Rejected } from './patch.ts';
import { analystSample } from './sampling.ts';
import { sessionCard } from './session-cards.ts';
import { DEFAULT_BUDGET_TOKENS, renderSkillMd } from './skill-md.ts';

export type DistillMode = AnalystLabel;

export interface DistillInput {
  /** The skill the SKILL.md is for (its versions are stored under this name). */
  skill: string;
  sessionIds?: string[] | null;
  /** Without session ids: learn from this cohort (an agent, a recurring task, a skill); default the skill's sessions. */
  cohort?: CohortRef | null;
  baseSkill?: string | null;
  mode?: DistillMode;
  model?: string | null;
  budgetTokens?: number;
}

export interface ClaudeSettings extends Omit<ClaudeAnalystOptions, 'signal'> {
  /** Sessions each Claude analyst looks at (cost bound). */
  maxSuccessSessions?: number;
  maxFailureSessions?: number;
  concurrency?: number;
}

export interface DistillProgress {
  phase: 'evidence' | 'analysts' | 'merge' | 'render' | 'store' | 'done';
  done: number;
  total: number;
  message: string;
}

export interface DistillDeps {
  graph: Graph;
  projectId: string;
  runId: string;
  claude?: ClaudeSettings | null;
  signal?: AbortSignal;
  onProgress?: (p: DistillProgress) => void;
  now?: () => Date;
}

export interface DistillResult {
  runId: string;
  skill: string;
  mode: DistillMode;
  model: string | null;
  sessions: { total: number; success: number; failure: number; unjudged: number; inferred: number };
  /** The cohort the sessions were taken from (null: the given session ids). */
  cohort: CohortRef | null;
  evidence: Record<string, number>;
  analyses: Array<Omit<AnalysisReport, 'drafts'> & { drafts: number }>;
  patches: Array<Patch & { status: 'kept' | 'dropped' | 'trimmed'; reason: string | null }>;
  rejected: Array<{ analyst: AnalystLabel; rule: string | null; reason: string }>;
  skillMd: string;
  tokens: number;
  budgetTokens: number;
  versionId: string;
  versionNumber: number;
  diff: string;
  /** What is estimated or heuristic in this result, said plainly. */
  labels: string[];
  timingsMs: Record<string, number>;
}

export class DistillCancelled extends Error {
  readonly code = 'CANCELLED';
}

export class ModeUnavailableError extends Error {
  readonly code = 'MODE_UNAVAILABLE';
}

function checkCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DistillCancelled('distill run cancelled');
}

/** Runs `work` over `items` with at most `limit` in flight, results in input order. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

async function claudeAnalyses(evidence: EvidenceSet, input: DistillInput, deps: DistillDeps, tick: (m: string) => void, planned: (n: number) => void): Promise<AnalysisReport[]> {
  const settings = deps.claude!;
  const sample = analystSample(evidence, settings.maxSuccessSessions ?? 4, settings.maxFailureSessions ?? 4);
  planned(sample.successes.length + sample.failures.length);
  const client = createClaudeClient(settings);
  const tasks: AnalystTask[] = [];
  for (const [role, list] of [['success', sample.successes], ['error', sample.failures]] as const) {
    for (const s of list) {
      tasks.push({
        role,
        skill: input.skill,
        baseSkill: input.baseSkill ?? null,
        evidence,
        session: { sessionId: s.id, task: s.task, outcome: s.outcome, score: s.score, card: await sessionCard(deps.graph, deps.projectId, s.id) },
        repair: evidence.repairs.find((r) => r.sessionId === s.id) ?? null,
      });
    }
  }
  const options = { ...settings, model: input.model ?? settings.model, signal: deps.signal };
  const reports = await pool(tasks, settings.concurrency ?? 2, async (task) => {
    checkCancelled(deps.signal);
    const r = await runClaudeAnalyst(client, task, options);
    tick(`${task.role} analyst ${task.session.sessionId}: ${r.status}`);
    return r;
  });
  // Measured redundancy needs no model: its prunes are stated from the findings, labelled OFFLINE.
  const measured: AnalysisReport = {
    analyst: 'measured',
    label: 'OFFLINE',
    model: null,
    sessionId: null,
    status: 'ok',
    drafts: redundancyDrafts(evidence),
    error: null,
    turns: 0,
    retries: noRetries(),
    durationMs: 0,
  };
  return [measured, ...reports];
}

export async function distill(input: DistillInput, deps: DistillDeps): Promise<DistillResult> {
  const mode: DistillMode = input.mode ?? (deps.claude?.apiKey ? 'CLAUDE' : 'OFFLINE');
  if (mode === 'CLAUDE' && !deps.claude?.apiKey) throw new ModeUnavailableError('CLAUDE mode needs ANTHROPIC_API_KEY; use mode OFFLINE');
  const now = deps.now ?? (() => new Date());
  const timings: Record<string, number> = {};
  let total = 5;
  let done = 0;
  const progress = (phase: DistillProgress['phase'], message: string, step = true) => {
    if (step) done++;
    deps.onProgress?.({ phase, done, total, message });
  };
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const t = Date.now();
    try {
      return await work();
    } finally {
      timings[name] = Date.now() - t;
    }
  };

  progress('evidence', 'gathering evidence', false);
  const evidence = await timed('evidence', () => gatherEvidence(deps.graph, deps.projectId, input.skill, input.sessionIds ?? null, {}, cohortOf(input)));
  progress('evidence', `${evidence.items.length} evidence items over ${evidence.sessions.length} sessions`);
  checkCancelled(deps.signal);

  const reports = await timed('analysts', () =>
    mode === 'OFFLINE'
      ? [runOfflineAnalyst(evidence)]
      : claudeAnalyses(evidence, input, deps, (m) => progress('analysts', m), (n) => (total += n)),
  );
  progress('analysts', `${reports.length} analyses`);
  checkCancelled(deps.signal);

  let n = 0;
  const nextId = () => `${deps.runId}:p${++n}`;
  const admitted: Patch[] = [];
  const rejected: Rejected[] = [];
  for (const r of reports) {
    const ctx = admissionContext(evidence, r.label, r.model, nextId);
    for (const draft of r.drafts) {
      const result = admitPatch(draft, ctx);
      if ('patch' in result) admitted.push(result.patch);
      else rejected.push(result.rejected);
    }
  }
  const byId = evidenceById(evidence);
  const merged = mergePatches(admitted, byId);
  progress('merge', `${merged.kept.length} rules kept, ${merged.dropped.length} dropped, ${rejected.length} rejected`);

  const previous = (await skillVersions(deps.graph, deps.projectId, input.skill, 1))[0] ?? null;
  const base = input.baseSkill ?? previous?.text ?? null;
  const wins = evidence.sessions.filter((s) => s.outcome === 'success').length;
  const losses = evidence.sessions.filter((s) => s.outcome === 'failure').length;
  const inferred = evidence.sessions.filter((s) => s.outcomeSource === 'inferred').length;
  const learnedFrom = `${evidence.sessions.length} sessions: ${wins} succeeded, ${losses} failed${inferred ? `; ${inferred} of these outcomes inferred, none recorded` : ''}`;
  const cohort = cohortOf(input);
  const rendered = await timed('render', () =>
    renderSkillMd(merged.kept, {
      skill: input.skill,
      baseSkill: base,
      budgetTokens: input.budgetTokens ?? DEFAULT_BUDGET_TOKENS,
      runId: deps.runId,
      mode,
      triggerHint: `${triggerSubject(input.skill, cohort)} (learned from ${learnedFrom}).`,
    }),
  );
  const diff = unifiedDiff(previous?.text ?? input.baseSkill ?? '', rendered.markdown, {
    from: previous ? `${input.skill} v${previous.number}` : 'base',
    to: `${input.skill} v${(previous?.number ?? 0) + 1}`,
  });
  progress('render', `SKILL.md ${rendered.tokens}/${rendered.budgetTokens} tokens, ${rendered.trimmed.length} rules trimmed`);
  checkCancelled(deps.signal);

  const trimmed = new Set(rendered.trimmed);
  const dropReason = new Map(merged.dropped.map((d) => [d.patch.id, d.reason]));
  const all = [...merged.kept, ...merged.dropped.map((d) => d.patch)];
  const inferredIds = new Set(evidence.sessions.filter((s) => s.outcomeSource === 'inferred').map((s) => s.id));
  const patches = all.map((p) => ({
    ...p,
    notes: [...p.notes, ...inferredOutcomeNote(p, inferredIds)],
    status: (dropReason.has(p.id) ? 'dropped' : trimmed.has(p.id) ? 'trimmed' : 'kept') as 'kept' | 'dropped' | 'trimmed',
    reason: dropReason.get(p.id) ?? (trimmed.has(p.id) ? 'trimmed to fit the token budget' : null),
  }));
  const versionNumber = (previous?.number ?? 0) + 1;
  const versionId = `${deps.runId}:v${versionNumber}`;
  await timed('store', async () => {
    await storePatches(deps.graph, deps.projectId, deps.runId, patches.map((p) => patchRow(p, byId)));
    await storeSkillVersion(deps.graph, deps.projectId, {
      id: versionId,
      skill: input.skill,
      number: versionNumber,
      text: rendered.markdown,
      diff,
      tokens: rendered.tokens,
      budgetTokens: rendered.budgetTokens,
      runId: deps.runId,
      mode,
      createdAt: now().toISOString(),
      previousId: previous?.id ?? null,
    });
  });
  progress('store', `stored ${patches.length} patches and ${input.skill} v${versionNumber}`);

  const counts: Record<string, number> = {};
  for (const item of evidence.items) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  return {
    runId: deps.runId,
    skill: input.skill,
    mode,
    model: mode === 'CLAUDE' ? (input.model ?? deps.claude?.model ?? DEFAULT_CLAUDE_MODEL) : null,
    sessions: { total: evidence.sessions.length, success: wins, failure: losses, unjudged: evidence.sessions.length - wins - losses, inferred },
    cohort,
    evidence: counts,
    analyses: reports.map(({ drafts, ...r }) => ({ ...r, drafts: drafts.length })),
    patches,
    rejected: rejected.map((r) => ({ analyst: r.analyst, rule: ruleOf(r.draft), reason: r.reason })),
    skillMd: rendered.markdown,
    tokens: rendered.tokens,
    budgetTokens: rendered.budgetTokens,
    versionId,
    versionNumber,
    diff,
    labels: [
      ...(mode === 'OFFLINE' ? ['OFFLINE: rules from deterministic templates over graph evidence, no model involved'] : []),
      ...(inferred
        ? [`outcomes inferred for ${inferred} of ${evidence.sessions.length} sessions (no recorded outcome): from each session's closing message, final errors and unrecovered tool failures; recordOutcome overrides them`]
        : []),
      'output-use scores are a heuristic (token overlap over stored previews)',
      'SKILL.md token counts are estimates (ceil(chars / 3), errs high)',
      ...(evidence.sessions.some((s) => s.unpricedCalls > 0) ? ['some LLM calls are unpriced: $ figures are lower bounds'] : []),
    ],
    timingsMs: timings,
  };
}

/** Evidence that compares successful and failed sessions rests on their outcomes. */
const OUTCOME_EVIDENCE = /^(preserve|repair|cross-trajectory):/;

/** Provenance: a rule resting on outcomes says when some of them were inferred, not recorded. */
function inferredOutcomeNote(p: Patch, inferredIds: Set<string>): string[] {
  if (!p.evidenceIds.some((id) => OUTCOME_EVIDENCE.test(id))) return [];
  const k = p.sourceSessions.filter((id) => inferredIds.has(id)).length;
  return k ? [`outcome inferred (none recorded) for ${k} of its ${p.sourceSessions.length} sessions`] : [];
}

/** The cohort the run reads: none when session ids are given; else the input's, or the skill's sessions. */
function cohortOf(input: DistillInput): CohortRef | null {
  if (input.sessionIds) return null;
  return input.cohort ?? { kind: 'skill', key: input.skill };
}

function triggerSubject(skill: string, cohort: CohortRef | null): string {
  if (cohort?.kind === 'agent') return `Tasks of agent \`${cohort.key}\``;
  if (cohort?.kind === 'task') return `Runs of the recurring task \`${skill}\``;
  return `Tasks of skill \`${skill}\``;
}

function ruleOf(draft: unknown): string | null {
  return typeof draft === 'object' && draft !== null && 'rule' in draft && typeof draft.rule === 'string' ? draft.rule : null;
}

/** A patch as stored: scalar props, and CITES edges to the spans and sessions of its evidence. */
function patchRow(p: DistillResult['patches'][number], evidence: ReturnType<typeof evidenceById>): PatchRow {
  const spanCites = new Map<string, string>();
  const sessionCites = new Map<string, string>();
  for (const id of p.evidenceIds) {
    const item = evidence.get(id);
    for (const spanId of item?.spanIds ?? []) if (!spanCites.has(spanId)) spanCites.set(spanId, id);
    for (const sessionId of item?.sessionIds ?? []) if (!sessionCites.has(sessionId)) sessionCites.set(sessionId, id);
  }
  for (const sessionId of p.sourceSessions) if (!sessionCites.has(sessionId)) sessionCites.set(sessionId, 'source session');
  return {
    id: p.id,
    props: {
      action: p.action,
      rule: p.rule,
      rootCause: p.rootCause,
      targetCostSink: p.targetCostSink,
      section: p.section,
      sourceSessions: p.sourceSessions,
      evidenceIds: p.evidenceIds,
      counterfactual: p.counterfactual,
      confidence: p.confidence,
      analyst: p.analyst,
      model: p.model,
      prevalence: p.prevalence,
      priority: { repair: 0, prune: 1, preserve: 2 }[p.action],
      status: p.status,
      reason: p.reason,
      notes: p.notes,
    },
    spanCites: [...spanCites.entries()].map(([id, ev]) => ({ id, evidence: ev })),
    sessionCites: [...sessionCites.entries()].map(([id, ev]) => ({ id, evidence: ev })),
  };
}
