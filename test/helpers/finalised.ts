// Ingest acknowledges before finalisation (DESIGN §5): a test or bench that reads derived data
// (costs, order, cells, findings) after ingesting waits for the finaliser first, as a client that
// needs final figures would (GraphQL `pendingSessions` of its project, or the repository).
import { pendingSessions } from '../../src/graph/finaliser.ts';
import type { Graph } from '../../src/graph/driver.ts';

export type FinaliseTarget = { url: string; key?: string } | { graph: Graph; projectId: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until no session of the project is pending (the engines' finalisers have caught up). */
export async function untilFinalised(graph: Graph, projectId: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await pendingSessions(graph, projectId)).pending > 0) {
    if (Date.now() > deadline) throw new Error(`project ${projectId}: sessions still pending after ${timeoutMs} ms`);
    await sleep(20);
  }
}

/**
 * Pending sessions of the caller's project through an engine's GraphQL (`key`: its API key; none
 * in local mode). null when the engine cannot answer right now (a 503 while Neo4j is away).
 */
export async function enginePendingSessions(baseUrl: string, key?: string): Promise<number | null> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: '{ pendingSessions }' }) });
  const body = (await res.json()) as { data?: { pendingSessions?: number } };
  return res.ok && typeof body.data?.pendingSessions === 'number' ? body.data.pendingSessions : null;
}

/** The same wait through an engine in another process. */
export async function untilEngineFinalised(baseUrl: string, key?: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await enginePendingSessions(baseUrl, key).catch(() => null);
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${baseUrl}: still ${pending ?? 'unknown'} pending sessions after ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Waits for every target: engines over HTTP, or a graph and project in process. */
export async function waitFinalised(targets: FinaliseTarget | FinaliseTarget[], timeoutMs = 180_000): Promise<void> {
  for (const target of Array.isArray(targets) ? targets : [targets]) {
    if ('url' in target) await untilEngineFinalised(target.url, target.key, timeoutMs);
    else await untilFinalised(target.graph, target.projectId, timeoutMs);
  }
}
