// Repository: writes prepared ingest batches with UNWIND, nodes before edges, in chunks, then
// finalises the touched sessions (span order, cost rollups). Idempotent: every write is a MERGE on
// a stable id, so re-sending a batch changes nothing.
import type { PreparedBatch, SessionRow, SpanRow } from '../ingest/prepare.ts';
import { int, type Graph, type Params } from './driver.ts';
import { chunks, forEachChunk } from './parallel.ts';
import { materialiseRedundancy } from './redundancy.ts';
import { refreshUsageCells } from './rollups.ts';
import { refreshSessionInsights } from './session-insights.ts';

/** Rows per UNWIND statement: large enough to amortise round trips, small enough for the heap. */
export const CHUNK_ROWS = 2500;
/** Sessions per finalisation transaction: small enough that two run side by side. */
const FINALISE_SESSIONS = 200;

const INTEGER_PROPS = new Set([
  'seq',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'cacheWrite1hTokens',
  'reasoningTokens',
  'aggInputTokens',
  'aggOutputTokens',
  'aggCacheReadTokens',
  'aggCacheWriteTokens',
  'aggCacheWrite1hTokens',
  'aggReasoningTokens',
  'resultChars',
]);

/** Integers go to Cypher as INTEGER, not FLOAT (DESIGN §10); nulls are dropped so `+=` keeps old values. */
function cypherProps(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined) continue;
    out[key] = INTEGER_PROPS.has(key) && typeof value === 'number' ? int(value) : value;
  }
  return out;
}

/**
 * Writes rows in chunks, two transactions at a time. Rows arrive grouped by session, so
 * concurrent chunks touch different nodes except at their borders (a lock wait, or a deadlock
 * that executeWrite retries).
 */
async function writeChunked(graph: Graph, name: string, projectId: string, rows: unknown[], size = CHUNK_ROWS): Promise<void> {
  await forEachChunk(rows, size, (chunk) => graph.write(name, { projectId, rows: chunk } satisfies Params));
}

const sessionRow = (s: SessionRow) => ({ ...s, props: cypherProps(s.props) });
const spanRow = (s: SpanRow) => ({ id: s.id, sessionId: s.sessionId, props: cypherProps(s.props) });

/** Groups link rows by their target node, so each Model/Tool node is merged once per batch. */
function groupSpanIds<T extends { spanId: string }>(rows: T[], key: (row: T) => string): Array<T & { spanIds: string[] }> {
  const groups = new Map<string, T & { spanIds: string[] }>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.spanIds.push(row.spanId);
    else groups.set(k, { ...row, spanIds: [row.spanId] });
  }
  return [...groups.values()];
}

export async function writePreparedBatch(graph: Graph, projectId: string, batch: PreparedBatch): Promise<void> {
  // Nodes first, so every edge query finds both ends (or completes a placeholder).
  await writeChunked(graph, 'ingest/upsert-sessions', projectId, batch.sessions.map(sessionRow));
  const spanSessions = [...new Set(batch.spans.map((s) => s.sessionId))];
  for (const chunk of chunks(spanSessions, CHUNK_ROWS)) await graph.write('ingest/ensure-sessions', { projectId, sessionIds: chunk });
  await writeChunked(graph, 'ingest/upsert-spans', projectId, batch.spans.map(spanRow));
  await writeChunked(graph, 'ingest/link-span-parents', projectId, batch.parents);
  await writeChunked(graph, 'ingest/link-span-models', projectId, groupSpanIds(batch.models, (r) => r.model), 50);
  await writeChunked(graph, 'ingest/link-span-tools', projectId, groupSpanIds(batch.tools, (r) => r.toolName), 50);
  await writeChunked(graph, 'ingest/link-spawns', projectId, batch.spawns);
}

/**
 * Rebuilds span order, usage cells and cost rollups of the touched sessions and of every session that spawned
 * them (a child's late arrival changes its parents' totals).
 */
export async function finaliseSessions(graph: Graph, projectId: string, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  // Spawns whose other end came in an earlier import/request are linked first, so the cost
  // rollups below already see the new SPAWNED edges.
  const linked = await graph.write('ingest/link-pending-spawns', { projectId });
  sessionIds = [...new Set([...sessionIds, ...linked.map((r) => String(r.parentSessionId))])];
  await forEachChunk(sessionIds, FINALISE_SESSIONS, (chunk) => graph.write('ingest/relink-next', { projectId, sessionIds: chunk }));
  // Only the touched sessions' spans changed; their ancestors' cells hold their own spans.
  await refreshUsageCells(graph, projectId, sessionIds);
  const ancestors = await graph.read('rollup/session-ancestors', { projectId, sessionIds });
  const all = [...new Set([...sessionIds, ...ancestors.map((r) => String(r.id))])];
  // Children before parents is not needed: totals are computed over the whole spawn tree at once.
  await forEachChunk(all, FINALISE_SESSIONS, (chunk) => graph.write('rollup/refresh-session-costs', { projectId, sessionIds: chunk }));
  // After the cost refresh: the waste of a duplicate sub-agent is its child's total cost.
  await materialiseRedundancy(graph, projectId, all);
  // Skills used, recurring-task cohorts and inferred outcomes, from the spans just written.
  await refreshSessionInsights(graph, projectId, all);
}
