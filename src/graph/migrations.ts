// Data migrations run by Graph.applySchema when the stored schema version is older than the
// code's: derived data that newer code expects and older versions did not write.
import { int, type Graph } from './driver.ts';
import { forEachChunk } from './parallel.ts';
import { refreshUsageCells } from './rollups.ts';

/** Sessions per cost-refresh transaction, as the finaliser uses. */
const REFRESH_SESSIONS = 200;

/** Version 2 added usage cells (rollup/refresh-usage-cells): build them for existing sessions. */
async function buildMissingUsageCells(graph: Graph): Promise<void> {
  const rows = await graph.read('meta/sessions-without-usage-cells');
  for (const row of rows) await refreshUsageCells(graph, String(row.projectId), (row.sessionIds as string[]).map(String));
}

/**
 * Version 3 counts the unresolved spawns below each session (Session.missingSubagents, which says
 * the inclusive total is a lower bound): recompute the cost rollup of the sessions that have one.
 */
async function countMissingSubagents(graph: Graph): Promise<void> {
  const rows = await graph.read('meta/sessions-without-missing-subagents');
  for (const row of rows) {
    const projectId = String(row.projectId);
    await forEachChunk((row.sessionIds as string[]).map(String), REFRESH_SESSIONS, (sessionIds) =>
      graph.write('rollup/refresh-session-costs', { projectId, sessionIds, now: int(Date.now()) }),
    );
  }
}

/** Runs every migration newer than `storedVersion` (null: an empty database, nothing to migrate). */
export async function migrate(graph: Graph, storedVersion: string | null): Promise<void> {
  if (storedVersion === null) return;
  if (Number(storedVersion) < 2) await buildMissingUsageCells(graph);
  if (Number(storedVersion) < 3) await countMissingSubagents(graph);
}
