// Repository: the sub-agent spawns whose child is not in the graph, below a session. The cost
// rollup counts them (Session.missingSubagents, so the inclusive total can say it is a lower
// bound); this lists them, for the API to say which children are missing.
import { int, type Graph } from './driver.ts';

/** Listed per session at most; the count on the session says how many there are in all. */
export const MISSING_SUBAGENTS_LISTED = 100;

export interface MissingSubagent {
  /** The session that made the spawn call (the session asked about, or one below it). */
  parentSessionId: string;
  /** The SUBAGENT span of the spawn call. */
  spanId: string;
  /** `missing` (accepted, no child transcript) or `pending` (no result recorded). */
  status: string;
  label: string | null;
  task: string | null;
  startedAt: string | null;
  /** The child's session id when the spawn named it (its placeholder), else null. */
  childSessionId: string | null;
  childSessionKey: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Per given session id: the unresolved spawns in its tree, in start order (ids absent: none). */
export async function missingSubagentsOf(graph: Graph, projectId: string, sessionIds: readonly string[]): Promise<Map<string, MissingSubagent[]>> {
  const out = new Map<string, MissingSubagent[]>();
  if (sessionIds.length === 0) return out;
  const rows = await graph.read('session/missing-subagents', { projectId, sessionIds: [...sessionIds], limit: int(MISSING_SUBAGENTS_LISTED) });
  for (const r of rows) {
    const rootId = String(r.rootId);
    const list = out.get(rootId) ?? [];
    list.push({
      parentSessionId: String(r.parentSessionId),
      spanId: String(r.spanId),
      status: String(r.status),
      label: str(r.label),
      task: str(r.task),
      startedAt: str(r.startedAt),
      childSessionId: str(r.childSessionId),
      childSessionKey: str(r.childSessionKey),
    });
    out.set(rootId, list);
  }
  return out;
}
