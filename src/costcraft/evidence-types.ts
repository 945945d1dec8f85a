// The evidence a distillation rests on, as gathered from the graph (evidence.ts). Every item has a
// stable id that patches cite, the spans and sessions it rests on (CITES edges point there), and
// its support counts ("k of n"), which counterfactual claims are checked against.

export const PRUNE_EVIDENCE = ['redundancy', 'unused_output', 'cross_trajectory', 'unused_subagent'] as const;
export const EVIDENCE_KINDS = [...PRUNE_EVIDENCE, 'preserve', 'repair'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** One "k of n" figure an item supports, with what it counts. */
export interface SupportCount {
  k: number;
  n: number;
  what: string;
}

export interface EvidenceItem {
  id: string;
  kind: EvidenceKind;
  /** The step signature or pattern it is about (`think(thought)`, `a() -> b()`), or the tool. */
  target: string | null;
  toolName: string | null;
  /** The primary figure first; claims may use any of them. */
  counts: SupportCount[];
  spanIds: string[];
  sessionIds: string[];
  /** Cost of the targeted steps (USD), null when unpriced/unknown. */
  costUsd: number | null;
  tokens: number | null;
  /** Measured over previews with a heuristic (output use), not an exact fact. */
  heuristic: boolean;
  /** One line for people and prompts. */
  summary: string;
  /** Extra facts (kind of repeat, mismatch fields, expected vs actual...). */
  detail: Record<string, string | number | boolean | null>;
}

export interface SessionSummary {
  id: string;
  task: string | null;
  outcome: 'success' | 'failure' | null;
  /** recorded (recordOutcome, an oracle) or inferred from the session's own evidence. */
  outcomeSource?: 'recorded' | 'inferred' | null;
  /** Confidence of an inferred outcome (0–1); null for a recorded one. */
  outcomeConfidence?: number | null;
  score: number | null;
  totalCostUsd: number;
  unpricedCalls: number;
  spanCount: number;
}

/** One mismatch the oracle found in a failed session. */
export interface RepairMismatch {
  kind: string;
  tool: string | null;
  fields: string[];
  spanId: string | null;
  expected: string | null;
  actual: string | null;
}

export interface RepairCase {
  sessionId: string;
  task: string | null;
  score: number | null;
  evaluator: string | null;
  mismatches: RepairMismatch[];
  goldSnippets: Array<{ label: string | null; text: string }>;
  errorSteps: Array<{ id: string; tool: string | null; error: string | null }>;
}

export interface EvidenceSet {
  skill: string;
  sessions: SessionSummary[];
  items: EvidenceItem[];
  repairs: RepairCase[];
}

export function evidenceById(set: EvidenceSet): Map<string, EvidenceItem> {
  return new Map(set.items.map((i) => [i.id, i]));
}
