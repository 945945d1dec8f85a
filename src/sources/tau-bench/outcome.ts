// What a benchmark says about a session: success or failure, the score, and the oracle evidence
// (how the actions taken differ from the gold actions). Stored as (:Outcome)-[:OF]->(:Session) by
// src/graph/costcraft.ts and read by CostCraft's error analyst.
import { z } from 'zod';

export const MismatchSchema = z.object({
  /**
   * `missing_action`: a gold state-changing action was never called; `args_differ`: called with
   * other arguments (the differing fields are listed); `unexpected_action`: a state-changing call
   * the gold actions do not contain; `missing_output`: an expected answer string never said.
   */
  kind: z.enum(['missing_action', 'args_differ', 'unexpected_action', 'missing_output']),
  tool: z.string().nullable(),
  /** Top-level argument fields whose values differ (args_differ only). */
  fields: z.array(z.string()).default([]),
  /** The span that made the call (args_differ, unexpected_action), null when none was made. */
  spanId: z.string().nullable(),
  /** Expected and actual values of the differing fields, as compact JSON. */
  expected: z.string().nullable(),
  actual: z.string().nullable(),
});
export type Mismatch = z.infer<typeof MismatchSchema>;

export const OutcomeRecordSchema = z.object({
  sessionId: z.string().min(1),
  outcome: z.enum(['success', 'failure']),
  score: z.number(),
  /** Who judged it, e.g. `tau-bench reward`. */
  oracle: z.string(),
  mismatches: z.array(MismatchSchema),
  /** The gold actions and expected outputs (the "gold snippet" the error analyst may read). */
  goldJson: z.string(),
  failingSpanIds: z.array(z.string()),
});
export type OutcomeRecord = z.infer<typeof OutcomeRecordSchema>;
