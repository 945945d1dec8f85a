// Repository: what the alert evaluation reads of the session trees just finalised (members,
// priced spans, findings, period spend), firing alerts exactly once (alerts/fire), and listing them.
import type { Alert, StateCrossings } from '../alerts/types.ts';
import type { FindingRow } from '../alerts/waste-runs.ts';
import { int, type Graph } from './driver.ts';
import { numberOrNull, stringOrNull } from './props.ts';

export interface TreeMember {
  rootId: string;
  rootTotalCostUsd: number;
  sessionId: string;
  agentId: string | null;
  skills: string[];
}

export interface TreeSpan {
  rootId: string;
  spanId: string;
  sessionId: string;
  startedAt: string | null;
  endedAt: string | null;
  costUsd: number;
}

/** The roots of the trees the given sessions belong to (a root is a session no span spawned). */
export async function treeRoots(graph: Graph, projectId: string, sessionIds: string[]): Promise<string[]> {
  const rows = await graph.read('redundancy/tree-roots', { projectId, sessionIds });
  return rows.map((r) => String(r.rootId));
}

export async function treeMembers(graph: Graph, projectId: string, rootIds: string[]): Promise<TreeMember[]> {
  const rows = await graph.read('alerts/tree-sessions', { projectId, rootIds });
  return rows.map((r) => ({
    rootId: String(r.rootId),
    rootTotalCostUsd: Number(r.rootTotalCostUsd ?? 0),
    sessionId: String(r.sessionId),
    agentId: (r.agentId as string | null) ?? null,
    skills: (r.skills as string[]) ?? [],
  }));
}

/** Epoch-ms ISO strings of each tree's latest activity. */
export async function treeActivity(graph: Graph, projectId: string, rootIds: string[]): Promise<Map<string, string | null>> {
  const rows = await graph.read('alerts/tree-activity', { projectId, rootIds });
  return new Map(rows.map((r) => [String(r.rootId), (r.lastActivity as string | null) ?? null]));
}

export async function treeSpans(graph: Graph, projectId: string, rootIds: string[]): Promise<TreeSpan[]> {
  const rows = await graph.read('alerts/tree-spans', { projectId, rootIds });
  return rows.map((r) => ({
    rootId: String(r.rootId),
    spanId: String(r.spanId),
    sessionId: String(r.sessionId),
    startedAt: (r.startedAt as string | null) ?? null,
    endedAt: (r.endedAt as string | null) ?? null,
    costUsd: Number(r.costUsd),
  }));
}

export async function treeFindings(graph: Graph, projectId: string, rootIds: string[], kinds: string[]): Promise<Array<FindingRow & { rootId: string }>> {
  const rows = await graph.read('alerts/tree-findings', { projectId, rootIds, kinds });
  return rows.map((r) => ({
    rootId: String(r.rootId),
    kind: r.kind as FindingRow['kind'],
    sessionId: String(r.sessionId),
    spanId: String(r.spanId),
    repeatsSpanId: String(r.repeatsSpanId),
    startedAt: (r.startedAt as string | null) ?? null,
    endedAt: (r.endedAt as string | null) ?? null,
    repeatsStartedAt: (r.repeatsStartedAt as string | null) ?? null,
    wastedUsd: (r.wastedUsd as number | null) ?? null,
  }));
}

/** LLM spend from `fromHour` ('YYYY-MM-DDTHH') on, of the project, one agent or one skill. */
export async function periodSpend(graph: Graph, projectId: string, fromHour: string, scope: string, scopeValue: string | null): Promise<number> {
  const [row] = await graph.read('alerts/period-spend', { projectId, fromHour, scope, scopeValue });
  return Number(row?.spentUsd ?? 0);
}

/** Stores the crossings that are due (see alerts/fire) and returns the alerts that fired now. */
export async function fireAlerts(graph: Graph, projectId: string, states: StateCrossings[], nowMs = Date.now()): Promise<Alert[]> {
  if (states.length === 0) return [];
  const rows = await graph.write('alerts/fire', {
    projectId,
    states: states.map((s) => ({
      key: s.key,
      cooldownMs: s.cooldownMs === null ? null : int(s.cooldownMs),
      crossings: s.crossings.map((c) => ({ atMs: int(c.atMs), alert: c.alert })),
    })),
    firedAt: new Date(nowMs).toISOString(),
    firedAtMs: int(nowMs),
  });
  return rows.map((r) => toAlert(r.alert as Record<string, unknown>));
}

export interface AlertFilter {
  /** Alerts of these sessions (a session tree). */
  sessionIds?: string[] | null;
  kind?: string | null;
  level?: string | null;
  sinceMs?: number | null;
}

export async function listAlerts(
  graph: Graph,
  projectId: string,
  filter: AlertFilter,
  page: { limit: number; after?: { firedAtMs: number; id: string } | null },
): Promise<Alert[]> {
  const rows = await graph.read('alerts/list', {
    projectId,
    ...filterParams(filter),
    afterMs: page.after ? int(page.after.firedAtMs) : null,
    afterId: page.after?.id ?? null,
    limit: int(page.limit),
  });
  return rows.map((r) => toAlert(r.alert as Record<string, unknown>));
}

export async function countAlerts(graph: Graph, projectId: string, filter: AlertFilter): Promise<number> {
  const [row] = await graph.read('alerts/count', { projectId, ...filterParams(filter) });
  return Number(row?.total ?? 0);
}

function filterParams(filter: AlertFilter) {
  return {
    sessionIds: filter.sessionIds ?? null,
    kind: filter.kind ?? null,
    level: filter.level ?? null,
    sinceMs: filter.sinceMs == null ? null : int(filter.sinceMs),
  };
}

export interface SessionTree {
  rootId: string;
  rootTotalCostUsd: number | null;
  sessionIds: string[];
  agentId: string | null;
  skills: string[];
}

/** The tree a session belongs to, or null when the project has no such session. */
export async function treeOfSession(graph: Graph, projectId: string, sessionId: string): Promise<SessionTree | null> {
  const [row] = await graph.read('alerts/tree-of-session', { projectId, sessionId });
  if (!row) return null;
  const skills = [...((row.detectedSkills as string[]) ?? []), ...(row.skill ? [String(row.skill)] : [])];
  return {
    rootId: String(row.rootId),
    rootTotalCostUsd: (row.rootTotalCostUsd as number | null) ?? null,
    sessionIds: (row.sessionIds as string[]) ?? [],
    agentId: (row.agentId as string | null) ?? null,
    skills: [...new Set(skills)],
  };
}

/** Budget alerts of periods that started at or after `fromPeriod` (an ISO instant). */
export async function periodAlerts(graph: Graph, projectId: string, fromPeriod: string): Promise<Alert[]> {
  const rows = await graph.read('alerts/period-alerts', { projectId, fromPeriod });
  return rows.map((r) => toAlert(r.alert as Record<string, unknown>));
}

const str = stringOrNull;
const num = numberOrNull;

export function toAlert(p: Record<string, unknown>): Alert {
  return {
    id: String(p.id),
    key: String(p.key),
    kind: p.kind as Alert['kind'],
    level: p.level as Alert['level'],
    ruleId: String(p.ruleId),
    ruleName: String(p.ruleName),
    message: String(p.message),
    sessionId: str(p.sessionId),
    spanId: str(p.spanId),
    observedUsd: Number(p.observedUsd),
    thresholdUsd: num(p.thresholdUsd),
    periodStart: str(p.periodStart),
    findingKind: str(p.findingKind) as Alert['findingKind'],
    durationMinutes: num(p.durationMinutes),
    repeats: num(p.repeats),
    firedAt: String(p.firedAt),
    firedAtMs: Number(p.firedAtMs),
  };
}
