// Repository: raw plugin events (de-duplication by eventId and re-assembly across requests).
import { randomUUID } from 'node:crypto';
import { boundKey } from '../domain/bound-key.ts';
import { int, type Graph } from './driver.ts';
import { markSessionsDirty, type FinaliseWindow } from './ingest.ts';

export interface StoredEventRow {
  id: string;
  traceId: string;
  tsMs: number;
  json: string;
}

/**
 * Stores events; returns how many were new (the others were duplicates of stored ones). The event
 * id and trace id are the store's unique and indexed keys, so they are bounded here (truncated with
 * a hash, src/domain/bound-key.ts), as they are on every read below; the JSON keeps them as sent.
 */
export async function storeEvents(graph: Graph, projectId: string, rows: StoredEventRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const requestId = randomUUID();
  const [result] = await graph.write('ingest/store-events', {
    projectId,
    requestId,
    rows: rows.map((r) => ({ ...r, id: boundKey(r.id), traceId: boundKey(r.traceId), tsMs: int(r.tsMs) })),
  });
  return Number(result?.created ?? 0);
}

export async function eventsForTraces(graph: Graph, projectId: string, traceIds: string[]): Promise<string[]> {
  const rows = await graph.read('ingest/events-for-traces', { projectId, traceIds: traceIds.map(boundKey) });
  return rows.map((r) => String(r.json));
}

/**
 * The sessions of traces that received events: created as open placeholders if new, and marked
 * dirty, so the finaliser (re-)assembles them from their stored events.
 */
export async function markEventSessionsDirty(graph: Graph, projectId: string, sessionIds: string[], window?: FinaliseWindow): Promise<void> {
  if (sessionIds.length === 0) return;
  await graph.write('ingest/ensure-sessions', { projectId, sessionIds, now: int(Date.now()) });
  await markSessionsDirty(graph, projectId, sessionIds, window);
}
