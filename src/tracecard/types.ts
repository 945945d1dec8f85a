// What the TraceCard compiler reads (rows gathered from the graph by src/graph/tracecard.ts) and
// what it produces (the card, before rendering). Money stays full-precision float USD here; it is
// rounded only when rendered (render.ts).
import type { TopStep } from '../graph/rollups.ts';

/** Aggregates over the spans of one session (its own spans, not its sub-agents'). */
export interface SessionStats {
  spans: number;
  llmCalls: number;
  toolCalls: number;
  subagentCalls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number;
  /** LLM calls with no known price (cost null, never $0) and their tokens. */
  unpricedCalls: number;
  unpricedTokens: number;
  costSources: { reported: number; computed: number; override: number; unpriced: number };
  priceVersions: string[];
  firstSpanAt: string | null;
  lastSpanAt: string | null;
}

/** One session of the tree rooted at the card's session (depth 0) and its sub-agent sessions. */
export interface TreeSession {
  id: string;
  externalId: string | null;
  source: string | null;
  agentId: string | null;
  agentName: string | null;
  task: string | null;
  skill: string | null;
  outcome: string | null;
  status: string | null;
  role: string | null;
  /** Written but not yet finalised: its stored totals may miss the latest spans. */
  pending: boolean;
  startedAt: string | null;
  endedAt: string | null;
  /** Where the session was read from (transcript file, endpoint): not shown, used for provenance. */
  origin: string | null;
  /** Spawn hops from the root session: 0 for the root, 1 for its sub-agents, ... */
  depth: number;
  /** The SUBAGENT span that started this session (null for the root). */
  parentSpanId: string | null;
  parentSessionId: string | null;
  /** Stored by the cost rollup (refresh-session-costs): own spans, and own + all sub-agents. */
  ownCostUsd: number | null;
  totalCostUsd: number | null;
  stats: SessionStats;
  /** Status of the session's last LLM call: did it end on a working call? */
  lastLlmStatus: string | null;
  /** Assistant text of the last LLM call that had any: the sub-agent's answer. */
  lastLlmText: string | null;
}

/** A SUBAGENT span anywhere in the tree, with the spawn outcome recorded by ingest. */
export interface SpawnRow {
  spanId: string;
  sessionId: string;
  seq: number;
  status: string | null;
  spawnStatus: string | null;
  label: string | null;
  task: string | null;
  childSessionId: string | null;
  resultPreview: string | null;
  argsCanonical: string | null;
}

/** What a session did after its first spawn: later tool arguments and assistant text. */
export interface ActivityRow {
  sessionId: string;
  seq: number;
  kind: string;
  argsCanonical: string | null;
  textPreview: string | null;
}

/** An error span with the next call of the same kind (same tool; any LLM call) after it. */
export interface FailureRow {
  spanId: string;
  sessionId: string;
  seq: number;
  kind: string;
  name: string | null;
  model: string | null;
  toolName: string | null;
  errorMessage: string | null;
  retryStatus: string | null;
  retrySameArgs: boolean | null;
}

/** A materialised `(dup)-[:REPEATS]->(original)` edge whose duplicate lies in the tree. */
export interface RepeatRow {
  dupId: string;
  dupSessionId: string;
  dupSeq: number;
  originalId: string;
  originalSessionId: string;
  originalSeq: number;
  kind: string;
  spanKind: string;
  toolName: string | null;
  model: string | null;
  resource: string | null;
  argsPreview: string | null;
  wastedUsd: number | null;
  wastedTokens: number | null;
  wastedMs: number | null;
}

/** A cost-by-model or cost-by-tool row (from graph/rollups costRollup) over the tree's sessions. */
export interface CostRow {
  key: string | null;
  costUsd: number;
  calls: number;
  errors: number;
  unpricedCalls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** A top-cost step over the tree: the rows of graph/rollups topSteps (the card does not use `name`). */
export type StepRow = Omit<TopStep, 'name'>;

/** Everything the compiler needs, gathered in a few queries. Row order does not matter. */
export interface CardInput {
  sessionId: string;
  tree: TreeSession[];
  spawns: SpawnRow[];
  activity: ActivityRow[];
  failures: FailureRow[];
  repeats: RepeatRow[];
  byModel: CostRow[];
  byTool: CostRow[];
  topSteps: StepRow[];
}

// ---------------------------------------------------------------- the card

export const CARD_VERSION = 1;

export interface TokenCounts {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  reasoning: number;
}

export interface ScopeTotals {
  costUsd: number;
  sessions: number;
  llmCalls: number;
  toolCalls: number;
  subagentCalls: number;
  errors: number;
  unpricedCalls: number;
  tokens: TokenCounts;
}

/** Unresolved spawn calls in the tree (lower-bound.ts): children the inclusive totals leave out. */
export interface MissingSubagents {
  count: number;
  /** `<session ref>#<seq>` of the first few spawn calls (MISSING_SPAWNS_SHOWN). */
  spawns: string[];
}

/** The tree's totals, and what they cannot include. */
export interface InclusiveTotals extends ScopeTotals {
  /** count > 0: the totals are a lower bound (shown only then, so complete cards keep their bytes). */
  missingSubagents: MissingSubagents;
}

export interface CardHeader {
  id: string;
  ref: string;
  source: string | null;
  agent: string | null;
  role: string | null;
  task: string | null;
  skill: string | null;
  outcome: string | null;
  status: string | null;
  /**
   * True while the session or one of its sub-agent sessions is not yet finalised: the card's
   * figures may miss the latest spans (shown only then, so a final card's bytes never change).
   */
  pending: boolean;
  startedAt: string | null;
  endedAt: string | null;
  durationS: number | null;
}

export interface ModelCost {
  model: string;
  calls: number;
  costUsd: number;
  share: number;
  unpricedCalls: number;
}

export interface ToolCost {
  tool: string;
  calls: number;
  errors: number;
  /** Attributed, not measured: the requesting LLM call's cost split evenly over its tool calls. */
  attributedUsd: number;
}

export interface CardStep {
  /** `<session ref>#<seq>`: which session of the tree, which step. */
  ref: string;
  kind: string;
  model: string | null;
  tool: string | null;
  tokens: { input: number; output: number; cacheRead: number; cacheWrite: number };
  costUsd: number;
  share: number;
  flags: string[];
}

export interface CardSubagent {
  ref: string | null;
  /** The spawn call: `<parent session ref>#<seq>`. */
  spawn: string;
  label: string | null;
  depth: number;
  status: string;
  agent: string | null;
  costUsd: number;
  ownCostUsd: number;
  llmCalls: number;
  errors: number;
  /** Heuristic (use-score.ts): share of the sub-agent's new result tokens the parent reused. */
  useScore: number | null;
}

export interface CardFailure {
  kind: string;
  tool: string | null;
  model: string | null;
  error: string;
  count: number;
  /** `<session ref>#<seq>` of the first occurrence. */
  first: string;
  /** How many were followed by another call of the same tool (any LLM call for model errors). */
  retried: number;
  /** How many of those next calls succeeded. */
  recovered: number;
}

export interface CardFailures {
  /** The session's last LLM call succeeded (it did not end on the error). */
  sessionRecovered: boolean | null;
  items: CardFailure[];
}

export interface RedundancyKindTotal {
  kind: string;
  count: number;
  wastedUsd: number;
  wastedTokens: number;
  wastedMs: number;
}

export interface RedundancyFinding {
  kind: string;
  tool: string | null;
  target: string | null;
  /** The call that was repeated. */
  original: string;
  repeats: number;
  wastedUsd: number;
}

export interface CardRedundancy {
  findings: number;
  wastedUsd: number;
  byKind: RedundancyKindTotal[];
  top: RedundancyFinding[];
}

export interface CardProvenance {
  priceVersions: string[];
  costSources: { reported: number; computed: number; override: number; unpriced: number };
  unpriced: { calls: number; tokens: number };
  heuristic: string[];
  notes: string[];
}

/**
 * Ways the budget shortens a card beyond cutting rows (budget.ts): `previews` clips free text
 * (task, labels, error messages, redundancy targets) shorter; `details` leaves secondary figures
 * out of the YAML (a top step's token breakdown, wasted tokens and ms per redundancy kind).
 */
export type Compaction = 'previews' | 'details';

export interface CardTruncation {
  budgetTokens: number;
  cardTokens: number;
  /** The card is still over its budget with everything cut that may be cut. */
  overBudget: boolean;
  /** Per cut section: rows shown and rows there were. */
  rowsShown: Array<{ section: ListSection; shown: number; of: number }>;
  /** Compactions applied, in the order they were applied. */
  compacted: Compaction[];
}

export interface TraceCard {
  cardVersion: number;
  session: CardHeader;
  totals: { own: ScopeTotals; inclusive: InclusiveTotals };
  topSteps: CardStep[];
  subagents: CardSubagent[];
  failures: CardFailures;
  redundancy: CardRedundancy;
  costByModel: ModelCost[];
  costByTool: ToolCost[];
  provenance: CardProvenance;
  truncated?: CardTruncation;
}

/** The list sections the budget may shorten, and how many rows each had before any cut. */
export type ListSection = 'topSteps' | 'subagents' | 'failures' | 'redundancy' | 'costByModel' | 'costByTool';
export type SectionCounts = Record<ListSection, number>;

export interface CompiledCard {
  card: TraceCard;
  /** Rows each list section had before compile-time caps and budget cuts. */
  fullCounts: SectionCounts;
}
