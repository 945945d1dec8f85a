// Repository: sub-agent spawns that have no child session in the graph (missing, pending, refused),
// for the import summary.
import { int, type Graph } from './driver.ts';

export type UnresolvedSpawnStatus = 'missing' | 'pending' | 'refused';

export interface UnresolvedSpawn {
  status: UnresolvedSpawnStatus;
  parentSessionId: string;
  /** The SUBAGENT span of the parent that made the spawn. */
  spanId: string;
  task: string | null;
  label: string | null;
  startedAt: string | null;
}

/** Enough for any real import; a summary past it says how many more there are by its counts. */
export const UNRESOLVED_SPAWNS_LIMIT = 10_000;

const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The unresolved spawns made by `sessionIds`, as they stand now (read after finalisation). */
export async function unresolvedSpawns(graph: Graph, projectId: string, sessionIds: readonly string[]): Promise<UnresolvedSpawn[]> {
  if (sessionIds.length === 0) return [];
  const rows = await graph.read('ingest/unresolved-spawns', { projectId, sessionIds: [...sessionIds], limit: int(UNRESOLVED_SPAWNS_LIMIT) });
  return rows.map((r) => ({
    status: String(r.status) as UnresolvedSpawnStatus,
    parentSessionId: String(r.parentSessionId),
    spanId: String(r.spanId),
    task: optStr(r.task),
    label: optStr(r.label),
    startedAt: optStr(r.startedAt),
  }));
}
