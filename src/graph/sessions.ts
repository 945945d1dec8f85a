// Repository: sessions and spans for the read side (GraphQL, exports). Keyset pages, batch lookups
// for DataLoaders, and session deletion. Values stay in their stored form here (lower-case status,
// `claude-code` source); the API layer maps them to its enums.
import { int, type Graph, type Row } from './driver.ts';
import { drainDirtySessions } from './finaliser.ts';
import { markSessionsDirty } from './ingest.ts';

export interface SessionFilter {
  ids?: string[] | null;
  agentId?: string | null;
  skill?: string | null;
  source?: string | null;
  status?: string | null;
  role?: string | null;
  outcome?: string | null;
  /** Session start in [from, to): ISO-8601 strings, compared as stored. */
  from?: string | null;
  to?: string | null;
  minTotalCostUsd?: number | null;
  rootOnly?: boolean | null;
  hasErrors?: boolean | null;
  /** Text the session's task (its title) contains, case-insensitively. */
  search?: string | null;
  /** Lower-case text the session's task, agent id or name, key, skill or id contains (GraphQL `search`). */
  text?: string | null;
}

export const SESSION_ORDER_FIELDS = ['startedAt', 'totalCostUsd', 'ownCostUsd', 'spanCount'] as const;
export type SessionOrderField = (typeof SESSION_ORDER_FIELDS)[number];

export interface SessionOrder {
  field: SessionOrderField;
  descending: boolean;
}

/** The position after which a keyset page starts: the sort key and id of the last row seen. */
export interface Keyset<K> {
  key: K;
  id: string;
}

export interface SessionNode {
  id: string;
  source: string | null;
  externalId: string | null;
  agentId: string | null;
  agentName: string | null;
  sessionKey: string | null;
  task: string | null;
  skill: string | null;
  cwd: string | null;
  role: string;
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  outcome: string | null;
  /** Inferred from the session's own evidence (src/graph/session-insights.ts); a recorded outcome overrides it. */
  inferredOutcome: { result: string; confidence: number; evidenceJson: string | null } | null;
  score: number | null;
  ownCostUsd: number;
  totalCostUsd: number;
  unpricedCalls: number;
  totalUnpricedCalls: number;
  /**
   * Sub-agent spawns anywhere in this session's tree whose child is not in the graph (`missing`,
   * or `pending`: no result yet), counted by the cost rollup. Above zero, totalCostUsd leaves
   * those children out: it is a lower bound.
   */
  missingSubagents: number;
  inclusiveIsLowerBound: boolean;
  spanCount: number;
  /** Written, not yet finalised: costs, order and findings may not include the latest spans. */
  pending: boolean;
  placeholder: boolean;
  parentSessionId: string | null;
  parentSpanId: string | null;
}

export interface SpanNode {
  id: string;
  sessionId: string;
  kind: string;
  name: string;
  seq: number;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  model: string | null;
  provider: string | null;
  toolName: string | null;
  toolCallId: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  costUsd: number | null;
  costSource: string | null;
  priceVersion: string | null;
  unpricedReason: string | null;
  status: string;
  errorMessage: string | null;
  argsCanonical: string | null;
  argsHash: string | null;
  resultHash: string | null;
  resultPreview: string | null;
  resultChars: number | null;
  textPreview: string | null;
  attributes: Record<string, unknown> | null;
  parentId: string | null;
  childIds: string[];
  spawnedSessionId: string | null;
  spawnStatus: string | null;
}

type Props = Record<string, unknown>;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function durationBetween(startedAt: string | null, endedAt: string | null): number | null {
  if (!startedAt || !endedAt) return null;
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

export function toSessionNode(p: Props): SessionNode {
  const startedAt = str(p.startedAt);
  const endedAt = str(p.endedAt);
  return {
    id: String(p.id),
    source: str(p.source),
    externalId: str(p.externalId),
    agentId: str(p.agentId),
    agentName: str(p.agentName),
    sessionKey: str(p.sessionKey),
    task: str(p.task),
    skill: str(p.skill),
    cwd: str(p.cwd),
    role: str(p.role) ?? 'main',
    status: str(p.status) ?? 'open',
    startedAt,
    endedAt,
    durationMs: durationBetween(startedAt, endedAt),
    outcome: str(p.outcome),
    inferredOutcome:
      p.inferredOutcome === null || p.inferredOutcome === undefined
        ? null
        : { result: String(p.inferredOutcome), confidence: Number(p.inferredConfidence ?? 0), evidenceJson: str(p.inferredEvidenceJson) },
    score: num(p.score),
    ownCostUsd: num(p.ownCostUsd) ?? 0,
    totalCostUsd: num(p.totalCostUsd) ?? 0,
    unpricedCalls: num(p.unpricedCalls) ?? 0,
    totalUnpricedCalls: num(p.totalUnpricedCalls) ?? 0,
    // Absent on sessions rolled up before the count existed and never since: the schema upgrade
    // (migrations.ts) counts those that have one, so absent means none.
    missingSubagents: num(p.missingSubagents) ?? 0,
    inclusiveIsLowerBound: (num(p.missingSubagents) ?? 0) > 0,
    spanCount: num(p.spanCount) ?? 0,
    pending: p.pending === true,
    placeholder: p.placeholder === true,
    parentSessionId: str(p.parentSessionId),
    parentSpanId: str(p.parentSpanId),
  };
}

/** Attributes are stored as a JSON string (Neo4j properties cannot hold maps). */
function parseAttributes(json: unknown): Record<string, unknown> | null {
  if (typeof json !== 'string') return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function toSpanNode(p: Props): SpanNode {
  return {
    id: String(p.id),
    sessionId: String(p.sessionId),
    kind: str(p.kind) ?? 'OTHER',
    name: str(p.name) ?? '',
    seq: num(p.seq) ?? 0,
    startedAt: str(p.startedAt),
    endedAt: str(p.endedAt),
    durationMs: num(p.durationMs),
    model: str(p.model),
    provider: str(p.provider),
    toolName: str(p.toolName),
    toolCallId: str(p.toolCallId),
    inputTokens: num(p.inputTokens),
    outputTokens: num(p.outputTokens),
    cacheReadTokens: num(p.cacheReadTokens),
    cacheWriteTokens: num(p.cacheWriteTokens),
    reasoningTokens: num(p.reasoningTokens),
    costUsd: num(p.costUsd),
    costSource: str(p.costSource),
    priceVersion: str(p.priceVersion),
    unpricedReason: str(p.unpricedReason),
    status: str(p.status) ?? 'ok',
    errorMessage: str(p.errorMessage),
    argsCanonical: str(p.argsCanonical),
    argsHash: str(p.argsHash),
    resultHash: str(p.resultHash),
    resultPreview: str(p.resultPreview),
    resultChars: num(p.resultChars),
    textPreview: str(p.textPreview),
    attributes: parseAttributes(p.attributesJson),
    parentId: str(p.parentId),
    childIds: Array.isArray(p.childIds) ? p.childIds.map(String) : [],
    spawnedSessionId: str(p.spawnedSessionId),
    spawnStatus: str(p.spawnStatus),
  };
}

function sessionFilterParams(filter: SessionFilter) {
  return {
    ids: filter.ids ?? null,
    agentId: filter.agentId ?? null,
    skill: filter.skill ?? null,
    source: filter.source ?? null,
    status: filter.status ?? null,
    role: filter.role ?? null,
    outcome: filter.outcome ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
    minTotalCostUsd: filter.minTotalCostUsd ?? null,
    rootOnly: filter.rootOnly ?? null,
    hasErrors: filter.hasErrors ?? null,
    search: filter.search ?? null,
    text: filter.text ?? null,
  };
}

/** Sort keys are strings (startedAt), floats (costs) or integers (spanCount): send them as such. */
function sortKeyParam(field: SessionOrderField, key: string | number): unknown {
  if (field === 'spanCount') return int(Number(key));
  if (field === 'startedAt') return String(key);
  return Number(key);
}

export interface SessionPageRow {
  session: SessionNode;
  sortKey: string | number;
}

/** Up to `limit` sessions after `after` in the given order. */
export async function listSessions(
  graph: Graph,
  projectId: string,
  filter: SessionFilter,
  order: SessionOrder,
  limit: number,
  after: Keyset<string | number> | null,
): Promise<SessionPageRow[]> {
  const rows = await graph.read('session/list', {
    projectId,
    ...sessionFilterParams(filter),
    orderField: order.field,
    descending: order.descending,
    afterKey: after ? sortKeyParam(order.field, after.key) : null,
    afterId: after?.id ?? null,
    limit: int(limit),
  });
  return rows.map((r) => ({ session: toSessionNode(r.session as Props), sortKey: r.sortKey as string | number }));
}

export async function countSessions(graph: Graph, projectId: string, filter: SessionFilter): Promise<number> {
  const [row] = await graph.read('session/count', { projectId, ...sessionFilterParams(filter) });
  return Number(row?.total ?? 0);
}

export async function sessionsByIds(graph: Graph, projectId: string, ids: readonly string[]): Promise<SessionNode[]> {
  const rows = await graph.read('session/by-ids', { projectId, ids: [...ids] });
  return rows.map((r) => toSessionNode(r.session as Props));
}

/** Sessions spawned by each given session, keyed by the parent's id. */
export async function childSessionsOf(graph: Graph, projectId: string, sessionIds: readonly string[]): Promise<Map<string, SessionNode[]>> {
  const rows = await graph.read('session/children', { projectId, sessionIds: [...sessionIds] });
  const out = new Map<string, SessionNode[]>();
  for (const r of rows) {
    const list = out.get(String(r.parentId)) ?? [];
    list.push(toSessionNode(r.session as Props));
    out.set(String(r.parentId), list);
  }
  return out;
}

export interface SpanFilter {
  kinds?: string[] | null;
  status?: string | null;
  toolName?: string | null;
  model?: string | null;
}

/** A span filter as the span-listing queries take it (absent = no filter). */
function spanFilterParams(filter: SpanFilter) {
  return { kinds: filter.kinds ?? null, status: filter.status ?? null, toolName: filter.toolName ?? null, model: filter.model ?? null };
}

export interface SpanPage {
  spans: SpanNode[];
  total: number;
}

/** One page of spans (seq order) for each session: same filter, size and cursor for all of them. */
export async function spanPages(
  graph: Graph,
  projectId: string,
  sessionIds: readonly string[],
  filter: SpanFilter,
  limit: number,
  after: Keyset<number> | null,
): Promise<Map<string, SpanPage>> {
  const rows = await graph.read('session/spans-page', {
    projectId,
    sessionIds: [...sessionIds],
    ...spanFilterParams(filter),
    afterSeq: after ? int(after.key) : null,
    afterId: after?.id ?? null,
    limit: int(limit),
  });
  return new Map(
    rows.map((r) => [String(r.sessionId), { total: Number(r.total), spans: (r.spans as Props[]).map(toSpanNode) }] as const),
  );
}

export async function spansByIds(graph: Graph, projectId: string, ids: readonly string[]): Promise<SpanNode[]> {
  const rows = await graph.read('session/spans-by-ids', { projectId, ids: [...ids] });
  return rows.map((r) => toSpanNode(r.span as Props));
}

export interface FailureFilter {
  session: SessionFilter;
  span: SpanFilter & { from?: string | null; to?: string | null };
}

function failureParams(projectId: string, filter: FailureFilter) {
  return {
    projectId,
    ...sessionFilterParams(filter.session),
    kinds: filter.span.kinds ?? null,
    toolName: filter.span.toolName ?? null,
    model: filter.span.model ?? null,
    spanFrom: filter.span.from ?? null,
    spanTo: filter.span.to ?? null,
  };
}

/** Failed spans, newest first, after the keyset (startedAt, id). */
export async function listFailures(
  graph: Graph,
  projectId: string,
  filter: FailureFilter,
  limit: number,
  after: Keyset<string> | null,
): Promise<Array<{ span: SpanNode; sortKey: string }>> {
  const rows = await graph.read('session/failures', {
    ...failureParams(projectId, filter),
    afterKey: after?.key ?? null,
    afterId: after?.id ?? null,
    limit: int(limit),
  });
  return rows.map((r: Row) => ({ span: toSpanNode(r.span as Props), sortKey: String(r.sortKey) }));
}

export async function countFailures(graph: Graph, projectId: string, filter: FailureFilter): Promise<number> {
  const [row] = await graph.read('session/failures-count', failureParams(projectId, filter));
  return Number(row?.total ?? 0);
}

export interface DeletedSessions {
  sessionIds: string[];
  spans: number;
  outcomes: number;
}

/**
 * Deletes a session (and, when asked, the sub-agent sessions it spawned), then refreshes the totals
 * of the sessions that spawned it, since their inclusive cost no longer includes it.
 * Returns null when the project has no such session.
 */
export async function deleteSession(
  graph: Graph,
  projectId: string,
  sessionId: string,
  options: { includeChildSessions?: boolean } = {},
): Promise<DeletedSessions | null> {
  const ancestors = await graph.read('rollup/session-ancestors', { projectId, sessionIds: [sessionId] });
  const [row] = await graph.write('session/delete', { projectId, sessionId, includeChildSessions: options.includeChildSessions ?? false });
  if (!row) return null;
  const deleted = { sessionIds: (row.sessionIds as unknown[]).map(String), spans: Number(row.spans), outcomes: Number(row.outcomes) };
  const survivors = ancestors.map((a) => String(a.id)).filter((id) => !deleted.sessionIds.includes(id));
  // The survivors' totals change: recomputed like any other dirty session, by one finaliser at a time.
  await markSessionsDirty(graph, projectId, survivors);
  await drainDirtySessions(graph, projectId);
  return deleted;
}

export interface ExportSpanPosition {
  index: number;
  seq: number;
  id: string;
}

/**
 * One page of the spans of `sessionIds` (in that order, then by seq) after `after`, for streaming
 * exports. Rows carry their position so the caller can continue from the last one.
 */
export async function spansOfSessionsPage(
  graph: Graph,
  projectId: string,
  sessionIds: readonly string[],
  filter: SpanFilter,
  limit: number,
  after: ExportSpanPosition | null,
): Promise<Array<{ span: SpanNode; position: ExportSpanPosition }>> {
  const rows = await graph.read('session/export-spans', {
    projectId,
    sessionIds: [...sessionIds],
    ...spanFilterParams(filter),
    afterIndex: int(after?.index ?? 0),
    afterSeq: int(after?.seq ?? -1),
    afterId: after?.id ?? null,
    limit: int(limit),
  });
  return rows.map((r) => {
    const span = toSpanNode(r.span as Props);
    return { span, position: { index: Number(r.i), seq: span.seq, id: span.id } };
  });
}
