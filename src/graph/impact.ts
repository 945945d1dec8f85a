// Repository: what the skill-impact report reads (cypher/impact/): a skill's sessions with their
// versions and figures, their tool steps for the prune-rule check, and a stored version's prune
// rules. Row conversion is explicit. Costs are rounded to a billionth of a dollar: Cypher sums a
// session's spans in no fixed order, so equal costs can differ in the 17th digit from one
// finalisation to the next, and rank tests would then break ties differently between runs.
import type { ImpactSessionRow, ImpactStepRow, PruneRuleRow } from '../costcraft/impact/types.ts';
import type { Graph } from './driver.ts';
import { chunks } from './parallel.ts';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const nanoUsd = (v: unknown): number => Math.round(num(v) * 1e9) / 1e9;
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export async function impactSessions(graph: Graph, projectId: string, skill: string, from: string | null, to: string | null): Promise<ImpactSessionRow[]> {
  const rows = await graph.read('impact/skill-sessions', { projectId, skill, from, to });
  return rows.map((r) => ({
    id: String(r.id),
    startedAt: str(r.startedAt),
    versionHash: str(r.versionHash),
    versionLabel: str(r.versionLabel),
    costUsd: nanoUsd(r.costUsd),
    unpricedCalls: num(r.unpricedCalls),
    tokens: num(r.tokens),
    llmCalls: num(r.llmCalls),
    steps: num(r.steps),
    waste: (Array.isArray(r.waste) ? r.waste : []).map((w: Record<string, unknown>) => ({ kind: String(w.kind), usd: nanoUsd(w.usd), calls: num(w.calls) })),
    outcome: str(r.outcome),
    inferredOutcome: str(r.inferredOutcome),
    taskKey: str(r.taskKey),
    taskName: str(r.taskName),
  }));
}

export async function impactSteps(graph: Graph, projectId: string, sessionIds: string[]): Promise<ImpactStepRow[]> {
  const out: ImpactStepRow[] = [];
  for (const chunk of chunks(sessionIds, 200)) {
    for (const r of await graph.read('impact/session-steps', { projectId, sessionIds: chunk })) {
      out.push({
        sessionId: String(r.sessionId),
        kind: String(r.kind),
        toolName: str(r.toolName),
        argsCanonical: str(r.argsCanonical),
        costUsd: r.costUsd === null || r.costUsd === undefined ? null : nanoUsd(r.costUsd),
        repeatKinds: strs(r.repeatKinds),
        wastedUsd: nanoUsd(r.wastedUsd),
      });
    }
  }
  return out;
}

export async function versionPruneRules(graph: Graph, projectId: string, versionId: string): Promise<PruneRuleRow[]> {
  const rows = await graph.read('impact/version-prune-rules', { projectId, versionId });
  return rows.map((r) => ({ id: String(r.id), rule: String(r.rule ?? ''), target: str(r.target), evidenceIds: strs(r.evidenceIds) }));
}
