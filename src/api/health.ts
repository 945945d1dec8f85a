// GET /healthz (the process is up) and GET /readyz (Neo4j reachable and the schema applied).
import type { ServerResponse } from 'node:http';
import { readiness, type Readiness } from '../graph/meta.ts';
import type { Graph } from '../graph/driver.ts';
import type { BackgroundFinaliser } from '../ingest/background-finaliser.ts';
import { sendJson } from './http.ts';

/**
 * /readyz answers within this, whatever the database does: probes usually time out after 1 s, and
 * with Neo4j down the driver's connect and retry would take ~7 s (issue 13). A slower answer is
 * reported as unreachable.
 */
export const READY_TIMEOUT_MS = 800;

/**
 * One readiness query in flight per graph: probes arriving while the database hangs share it
 * instead of piling up sessions that each wait for the driver's own timeouts. A read older than
 * SHARE_MS is not shared any more, so one read stuck for good cannot keep /readyz at 503 after the
 * database is back.
 */
const SHARE_MS = 10_000;
const inFlight = new WeakMap<Graph, { read: Promise<Readiness>; since: number }>();

function sharedReadiness(graph: Graph): Promise<Readiness> {
  const current = inFlight.get(graph);
  if (current && Date.now() - current.since < SHARE_MS) return current.read;
  const entry = { read: readiness(graph), since: Date.now() };
  entry.read = entry.read.finally(() => {
    if (inFlight.get(graph) === entry) inFlight.delete(graph);
  });
  inFlight.set(graph, entry);
  return entry.read;
}

function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Neo4j did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function healthz(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

/**
 * `pendingSessions`: sessions written but not yet finalised (all projects; null when that count
 * did not come within the deadline); `finaliser`: this process's freshness (acknowledgement →
 * finalised, p50/p95 seconds over recent finalisations).
 */
export async function readyz(res: ServerResponse, graph: Graph, finaliser?: BackgroundFinaliser, timeoutMs: number = READY_TIMEOUT_MS): Promise<void> {
  const started = Date.now();
  try {
    const info = await withinDeadline(sharedReadiness(graph), timeoutMs);
    const ready = info.schemaVersion !== null;
    // Only asked of a database that answered, within what is left of the deadline.
    const left = Math.max(1, timeoutMs - (Date.now() - started));
    const pending = finaliser ? await withinDeadline(finaliser.pending(), left).catch(() => null) : null;
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
