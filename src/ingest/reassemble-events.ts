// Plugin-event sessions are assembled by the finaliser, not by the request that brought the
// events: a span's before/after events may come in two requests handled at the same time (or by
// two engine processes), and an assembly made from what one request could see would then race
// another's. Under the session's lease, every stored event of its trace is read and the spans
// are written once — the same spans whatever order or grouping the events came in.
import type { Pricer } from '../domain/cost/index.ts';
import type { Graph } from '../graph/driver.ts';
import { eventsForTraces } from '../graph/events.ts';
import type { BeforeFinalise } from '../graph/finaliser.ts';
import { writePreparedBatch } from '../graph/ingest.ts';
import { eventsToBatch } from '../sources/events/index.ts';
import { prepareBatch } from './prepare.ts';
import { validateBatch } from './validate.ts';

export const EVENTS_SESSION_PREFIX = 'events:';

/** The finaliser hook that re-assembles the claimed plugin-event sessions from their stored events. */
export function reassembleEventSessions(graph: Graph, pricer: Pricer): BeforeFinalise {
  return async (projectId, sessionIds) => {
    const traceIds = sessionIds.filter((id) => id.startsWith(EVENTS_SESSION_PREFIX)).map((id) => id.slice(EVENTS_SESSION_PREFIX.length));
    if (traceIds.length === 0) return;
    const stored = (await eventsForTraces(graph, projectId, traceIds.sort())).map((json) => JSON.parse(json) as unknown);
    if (stored.length === 0) return;
    const prepared = prepareBatch(validateBatch(eventsToBatch(stored)), pricer);
    await writePreparedBatch(graph, projectId, prepared, { claimed: new Set(sessionIds) });
  };
}
