// Repository: what a session reference typed at the CLI can mean (cypher/session/resolve-ref). An
// exact id, external id or nested-id segment wins over prefixes; a cut list says how many matched,
// so the CLI can tell "these are all the candidates" from "these are the first of many".
import { int, type Graph } from './driver.ts';
import { toSessionNode, type SessionNode } from './sessions.ts';

export interface SessionRefMatches {
  /** The sessions the reference means: the exact matches when there are any, else every prefix match (up to the limit). */
  sessions: SessionNode[];
  /** How many sessions matched in all (exact and prefix). */
  total: number;
  exact: boolean;
}

export async function resolveSessionRef(graph: Graph, projectId: string, ref: string, limit = 50): Promise<SessionRefMatches> {
  const [row] = await graph.read('session/resolve-ref', { projectId, ref, segment: `:${ref}`, limit: int(limit) });
  const matches = ((row?.sessions as Array<Record<string, unknown>> | undefined) ?? []).map((props) => ({
    exact: props.exact === true,
    session: toSessionNode(props),
  }));
  const exact = matches.filter((m) => m.exact);
  if (exact.length) return { sessions: exact.map((m) => m.session), total: exact.length, exact: true };
  return { sessions: matches.map((m) => m.session), total: Number(row?.total ?? 0), exact: false };
}
