// GET /healthz (the process is up) and GET /readyz (Neo4j reachable and the schema applied).
import type { ServerResponse } from 'node:http';
import { readiness } from '../graph/meta.ts';
import type { Graph } from '../graph/driver.ts';
import type { BackgroundFinaliser } from '../ingest/background-finaliser.ts';
import { sendJson } from './http.ts';

export function healthz(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

/**
 * `pendingSessions`: sessions written but not yet finalised (all projects); `finaliser`: this
 * process's freshness (acknowledgement → finalised, p50/p95 seconds over recent finalisations).
 */
export async function readyz(res: ServerResponse, graph: Graph, finaliser?: BackgroundFinaliser): Promise<void> {
  try {
    const info = await readiness(graph);
    const ready = info.schemaVersion !== null;
    const pending = finaliser ? await finaliser.pending() : null;
    sendJson(res, ready ? 200 : 503, {
      status: ready ? 'ready' : 'schema-not-applied',
      neo4j: info,
      pendingSessions: pending?.pending ?? null,
      oldestPendingSeconds: pending?.oldestSince ? (Date.now() - pending.oldestSince) / 1000 : null,
      finaliser: finaliser?.stats() ?? null,
    });
  } catch (error) {
    sendJson(res, 503, { status: 'neo4j-unreachable', error: (error as Error).message }, { 'retry-after': '5' });
  }
}
