// Per-step facts CostCraft's evidence queries read, computed from span rows and materialised on the
// spans (cypher/costcraft/store-step-facts): signature, cost, tokens and output-use score.
//
// A tool call has no token cost of its own: it is charged its share of the LLM call that requested
// it (that call's cost split evenly over its tool calls, as the tool cost rollup does); a spawn adds
// the child session tree's total. null cost = unknown (unpriced), never $0.
import { decidesNextStep } from './decides-next.ts';
import { scoreOutputUse } from './output-use.ts';
import { stepSignature } from './step-signature.ts';

export interface StepRow {
  sessionId: string;
  id: string;
  seq: number;
  kind: string;
  toolName: string | null;
  argsCanonical: string | null;
  resultPreview: string | null;
  textPreview: string | null;
  status: string | null;
  costUsd: number | null;
  tokens: number;
  parentCostUsd: number | null;
  parentTokens: number;
  toolsOfCall: number;
  childTotalCostUsd: number | null;
}

export interface StepFacts {
  id: string;
  signature: string | null;
  costUsd: number | null;
  tokens: number | null;
  useScore: number | null;
  novelTokens: number;
}

function stepCost(row: StepRow): { costUsd: number | null; tokens: number | null } {
  if (row.kind === 'LLM') return { costUsd: row.costUsd, tokens: row.tokens || null };
  if (row.kind !== 'TOOL' && row.kind !== 'SUBAGENT') return { costUsd: row.costUsd, tokens: null };
  const share = row.toolsOfCall > 0 && row.parentCostUsd !== null ? row.parentCostUsd / row.toolsOfCall : null;
  const tokens = row.toolsOfCall > 0 && row.parentTokens > 0 ? Math.round(row.parentTokens / row.toolsOfCall) : null;
  if (row.kind === 'SUBAGENT' && row.childTotalCostUsd !== null) return { costUsd: (share ?? 0) + row.childTotalCostUsd, tokens };
  return { costUsd: share, tokens };
}

/** Facts of every span, given all span rows of some sessions in session order. */
export function computeStepFacts(rows: StepRow[]): StepFacts[] {
  const bySession = new Map<string, StepRow[]>();
  for (const row of rows) {
    const list = bySession.get(row.sessionId) ?? [];
    list.push(row);
    bySession.set(row.sessionId, list);
  }
  const out: StepFacts[] = [];
  for (const steps of bySession.values()) {
    const use = new Map(
      scoreOutputUse(
        steps.map((s) => ({
          id: s.id,
          kind: s.kind,
          args: s.argsCanonical,
          result: s.resultPreview,
          text: s.textPreview,
          decidesNext: s.kind === 'TOOL' && decidesNextStep(s.toolName, s.argsCanonical),
        })),
      ).map((u) => [u.id, u]),
    );
    for (const s of steps) {
      const cost = stepCost(s);
      out.push({
        id: s.id,
        signature: stepSignature(s.kind, s.toolName, s.argsCanonical),
        ...cost,
        useScore: use.get(s.id)?.score ?? null,
        novelTokens: use.get(s.id)?.novelTokens ?? 0,
      });
    }
  }
  return out;
}
