// Repository: CostCraft. Bulk outcomes (benchmarks), per-step facts, the evidence queries of
// cypher/costcraft/, and the stored record of a distillation: DistillRun, Patch nodes with CITES
// edges to the spans and sessions they rest on, and SkillVersion nodes with the SKILL.md text and
// its diff. Row conversion is explicit: numbers via Number(), strings checked, JSON text parsed.
import type { OutcomeRecord } from '../sources/tau-bench/outcome.ts';
import type { StepFacts, StepRow } from '../costcraft/step-facts.ts';
import { int, type Graph, type Row } from './driver.ts';
import { chunks } from './parallel.ts';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const CHUNK = 2000;

/** Stores benchmark outcomes (idempotently), in the shape recordOutcome uses. */
export async function recordOutcomes(graph: Graph, projectId: string, outcomes: OutcomeRecord[], now = new Date()): Promise<number> {
  const rows = outcomes.map((o) => ({
    id: `${o.oracle.replace(/\s+/g, '-')}:${o.sessionId}`,
    sessionId: o.sessionId,
    result: o.outcome,
    score: o.score,
    evaluator: o.oracle,
    notes: o.mismatches.length ? `${o.mismatches.length} mismatches with the gold actions` : null,
    // The API's OracleMismatch shape, so `session { outcomes { mismatches } }` shows them too.
    mismatchesJson: JSON.stringify(
      o.mismatches.map((m) => ({
        path: m.tool ? [m.tool, ...m.fields].join('.') : null,
        expected: m.expected,
        actual: m.actual,
        message: `${m.kind}${m.spanId ? ` at ${m.spanId}` : ''}`,
      })),
    ),
    goldSnippetsJson: JSON.stringify([{ label: 'gold actions and expected outputs', path: null, text: o.goldJson }]),
    // The full mismatch records (kind, fields, span) for CostCraft.
    evidenceJson: JSON.stringify({ mismatches: o.mismatches, failingSpanIds: o.failingSpanIds }),
    recordedAt: now.toISOString(),
  }));
  let recorded = 0;
  for (const chunk of chunks(rows, CHUNK)) {
    const [r] = await graph.write('costcraft/record-outcomes', { projectId, rows: chunk });
    recorded += Number(r?.recorded ?? 0);
  }
  return recorded;
}

export interface SkillSessionRow {
  id: string;
  task: string | null;
  outcome: string | null;
  outcomeSource: string | null;
  outcomeConfidence: number | null;
  score: number | null;
  totalCostUsd: number;
  unpricedCalls: number;
  spanCount: number;
}

/** Which sessions a distillation reads when no ids are given: a skill's (the default), an agent's, or a recurring task's. */
export interface CohortRef {
  kind: 'skill' | 'agent' | 'task';
  key: string;
}

export async function skillSessions(graph: Graph, projectId: string, skill: string, sessionIds: string[] | null, cohort: CohortRef | null = null): Promise<SkillSessionRow[]> {
  const rows = await graph.read('costcraft/skill-sessions', {
    projectId,
    skill: cohort?.kind === 'skill' ? cohort.key : skill,
    sessionIds,
    cohortKind: cohort?.kind ?? 'skill',
    cohortKey: cohort?.key ?? skill,
  });
  return rows.map((r) => ({
    id: String(r.id),
    task: str(r.task),
    outcome: str(r.outcome),
    outcomeSource: str(r.outcomeSource),
    outcomeConfidence: num(r.outcomeConfidence),
    score: num(r.score),
    totalCostUsd: Number(r.totalCostUsd),
    unpricedCalls: Number(r.unpricedCalls),
    spanCount: Number(r.spanCount),
  }));
}

export async function stepRows(graph: Graph, projectId: string, sessionIds: string[]): Promise<StepRow[]> {
  const out: StepRow[] = [];
  for (const chunk of chunks(sessionIds, 200)) {
    const rows = await graph.read('costcraft/step-rows', { projectId, sessionIds: chunk });
    for (const r of rows) {
      out.push({
        sessionId: String(r.sessionId),
        id: String(r.id),
        seq: Number(r.seq ?? 0),
        kind: String(r.kind),
        toolName: str(r.toolName),
        argsCanonical: str(r.argsCanonical),
        resultPreview: str(r.resultPreview),
        textPreview: str(r.textPreview),
        status: str(r.status),
        costUsd: num(r.costUsd),
        tokens: Number(r.tokens ?? 0),
        parentCostUsd: num(r.parentCostUsd),
        parentTokens: Number(r.parentTokens ?? 0),
        toolsOfCall: Number(r.toolsOfCall ?? 0),
        childTotalCostUsd: num(r.childTotalCostUsd),
      });
    }
  }
  return out;
}

export async function storeStepFacts(graph: Graph, projectId: string, facts: StepFacts[]): Promise<void> {
  const rows = facts.map((f) => ({
    id: f.id,
    signature: f.signature,
    costUsd: f.costUsd,
    tokens: f.tokens === null ? null : int(f.tokens),
    useScore: f.useScore,
    novelTokens: int(f.novelTokens),
  }));
  for (const chunk of chunks(rows, CHUNK)) await graph.write('costcraft/store-step-facts', { projectId, rows: chunk });
}

export interface EvidenceQueryOptions {
  /** Output-use score at or below which an output counts as unused (default 0: nothing reused). */
  maxUseScore?: number;
  /** Cap on ids returned per row. */
  maxIds?: number;
  /** Preserve patterns need this many successful sessions (default 2). */
  minSupport?: number;
}

/** The raw rows of the six evidence queries, for evidence.ts to turn into items. */
export interface EvidenceRows {
  redundant: Row[];
  unusedOutput: Row[];
  crossTrajectory: Row[];
  unusedSubagents: Row[];
  preserve: Row[];
  repair: Row[];
}

export async function evidenceRows(graph: Graph, projectId: string, sessionIds: string[], options: EvidenceQueryOptions = {}): Promise<EvidenceRows> {
  const base = { projectId, sessionIds };
  const maxScore = options.maxUseScore ?? 0;
  const maxIds = int(options.maxIds ?? 50);
  const [redundant, unusedOutput, crossTrajectory, unusedSubagents, preserve, repair] = await Promise.all([
    graph.read('costcraft/prune-redundant', base),
    graph.read('costcraft/prune-unused-output', { ...base, maxScore }),
    graph.read('costcraft/prune-cross-trajectory', { ...base, maxIds }),
    graph.read('costcraft/prune-unused-subagent', { ...base, maxScore }),
    graph.read('costcraft/preserve-patterns', { ...base, maxIds, minSupport: int(options.minSupport ?? 2) }),
    graph.read('costcraft/repair-evidence', base),
  ]);
  return { redundant, unusedOutput, crossTrajectory, unusedSubagents, preserve, repair };
}

// ── DistillRun, Patch, SkillVersion ─────────────────────────────────────────────────────────────

export type RunProps = Record<string, string | number | boolean | null>;

export async function upsertRun(graph: Graph, projectId: string, run: RunProps & { id: string }): Promise<void> {
  await graph.write('costcraft/upsert-run', { projectId, run });
}

export async function getRun(graph: Graph, projectId: string, id: string): Promise<RunProps | null> {
  const [row] = await graph.read('costcraft/get-run', { projectId, id });
  return row ? (row.run as RunProps) : null;
}

/** Stored runs of a project (or of one skill), the most recent first. */
export async function listRuns(graph: Graph, projectId: string, skill: string | null, limit: number): Promise<RunProps[]> {
  const rows = await graph.read('costcraft/list-runs', { projectId, skill, limit: int(limit) });
  return rows.map((row) => row.run as RunProps);
}

/** Marks runs left QUEUED/RUNNING by another (gone) process as FAILED with `reason`. */
export async function failStaleRuns(
  graph: Graph,
  instanceId: string,
  reason: string,
  staleBefore: Date,
  now = new Date(),
): Promise<Array<{ projectId: string; id: string }>> {
  const rows = await graph.write('costcraft/fail-stale-runs', {
    instanceId,
    reason,
    staleBefore: staleBefore.toISOString(),
    now: now.toISOString(),
  });
  return rows.map((r) => ({ projectId: String(r.projectId), id: String(r.id) }));
}

export interface PatchRow {
  id: string;
  props: Record<string, string | number | boolean | string[] | null>;
  spanCites: Array<{ id: string; evidence: string }>;
  sessionCites: Array<{ id: string; evidence: string }>;
}

export async function storePatches(graph: Graph, projectId: string, runId: string, patches: PatchRow[]): Promise<number> {
  if (patches.length === 0) return 0;
  const rows = await graph.write('costcraft/store-patches', { projectId, runId, patches });
  return rows.reduce((n, r) => n + Number(r.spanCites ?? 0) + Number(r.sessionCites ?? 0), 0);
}

export interface SkillVersionRecord {
  id: string;
  skill: string;
  number: number;
  text: string;
  diff: string;
  tokens: number;
  budgetTokens: number;
  runId: string;
  mode: string;
  createdAt: string;
  previousId: string | null;
}

export async function storeSkillVersion(graph: Graph, projectId: string, version: SkillVersionRecord): Promise<void> {
  const { previousId, ...props } = version;
  await graph.write('costcraft/store-skill-version', {
    projectId,
    runId: version.runId,
    skill: version.skill,
    previousId,
    version: { ...props, number: int(props.number), tokens: int(props.tokens), budgetTokens: int(props.budgetTokens), previousId },
  });
}

export async function skillVersions(graph: Graph, projectId: string, skill: string, limit = 50): Promise<SkillVersionRecord[]> {
  const rows = await graph.read('costcraft/skill-versions', { projectId, skill, limit: int(limit) });
  return rows.map((r) => {
    const v = r.version as Record<string, unknown>;
    return {
      id: String(v.id),
      skill: String(v.skill),
      number: Number(v.number),
      text: String(v.text ?? ''),
      diff: String(v.diff ?? ''),
      tokens: Number(v.tokens ?? 0),
      budgetTokens: Number(v.budgetTokens ?? 0),
      runId: String(v.runId ?? ''),
      mode: String(v.mode ?? ''),
      createdAt: String(v.createdAt ?? ''),
      previousId: str(r.previousId),
    };
  });
}

export interface StoredPatch {
  props: Record<string, unknown>;
  cites: Array<{ id: string; label: 'Span' | 'Session'; evidence: string | null }>;
}

export async function runPatches(graph: Graph, projectId: string, runId: string): Promise<StoredPatch[]> {
  const rows = await graph.read('costcraft/run-patches', { projectId, runId });
  return rows.map((r) => ({
    props: r.patch as Record<string, unknown>,
    cites: (Array.isArray(r.cites) ? r.cites : []).map((c: Record<string, unknown>) => ({
      id: String(c.id),
      label: c.label === 'Span' ? 'Span' : 'Session',
      evidence: str(c.evidence),
    })),
  }));
}

/** Checks "succeeded without it" claims: which sessions have a step of the signature. */
export async function sessionsWithSignature(
  graph: Graph,
  projectId: string,
  sessionIds: string[],
  signature: string,
): Promise<Array<{ id: string; outcome: string | null; hasSignature: boolean }>> {
  const rows = await graph.read('costcraft/sessions-with-signature', { projectId, sessionIds, signature });
  return rows.map((r) => ({ id: String(r.id), outcome: str(r.outcome), hasSignature: r.hasSignature === true }));
}

export { strs as stringList, num as numberOrNull, str as stringOrNull };
