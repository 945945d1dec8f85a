// Data migrations run by Graph.applySchema when the stored schema version is older than the
// code's: derived data that newer code expects and older versions did not write.
import type { Graph } from './driver.ts';
import { refreshUsageCells } from './rollups.ts';

/** Version 2 added usage cells (rollup/refresh-usage-cells): build them for existing sessions. */
async function buildMissingUsageCells(graph: Graph): Promise<void> {
  const rows = await graph.read('meta/sessions-without-usage-cells');
  for (const row of rows) await refreshUsageCells(graph, String(row.projectId), (row.sessionIds as string[]).map(String));
}

/** Runs every migration newer than `storedVersion` (null: an empty database, nothing to migrate). */
export async function migrate(graph: Graph, storedVersion: string | null): Promise<void> {
  if (storedVersion === null) return;
  if (Number(storedVersion) < 2) await buildMissingUsageCells(graph);
}
