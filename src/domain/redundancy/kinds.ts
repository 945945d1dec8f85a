// The kinds of redundancy finding (DESIGN §7), shared by the graph repository, the TraceCard and
// CostCraft. What each kind means and how its waste is measured is documented with the queries
// in cypher/redundancy/ and on `RedundancyFinding` in src/graph/redundancy.ts.
export const FINDING_KINDS = [
  'exact_duplicate',
  'reread',
  'failed_retry',
  'repeated_llm_request',
  'duplicate_subagent',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export function isFindingKind(value: string): value is FindingKind {
  return (FINDING_KINDS as readonly string[]).includes(value);
}

/**
 * The estimate behind `wastedTokens` of tool findings: a tool result re-adds about one token per
 * four characters to the context (the usual rule of thumb for English and code; labelled
 * estimated wherever it is shown). Mirrors `ceil(resultChars / 4.0)` in measure-waste.cypher.
 */
export function estimateTokensFromChars(chars: number | null | undefined): number {
  return chars ? Math.ceil(chars / 4) : 0;
}
