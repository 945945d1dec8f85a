// GET /healthz (the process is up) and GET /readyz (Neo4j reachable and the schema applied).
import type { ServerResponse } from 'node:http';
import { readiness } from '../graph/meta.ts';
import type { Graph } from '../graph/driver.ts';
import { sendJson } from './http.ts';

export function healthz(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

export async function readyz(res: ServerResponse, graph: Graph): Promise<void> {
  try {
    const info = await readiness(graph);
    const ready = info.schemaVersion !== null;
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'schema-not-applied', neo4j: info });
  } catch (error) {
    sendJson(res, 503, { status: 'neo4j-unreachable', error: (error as Error).message }, { 'retry-after': '5' });
  }
}
