// Repository: the alerts the SSE stream (GET /v1/alerts/stream) sends, read by stream position.
import { int, type Graph } from './driver.ts';

/** Alerts of a project after a stream position, oldest first (the SSE stream). */
export async function alertsAfter(
  graph: Graph,
  projectId: string,
  position: { afterMs: number; afterId: string; fromMs: number; sentIds: string[] },
  limit = 200,
): Promise<Array<Record<string, unknown>>> {
  const rows = await graph.read('alerts/alerts-after', {
    projectId,
    afterMs: int(position.afterMs),
    afterId: position.afterId,
    fromMs: int(position.fromMs),
    sentIds: position.sentIds,
    limit: int(limit),
  });
  return rows.map((r) => r.alert as Record<string, unknown>);
}
