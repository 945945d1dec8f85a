// The kinds of redundancy finding (DESIGN §7), shared by the graph repository, the TraceCard and
// CostCraft. What each kind means and how its waste is measured is documented with the queries
// in cypher/redundancy/ and on `RedundancyFinding` in src/graph/redundancy.ts.
export const FINDING_KINDS = [
  'exact_duplicate',
  'reread',
  'failed_retry',
  'repeated_llm_request',
  'duplicate_subagent',
  'poll_loop',
  'handoff',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * What a finding of each kind means for the agent, and so which remedy fits (DESIGN §7):
 * - `reuse`: the information was already in this session's context (exact_duplicate, reread,
 *   repeated_llm_request, duplicate_subagent): reuse it;
 * - `retry`: a failed call repeated unchanged (failed_retry): change it or stop;
 * - `wait`: a state awaited by re-checking (poll_loop): each result decided the next step, so the
 *   waste is the model turns spent waiting; wait longer, back off, or block;
 * - `handoff`: another session's context held it (handoff): pass it along instead.
 */
export type FindingRemedy = 'reuse' | 'retry' | 'wait' | 'handoff';

export const FINDING_REMEDY: Readonly<Record<FindingKind, FindingRemedy>> = {
  exact_duplicate: 'reuse',
  reread: 'reuse',
  failed_retry: 'retry',
  repeated_llm_request: 'reuse',
  duplicate_subagent: 'reuse',
  poll_loop: 'wait',
  handoff: 'handoff',
};

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
