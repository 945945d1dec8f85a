// The end of `clawtrace import`: where to look next. The most expensive sessions the import wrote
// (inclusive of their sub-agents, read back from the graph), each with a ref `clawtrace card`
// takes, and the explorer link to the first — so a new user goes from import to a session.
import { LOCAL_PROJECT } from '../api/context.ts';
import type { Graph } from '../graph/driver.ts';
import { listSessions, type SessionNode } from '../graph/sessions.ts';
import { sessionUrl } from './explorer-link.ts';
import { COLUMNS, lowerBoundNote, sessionRows, type SessionRow } from './session-columns.ts';
import { renderTable } from './table.ts';

export const TOP_SESSIONS = 5;

/**
 * The import's most expensive sessions: those not spawned by another session (a sub-agent's cost
 * is already in its parent's inclusive total), dearest first; sub-agents only when the import
 * wrote nothing else. Sessions that cost nothing are left out while any costs something.
 */
export async function readTopSessions(graph: Graph, projectId: string, sessionIds: readonly string[]): Promise<SessionNode[]> {
  const ids = [...new Set(sessionIds)];
  if (ids.length === 0) return [];
  const dearest = async (rootOnly: boolean) =>
    (await listSessions(graph, projectId, { ids, rootOnly }, { field: 'totalCostUsd', descending: true }, TOP_SESSIONS, null)).map(
      (r) => r.session,
    );
  const roots = await dearest(true);
  const sessions = roots.length ? roots : await dearest(false);
  return sessions.some((s) => s.totalCostUsd > 0) ? sessions.filter((s) => s.totalCostUsd > 0) : sessions;
}

export interface TopSessionsReport {
  sessions: Array<SessionRow & { url: string }>;
  /** The explorer's session page of the dearest session, or its home page when there is none. */
  explorerUrl: string;
  /** Whether an engine answered at the configured address when the import ended. */
  engineRunning: boolean;
}

export function topSessionsReport(sessions: readonly SessionNode[], base: string, engineRunning: boolean): TopSessionsReport {
  const rows = sessionRows(sessions).map((row) => ({ ...row, url: sessionUrl(base, row.id) }));
  return { sessions: rows, explorerUrl: rows[0]?.url ?? `${base}/ui`, engineRunning };
}

const INDENT = '  ';

/** The lines that close the text summary; `width` is the terminal's. */
export function formatTopSessions(top: TopSessionsReport, projectId: string, width = 80): string[] {
  if (top.sessions.length === 0) return [];
  const project = projectId === LOCAL_PROJECT ? '' : ` --project ${projectId}`;
  const table = renderTable([COLUMNS.ref, COLUMNS.cost, COLUMNS.agent, COLUMNS.title], top.sessions, width - INDENT.length);
  const note = lowerBoundNote(top.sessions);
  const lines = [
    `Most expensive sessions (inclusive of their sub-agents):`,
    ...table.map((line) => INDENT + line),
    ...(note ? [INDENT + note] : []),
    `${INDENT}card:     clawtrace card ${top.sessions[0]!.ref}${project}`,
    `${INDENT}all:      clawtrace sessions --sort cost${project}`,
    `${INDENT}explorer: ${top.explorerUrl}`,
  ];
  if (!top.engineRunning) lines.push(`${INDENT}          (the engine is not running: start it with npm start)`);
  if (project) lines.push(`${INDENT}          (project ${projectId}: the explorer needs an API key of that project)`);
  return lines;
}
