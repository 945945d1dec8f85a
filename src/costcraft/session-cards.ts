// The Claude analysts read TraceCards, not raw transcripts (DESIGN §8). Cards come from the
// TraceCard compiler; a session whose card cannot be built gets a one-line note instead (the
// analysis still has the evidence catalogue).
import type { Graph } from '../graph/driver.ts';
import { loadCardInput } from '../graph/tracecard.ts';
import { buildTraceCard } from '../tracecard/index.ts';

export const CARD_BUDGET_TOKENS = 900;

export async function sessionCard(graph: Graph, projectId: string, sessionId: string): Promise<string> {
  try {
    const input = await loadCardInput(graph, projectId, sessionId);
    if (!input) return `(no TraceCard: session ${sessionId} not found)`;
    return buildTraceCard(input, { budgetTokens: CARD_BUDGET_TOKENS }).yaml;
  } catch (error) {
    return `(no TraceCard: ${(error as Error).message})`;
  }
}
