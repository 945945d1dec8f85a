// Waits until ingested data is finalised (DESIGN §5: ingest acknowledges once spans are written;
// a background finaliser computes order, costs, cells and findings afterwards). The one place tests
// wait for it, so the wiring follows the engine in one edit:
//   - an engine reached over HTTP: poll its /readyz until `pendingSessions` is 0 (a /readyz without
//     the field predates the finaliser: ingest still finalised before acknowledging, so 0);
//   - a graph used in-process: nothing to wait for yet. Once src/graph/finaliser.ts exports
//     drainDirtySessions(graph, projectId), call it here.
import type { Graph } from '../../src/graph/driver.ts';

export type FinaliseTarget = { url: string; key?: string } | { graph: Graph; projectId: string };

export interface Readyz {
  status?: string;
  pendingSessions?: number;
}

/** `pendingSessions` of one engine (0 when the field is missing); throws when /readyz is not JSON. */
export async function pendingSessions(url: string, key?: string): Promise<number | null> {
  const res = await fetch(`${url}/readyz`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const body = (await res.json()) as Readyz;
  // 503 (Neo4j busy or away): unknown, ask again.
  if (!res.ok) return null;
  return typeof body.pendingSessions === 'number' ? body.pendingSessions : 0;
}

export async function waitFinalised(targets: FinaliseTarget | FinaliseTarget[], timeoutMs = 180_000): Promise<void> {
  const list = Array.isArray(targets) ? targets : [targets];
  const deadline = Date.now() + timeoutMs;
  for (const target of list) {
    if (!('url' in target)) continue; // in-process: see the header (drainDirtySessions, once it exists)
    let last: number | null = null;
    for (;;) {
      last = await pendingSessions(target.url, target.key);
      if (last === 0) break;
      if (Date.now() > deadline) throw new Error(`${target.url}: still ${last ?? 'unknown'} pending sessions after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
