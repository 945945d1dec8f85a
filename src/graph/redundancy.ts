// Repository: redundant-call detection (DESIGN §7). Each finding kind is a named query in
// cypher/redundancy/ that materialises `(dup:Span)-[:REPEATS {kind, wastedUsd, wastedTokens,
// tokensEstimated, wastedMs}]->(original:Span)`; readers return typed findings and per-kind totals.
//
// Detection runs per session tree (a root session and its sub-agent sessions, at any depth): the
// same call made by a parent and by its sub-agent is a repeat too, and a child that arrives late
// can create or cancel findings anywhere in its tree. Each tree is cleared and recomputed in one
// transaction, so re-ingest never duplicates a finding and readers never see half a tree.
import { z } from 'zod';
import { FINDING_KINDS, type FindingKind } from '../domain/redundancy/kinds.ts';
import { FINISHED_PATTERN, MIN_WAIT_SECONDS, WAITING_PATTERN } from '../domain/redundancy/polling.ts';
import { int, type Graph } from './driver.ts';
import { forEachChunk } from './parallel.ts';

/**
 * Detection order matters: each query skips spans that already have a REPEATS edge, so a span is
 * one finding at most. poll_loop comes first: a check repeated while a state is awaited is never
 * called a duplicate. exact_duplicate and failed_retry are disjoint (the original succeeded or
 * failed); reread only takes what they left. These four pair calls within one session; handoff
 * takes a session's first read of what another session of the tree read. LLM and sub-agent
 * findings are on other span kinds.
 */
const DETECTION_QUERIES = [
  'redundancy/poll-loops',
  'redundancy/exact-duplicates',
  'redundancy/failed-retries',
  'redundancy/rereads',
  'redundancy/handoffs',
  'redundancy/repeated-llm-requests',
  'redundancy/duplicate-subagents',
] as const;

/** Trees per transaction: a tree is a few thousand spans; keep each transaction bounded. */
const TREES_PER_TRANSACTION = 20;

/**
 * One redundant call. Waste (the same definitions as cypher/redundancy/measure-waste.cypher):
 * - `wastedUsd`: tool findings (exact_duplicate, reread, failed_retry, poll_loop, handoff) — a
 *   tool call has no token cost of its own, so it is charged its share of the LLM call that
 *   requested it (that call's cost divided by the number of tool calls in the response, as in the
 *   tool cost rollup): for a poll loop, the model turn spent waiting;
 *   repeated_llm_request — the repeated call's own cost; duplicate_subagent — the spawn call's
 *   share plus the child session tree's total cost. null when unknown (unpriced model, no
 *   requesting LLM call), never a silent $0.
 * - `wastedTokens`: tool findings — tokens the repeated result added to the context again,
 *   estimated as ceil(resultChars / 4) (`tokensEstimated`); poll_loop — the requesting turn's
 *   reported tokens, split like its cost (the estimate when unknown); repeated_llm_request — the call's
 *   reported input + output + cache tokens; duplicate_subagent — the child tree's reported LLM
 *   tokens (estimated from the spawn result when the child transcript is missing).
 * - `wastedMs`: the redundant span's duration; for a duplicate sub-agent, the child session's.
 */
export interface RedundancyFinding {
  kind: FindingKind;
  /** The redundant span. */
  spanId: string;
  /** The earlier span it repeats (REPEATS points at it). */
  repeatsSpanId: string;
  sessionId: string;
  repeatsSessionId: string;
  /** Tool findings and duplicate_subagent (`sessions_spawn`, `Task`, ...). */
  toolName: string | null;
  /** repeated_llm_request. */
  model: string | null;
  wastedUsd: number | null;
  wastedTokens: number;
  tokensEstimated: boolean;
  wastedMs: number;
  startedAt: string | null;
}

export interface RedundancyKindSummary {
  kind: FindingKind;
  findings: number;
  /** Sum over findings with a known cost. */
  wastedUsd: number;
  /** Findings whose wasted $ is unknown (not included in `wastedUsd`). */
  unpricedFindings: number;
  wastedTokens: number;
  /** Findings whose token figure is an estimate (tool results measured in characters). */
  estimatedTokenFindings: number;
  wastedMs: number;
}

const nullableString = z.string().nullable().default(null);

const FindingRowSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  spanId: z.string(),
  repeatsSpanId: z.string(),
  sessionId: z.string(),
  repeatsSessionId: z.string(),
  toolName: nullableString,
  model: nullableString,
  wastedUsd: z.number().nullable().default(null),
  wastedTokens: z.number().nullable().transform((n) => n ?? 0),
  tokensEstimated: z.boolean().nullable().transform((b) => b ?? false),
  wastedMs: z.number().nullable().transform((n) => n ?? 0),
  startedAt: nullableString,
});

const SummaryRowSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  findings: z.number(),
  wastedUsd: z.number(),
  unpricedFindings: z.number(),
  wastedTokens: z.number().nullable().transform((n) => n ?? 0),
  estimatedTokenFindings: z.number(),
  wastedMs: z.number().nullable().transform((n) => n ?? 0),
});

/**
 * Recomputes the REPEATS edges of the trees the given sessions belong to: stale edges are deleted,
 * every kind is detected in order, then the waste is measured. Run after cost rollups (the waste
 * of a duplicate sub-agent uses its child's total cost).
 */
export async function materialiseRedundancy(graph: Graph, projectId: string, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  const roots = await graph.read('redundancy/tree-roots', { projectId, sessionIds });
  const rootIds = roots.map((r) => String(r.rootId)).sort();
  // Trees are disjoint, so two transactions can work side by side.
  await forEachChunk(rootIds, TREES_PER_TRANSACTION, (chunk) => {
    const params = {
      projectId,
      rootIds: chunk,
      waitingPattern: WAITING_PATTERN,
      finishedPattern: FINISHED_PATTERN,
      minWaitSeconds: int(MIN_WAIT_SECONDS),
    };
    return graph.writeAll([
      { name: 'redundancy/lock-trees', params: { ...params, now: int(Date.now()) } },
      { name: 'redundancy/clear-repeats', params },
      ...DETECTION_QUERIES.map((name) => ({ name, params })),
      { name: 'redundancy/measure-waste', params },
    ]);
  });
}

export interface FindingFilter {
  /** Findings of this session and its sub-agent sessions; omitted = the whole project. */
  sessionId?: string;
  kind?: FindingKind;
  /** At most this many, the most wasteful first (default 100, capped at 10,000). */
  limit?: number;
}

export const MAX_FINDINGS = 10_000;

export async function redundancyFindings(graph: Graph, projectId: string, filter: FindingFilter = {}): Promise<RedundancyFinding[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 100), 0), MAX_FINDINGS);
  const params = { projectId, kind: filter.kind ?? null, limit: int(limit) };
  const rows = filter.sessionId
    ? await graph.read('redundancy/findings-in-tree', { ...params, sessionId: filter.sessionId })
    : await graph.read('redundancy/findings', params);
  return rows.map((row) => FindingRowSchema.parse(row));
}

/** Count and waste per kind for one session tree; kinds with no finding are left out. */
export async function redundancySummary(graph: Graph, projectId: string, sessionId: string): Promise<RedundancyKindSummary[]> {
  const rows = await graph.read('redundancy/summary', { projectId, sessionId });
  return rows.map((row) => SummaryRowSchema.parse(row));
}

/** A span as the detection rules see it (see src/domain/redundancy/state-change.ts). */
export interface TimelineSpan {
  spanId: string;
  sessionId: string;
  seq: number;
  startedAt: string | null;
  kind: string;
  toolName: string | null;
  toolCallId: string | null;
  model: string | null;
  argsHash: string | null;
  effect: string | null;
  resource: string | null;
  resultHash: string | null;
  status: string | null;
}

const TimelineRowSchema = z.object({
  spanId: z.string(),
  sessionId: z.string(),
  seq: z.number(),
  startedAt: nullableString,
  kind: z.string(),
  toolName: nullableString,
  toolCallId: nullableString,
  model: nullableString,
  argsHash: nullableString,
  effect: nullableString,
  resource: nullableString,
  resultHash: nullableString,
  status: nullableString,
});

/** The spans of a session tree in the order detection uses: the evidence behind findings. */
export async function redundancyTimeline(graph: Graph, projectId: string, sessionId: string): Promise<TimelineSpan[]> {
  const rows = await graph.read('redundancy/tree-timeline', { projectId, sessionId });
  return rows.map((row) => TimelineRowSchema.parse(row));
}
