// Repository: cost rollups. Dimensions come from an allowlist and travel as parameters.
import { int, type Graph } from './driver.ts';
import { forEachChunk } from './parallel.ts';

export const LLM_DIMENSIONS = ['model', 'provider', 'agent', 'skill', 'session', 'source', 'day', 'week', 'hour'] as const;
export type LlmDimension = (typeof LLM_DIMENSIONS)[number];
export const ROLLUP_DIMENSIONS = [...LLM_DIMENSIONS, 'tool'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

export interface RollupFilter {
  from?: string | null;
  to?: string | null;
  agentId?: string | null;
  skill?: string | null;
  source?: string | null;
  sessionIds?: string[] | null;
}

export interface RollupRow {
  key1: string | null;
  key2: string | null;
  costUsd: number;
  llmCalls: number;
  toolCalls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  unpricedCalls: number;
  unpricedTokens: number;
  sessions: number;
  durationMs: number;
  /** `attributed` for tool rows (the requesting LLM call's cost split over its tool calls). */
  costBasis: 'own' | 'attributed';
}

function filterParams(filter: RollupFilter) {
  return {
    from: filter.from ?? null,
    to: filter.to ?? null,
    agentId: filter.agentId ?? null,
    skill: filter.skill ?? null,
    source: filter.source ?? null,
    sessionIds: filter.sessionIds ?? null,
  };
}

/** `YYYY-MM-DDTHH` of a stored instant that falls on a whole hour (`…:00:00.000Z`), else null. */
function wholeHour(instant: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/.test(instant) ? instant.slice(0, 13) : null;
}

/**
 * The hour prefixes to filter usage cells by, or null when the time range cuts through an hour:
 * cells sum a whole hour, so only then must the rollup read the LLM spans themselves. Instants
 * are stored as `toISOString()` strings, so for a whole-hour bound H, `startedAt >= H` holds
 * exactly when the span's hour prefix is >= H's (and likewise for `<`).
 */
export function hourBounds(filter: RollupFilter): { fromHour: string | null; toHour: string | null } | null {
  const fromHour = filter.from ? wholeHour(filter.from) : null;
  const toHour = filter.to ? wholeHour(filter.to) : null;
  if ((filter.from && !fromHour) || (filter.to && !toHour)) return null;
  return { fromHour, toHour };
}

/** Rebuilds the usage cells (rollup/refresh-usage-cells) of the given sessions. */
export async function refreshUsageCells(graph: Graph, projectId: string, sessionIds: string[]): Promise<void> {
  await forEachChunk(sessionIds, 200, (chunk) => graph.write('rollup/refresh-usage-cells', { projectId, sessionIds: chunk }));
}

export function isRollupDimension(value: string): value is RollupDimension {
  return (ROLLUP_DIMENSIONS as readonly string[]).includes(value);
}

/**
 * A row's keys under the names of its dimensions (`{ day: key1, model: key2 }` for groupBy day,model),
 * so that notebooks and BI tools get columns named for what they hold.
 */
export function namedKeys(groupBy: readonly RollupDimension[], row: Pick<RollupRow, 'key1' | 'key2'>): Partial<Record<RollupDimension, string | null>> {
  const named: Partial<Record<RollupDimension, string | null>> = {};
  groupBy.forEach((dim, i) => {
    named[dim] = i === 0 ? row.key1 : row.key2;
  });
  return named;
}

/** Cost rows grouped by up to two dimensions (`tool` only as the first). */
export async function costRollup(
  graph: Graph,
  projectId: string,
  groupBy: RollupDimension[],
  filter: RollupFilter = {},
): Promise<RollupRow[]> {
  if (groupBy.length < 1 || groupBy.length > 2) throw new RangeError('groupBy takes one or two dimensions');
  const [dim1, dim2 = 'none'] = groupBy;
  if (groupBy.slice(1).includes('tool')) throw new RangeError('`tool` can only be the first groupBy dimension');
  // Whole-hour ranges read the materialised usage cells; others the spans (see hourBounds).
  const cells = hourBounds(filter);
  if (dim1 === 'tool') {
    const rows = cells
      ? await graph.read('rollup/cost-by-tool-cells', { projectId, dim2, ...filterParams(filter), ...cells })
      : await graph.read('rollup/cost-by-tool', { projectId, dim2, ...filterParams(filter) });
    return rows.map((r) => ({
      key1: (r.key1 as string | null) ?? null,
      key2: (r.key2 as string | null) ?? null,
      costUsd: Number(r.attributedCostUsd),
      llmCalls: 0,
      toolCalls: Number(r.calls),
      errors: Number(r.errors),
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      unpricedCalls: 0,
      unpricedTokens: 0,
      sessions: Number(r.sessions),
      durationMs: Number(r.durationMs),
      costBasis: 'attributed',
    }));
  }
  const rows = cells
    ? await graph.read('rollup/cost-by-cells', { projectId, dim1, dim2, ...filterParams(filter), ...cells })
    : await graph.read('rollup/cost-by', { projectId, dim1, dim2, ...filterParams(filter) });
  return rows.map((r) => ({
    key1: (r.key1 as string | null) ?? null,
    key2: (r.key2 as string | null) ?? null,
    costUsd: Number(r.costUsd),
    llmCalls: Number(r.llmCalls),
    toolCalls: 0,
    errors: Number(r.errors),
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    cacheReadTokens: Number(r.cacheReadTokens),
    cacheWriteTokens: Number(r.cacheWriteTokens),
    unpricedCalls: Number(r.unpricedCalls),
    unpricedTokens: Number(r.unpricedTokens),
    sessions: Number(r.sessions),
    durationMs: Number(r.durationMs),
    costBasis: 'own',
  }));
}

export interface SpanCost {
  spanId: string;
  ownCostUsd: number | null;
  inclusiveCostUsd: number;
  unpricedDescendants: number;
}

export async function spanCosts(graph: Graph, projectId: string, sessionId: string): Promise<SpanCost[]> {
  const rows = await graph.read('rollup/span-costs', { projectId, sessionId });
  return rows.map((r) => ({
    spanId: String(r.spanId),
    ownCostUsd: r.ownCostUsd === null ? null : Number(r.ownCostUsd),
    inclusiveCostUsd: Number(r.inclusiveCostUsd),
    unpricedDescendants: Number(r.unpricedDescendants),
  }));
}

/** Own and inclusive cost of the given spans (any sessions), for paged views. */
export async function spanCostsByIds(graph: Graph, projectId: string, spanIds: readonly string[]): Promise<SpanCost[]> {
  const rows = await graph.read('rollup/span-costs-by-ids', { projectId, spanIds: [...spanIds] });
  return rows.map((r) => ({
    spanId: String(r.spanId),
    ownCostUsd: r.ownCostUsd === null ? null : Number(r.ownCostUsd),
    inclusiveCostUsd: Number(r.inclusiveCostUsd),
    unpricedDescendants: Number(r.unpricedDescendants),
  }));
}

export interface TopStep {
  spanId: string;
  sessionId: string;
  kind: string;
  name: string;
  model: string | null;
  toolName: string | null;
  costUsd: number;
  share: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  status: string;
  seq: number;
}

export async function topSteps(graph: Graph, projectId: string, sessionId: string, limit = 10): Promise<TopStep[]> {
  const rows = await graph.read('rollup/top-steps', { projectId, sessionId, limit: int(limit) });
  return rows as unknown as TopStep[];
}
