// Repository: recorded session outcomes (success / failure / score) with oracle evidence, which
// CostCraft's error analyst reads later (mismatches, gold snippets).
import { randomUUID } from 'node:crypto';
import type { Graph } from './driver.ts';

export type OutcomeResult = 'success' | 'failure';

export interface OracleMismatch {
  path?: string | null;
  expected?: string | null;
  actual?: string | null;
  message?: string | null;
}

export interface GoldSnippet {
  label?: string | null;
  path?: string | null;
  text: string;
}

export interface OutcomeInput {
  sessionId: string;
  result: OutcomeResult;
  score?: number | null;
  evaluator?: string | null;
  notes?: string | null;
  mismatches?: OracleMismatch[] | null;
  goldSnippets?: GoldSnippet[] | null;
  evidence?: unknown;
}

export interface OutcomeNode {
  id: string;
  sessionId: string;
  result: OutcomeResult;
  score: number | null;
  evaluator: string | null;
  notes: string | null;
  mismatches: OracleMismatch[];
  goldSnippets: GoldSnippet[];
  evidence: unknown;
  recordedAt: string;
}

function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toOutcomeNode(p: Record<string, unknown>): OutcomeNode {
  return {
    id: String(p.id),
    sessionId: String(p.sessionId),
    result: p.result === 'success' ? 'success' : 'failure',
    score: p.score === null || p.score === undefined ? null : Number(p.score),
    evaluator: (p.evaluator as string | undefined) ?? null,
    notes: (p.notes as string | undefined) ?? null,
    mismatches: parseJson<OracleMismatch[]>(p.mismatchesJson, []),
    goldSnippets: parseJson<GoldSnippet[]>(p.goldSnippetsJson, []),
    evidence: parseJson<unknown>(p.evidenceJson, null),
    recordedAt: String(p.recordedAt),
  };
}

/** Stores the outcome; null when the project has no such session. */
export async function recordOutcome(graph: Graph, projectId: string, input: OutcomeInput, now = new Date()): Promise<OutcomeNode | null> {
  const [row] = await graph.write('outcome/record', {
    projectId,
    id: `outcome:${randomUUID()}`,
    sessionId: input.sessionId,
    result: input.result,
    score: input.score ?? null,
    evaluator: input.evaluator ?? null,
    notes: input.notes ?? null,
    mismatchesJson: JSON.stringify(input.mismatches ?? []),
    goldSnippetsJson: JSON.stringify(input.goldSnippets ?? []),
    evidenceJson: input.evidence === undefined || input.evidence === null ? null : JSON.stringify(input.evidence),
    recordedAt: now.toISOString(),
  });
  return row ? toOutcomeNode(row.outcome as Record<string, unknown>) : null;
}

/** Outcomes of each given session, newest first, keyed by session id. */
export async function outcomesOfSessions(graph: Graph, projectId: string, sessionIds: readonly string[]): Promise<Map<string, OutcomeNode[]>> {
  const rows = await graph.read('outcome/of-sessions', { projectId, sessionIds: [...sessionIds] });
  const out = new Map<string, OutcomeNode[]>();
  for (const r of rows) {
    const id = String(r.sessionId);
    const list = out.get(id) ?? [];
    list.push(toOutcomeNode(r.outcome as Record<string, unknown>));
    out.set(id, list);
  }
  return out;
}
