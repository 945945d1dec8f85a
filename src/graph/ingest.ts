// Repository: writes prepared ingest batches with UNWIND, nodes before edges, in chunks, and marks
// the touched sessions dirty; `finaliseSessions` recomputes a session's derived data (span order,
// aggregate pricing, usage cells, cost rollups, redundancy) from its spans. The finaliser
// (src/graph/finaliser.ts) decides when. Idempotent: every write is a MERGE on a stable id, and
// derived data is recomputed, never accumulated, so any arrival order gives the same graph.
import type { PreparedBatch, SessionRow, SpanRow } from '../ingest/prepare.ts';
import { int, type Graph, type Params } from './driver.ts';
import { chunks, forEachChunk } from './parallel.ts';
import { materialiseRedundancy } from './redundancy.ts';
import { refreshUsageCells } from './rollups.ts';
import { refreshSessionInsights } from './session-insights.ts';

/** A trace's own session id is this + its trace id (see otelSessionId; TraceAlias in the model). */
const TRACE_SESSION_PREFIX = 'otel:';

/** Rows per UNWIND statement: large enough to amortise round trips, small enough for the heap. */
export const CHUNK_ROWS = 2500;
/** Sessions per finalisation transaction: small enough that two run side by side. */
const FINALISE_SESSIONS = 200;

const INTEGER_PROPS = new Set([
  'seq',
  'sourceSeq',
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

/**
 * Integers go to Cypher as INTEGER, not FLOAT (DESIGN §10). Session records may describe part of a
 * session, so their nulls are dropped and `+=` keeps stored values; a span is always sent whole,
 * so its nulls are kept and `+=` removes what an earlier version of the span had.
 */
function cypherProps(props: Record<string, unknown>, keepNulls = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (value === null) {
      if (keepNulls) out[key] = null;
      continue;
    }
    out[key] = INTEGER_PROPS.has(key) && typeof value === 'number' ? int(value) : value;
  }
  return out;
}

const sessionRow = (s: SessionRow) => ({ ...s, agentRank: int(s.agentRank), props: cypherProps(s.props) });
const spanRow = (s: SpanRow) => ({ id: s.id, sessionId: s.sessionId, props: cypherProps(s.props, true) });

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

export interface WriteOptions {
  /** Sessions not to mark dirty: the finaliser writing sessions it has claimed (events re-assembly). */
  claimed?: ReadonlySet<string>;
  /** The coalescing window the marks carry (see finaliser/mark-dirty); none by default. */
  window?: FinaliseWindow;
  /** Called after each slice is committed, with its span count (the import's progress). */
  onSlice?: (spans: number) => void;
}

/**
 * How long finalisation of a freshly written session waits for more of its burst (`settleMs`
 * after the latest write), and at most (`maxWaitMs` after the oldest unfinalised write).
 */
export interface FinaliseWindow {
  settleMs: number;
  maxWaitMs: number;
}

export const NO_WAIT: FinaliseWindow = { settleMs: 0, maxWaitMs: 0 };

/**
 * Cuts a batch into slices of at most CHUNK_ROWS spans (spans arrive grouped by session, so a
 * slice holds whole sessions but for the largest), each with the session rows, links and spawns
 * of its spans. Session rows without spans of their own go with the first slice.
 */
function slices(batch: PreparedBatch): PreparedBatch[] {
  if (batch.spans.length <= CHUNK_ROWS) return [batch];
  const sliceOfSpan = new Map<string, number>();
  batch.spans.forEach((span, i) => sliceOfSpan.set(span.id, Math.floor(i / CHUNK_ROWS)));
  const out: PreparedBatch[] = chunks(batch.spans, CHUNK_ROWS).map((spans) => ({
    sessions: [],
    spans,
    parents: [],
    models: [],
    tools: [],
    spawns: [],
    traceAliases: [],
    touchedSessionIds: [],
  }));
  out[0]!.traceAliases = batch.traceAliases;
  const sessionSlice = new Map<string, number>();
  for (const span of batch.spans) if (!sessionSlice.has(span.sessionId)) sessionSlice.set(span.sessionId, sliceOfSpan.get(span.id)!);
  for (const row of batch.sessions) out[sessionSlice.get(row.id) ?? 0]!.sessions.push(row);
  for (const row of batch.parents) out[sliceOfSpan.get(row.id)!]!.parents.push(row);
  for (const row of batch.models) out[sliceOfSpan.get(row.spanId)!]!.models.push(row);
  for (const row of batch.tools) out[sliceOfSpan.get(row.spanId)!]!.tools.push(row);
  for (const row of batch.spawns) out[sliceOfSpan.get(row.spanId) ?? 0]!.spawns.push(row);
  for (const slice of out) {
    const touched = new Set<string>([...slice.sessions.map((r) => r.id), ...slice.spans.map((r) => r.sessionId)]);
    for (const spawn of slice.spawns) {
      touched.add(spawn.parentSessionId);
      if (spawn.childSessionId) touched.add(spawn.childSessionId);
    }
    slice.touchedSessionIds = [...touched].sort();
  }
  return out;
}

/**
 * Writes a prepared batch. Each slice (up to CHUNK_ROWS spans) is ONE transaction: its sessions,
 * spans and raw edges, and the dirty marks of its sessions, so an acknowledged write is durable
 * and already queued for the finaliser, and a write that failed left nothing half-done. Nodes
 * before edges, so every edge query finds both ends (or completes a placeholder). Two slices are
 * written at a time.
 */
export async function writePreparedBatch(graph: Graph, projectId: string, batch: PreparedBatch, options: WriteOptions = {}): Promise<void> {
  await forEachChunk(slices(batch), 1, async ([slice]) => {
    await writeSlice(graph, projectId, slice!, options);
    options.onSlice?.(slice!.spans.length);
  });
}

async function writeSlice(graph: Graph, projectId: string, slice: PreparedBatch, options: WriteOptions): Promise<void> {
  const now = int(Date.now());
  const window = options.window ?? NO_WAIT;
  const steps: Array<{ name: string; params: Params }> = [];
  const add = (name: string, rows: unknown[], extra: Params = {}) => {
    if (rows.length > 0) steps.push({ name, params: { projectId, rows, now, ...extra } });
  };
  add('ingest/upsert-sessions', slice.sessions.map(sessionRow));
  const spanSessions = [...new Set(slice.spans.map((s) => s.sessionId))];
  if (spanSessions.length) steps.push({ name: 'ingest/ensure-sessions', params: { projectId, sessionIds: spanSessions, now } });
  add('ingest/upsert-spans', slice.spans.map(spanRow));
  add('ingest/link-span-parents', slice.parents);
  add('ingest/link-span-models', groupSpanIds(slice.models, (r) => r.model));
  add('ingest/link-span-tools', groupSpanIds(slice.tools, (r) => r.toolName));
  add('ingest/link-spawns', slice.spawns);
  add('ingest/upsert-trace-aliases', slice.traceAliases.map((a) => ({ ...a, rank: int(a.rank) })));
  // Last, in the same transaction: a finaliser that claims these sessions sees every row above.
  const dirty = slice.touchedSessionIds.filter((id) => !options.claimed?.has(id));
  if (dirty.length) {
    steps.push({
      name: 'finaliser/mark-dirty',
      params: { projectId, sessionIds: dirty, now, settleMs: int(window.settleMs), maxWaitMs: int(window.maxWaitMs) },
    });
  }
  if (steps.length) await graph.writeAll(steps);
}

/** Marks sessions dirty (their derived data is stale): the finaliser will recompute them. */
export async function markSessionsDirty(graph: Graph, projectId: string, sessionIds: string[], window: FinaliseWindow = NO_WAIT): Promise<void> {
  for (const chunk of chunks(sessionIds, CHUNK_ROWS)) {
    await graph.write('finaliser/mark-dirty', {
      projectId,
      sessionIds: chunk,
      now: int(Date.now()),
      settleMs: int(window.settleMs),
      maxWaitMs: int(window.maxWaitMs),
    });
  }
}

/**
 * Recomputes the derived data of the given sessions from their spans: pending spawn links, span
 * order, aggregate pricing, usage cells, cost rollups (theirs and every session that spawned them:
 * a child's late arrival changes its parents' totals) and redundancy. Callers make sure no other
 * finalisation of the same sessions runs at once (claims in src/graph/finaliser.ts).
 */
export async function finaliseSessions(graph: Graph, projectId: string, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  const now = int(Date.now());
  // Spawns whose other end came in an earlier import/request are linked first, so the cost
  // rollups below already see the new SPAWNED edges.
  // Spans filed under their trace until a later request named its conversation move over first.
  await graph.write('finaliser/adopt-aliased-spans', { projectId, sessionIds, now, traceSessionPrefix: TRACE_SESSION_PREFIX });
  const linked = await graph.write('ingest/link-pending-spawns', { projectId });
  sessionIds = [...new Set([...sessionIds, ...linked.map((r) => String(r.parentSessionId))])];
  await forEachChunk(sessionIds, FINALISE_SESSIONS, (chunk) =>
    graph.writeAll([
      { name: 'ingest/relink-next', params: { projectId, sessionIds: chunk } },
      { name: 'finaliser/reprice-aggregates', params: { projectId, sessionIds: chunk } },
      { name: 'finaliser/span-bounds', params: { projectId, sessionIds: chunk } },
    ]),
  );
  // Only the touched sessions' spans changed; their ancestors' cells hold their own spans.
  await refreshUsageCells(graph, projectId, sessionIds);
  const ancestors = await graph.read('rollup/session-ancestors', { projectId, sessionIds });
  const all = [...new Set([...sessionIds, ...ancestors.map((r) => String(r.id))])];
  // A child that arrived after its parent turns the parent's spawn from missing to linked.
  await forEachChunk(all, FINALISE_SESSIONS, (chunk) => graph.write('finaliser/spawn-status', { projectId, sessionIds: chunk }));
  // Children before parents is not needed: totals are computed over the whole spawn tree at once.
  await forEachChunk(all, FINALISE_SESSIONS, (chunk) => graph.write('rollup/refresh-session-costs', { projectId, sessionIds: chunk, now }));
  // After the cost refresh: the waste of a duplicate sub-agent is its child's total cost.
  await materialiseRedundancy(graph, projectId, all);
  // Skills used, recurring-task cohorts and inferred outcomes, from the spans just written.
  await refreshSessionInsights(graph, projectId, all);
}
