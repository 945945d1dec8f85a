// Waits until ingested data is finalised (DESIGN §5: ingest acknowledges once spans are written;
// a background finaliser computes order, costs, cells and findings afterwards). The one place tests
// wait for it, so the wiring follows the engine in one edit:
//   - an engine reached over HTTP: poll until nothing is pending — the caller's project through
//     GraphQL `pendingSessions` when the schema has that field, else /readyz `pendingSessions`
//     (a /readyz without the field predates the finaliser: ingest finalised before acknowledging, 0);
//   - a graph used in-process: nothing to wait for yet. Once src/graph/finaliser.ts exports
//     drainDirtySessions(graph, projectId), call it here.
import type { Graph } from '../../src/graph/driver.ts';

export type FinaliseTarget = { url: string; key?: string } | { graph: Graph; projectId: string };

export interface Readyz {
  status?: string;
  pendingSessions?: number;
}

const hasGraphqlField = new Map<string, Promise<boolean>>();

async function graphqlHasPendingSessions(url: string, key: string): Promise<boolean> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ __type(name: "Query") { fields { name } } }' }),
  });
  const body = (await res.json()) as { data?: { __type?: { fields: Array<{ name: string }> } } };
  return Boolean(body.data?.__type?.fields.some((f) => f.name === 'pendingSessions'));
}

/**
 * Sessions not finalised yet: of the key's project when GraphQL says so, else of the engine
 * (/readyz; 0 when the field is missing). null when the engine cannot answer right now.
 */
export async function pendingSessions(url: string, key?: string): Promise<number | null> {
  if (key) {
    const cacheKey = `${url} ${key}`;
    if (!hasGraphqlField.has(cacheKey)) hasGraphqlField.set(cacheKey, graphqlHasPendingSessions(url, key).catch(() => false));
    if (await hasGraphqlField.get(cacheKey)) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ pendingSessions }' }),
      });
      const body = (await res.json()) as { data?: { pendingSessions?: number } };
      return typeof body.data?.pendingSessions === 'number' ? body.data.pendingSessions : null;
    }
  }
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
    for (;;) {
      const pending = await pendingSessions(target.url, target.key).catch(() => null);
      if (pending === 0) break;
      if (Date.now() > deadline) throw new Error(`${target.url}: still ${pending ?? 'unknown'} pending sessions after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
