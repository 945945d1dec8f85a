// Ingest over HTTP acknowledges before finalisation (DESIGN §5): a test that reads derived data
// (costs, order, cells, findings) after a POST waits for the engine's finaliser first, as a
// client that needs final figures would (GraphQL `pendingSessions`, /readyz `pendingSessions`).
import { pendingSessions } from '../../src/graph/finaliser.ts';
import type { Graph } from '../../src/graph/driver.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until no session of the project is pending (the engine's finaliser has caught up). */
export async function untilFinalised(graph: Graph, projectId: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await pendingSessions(graph, projectId)).pending > 0) {
    if (Date.now() > deadline) throw new Error(`project ${projectId}: sessions still pending after ${timeoutMs} ms`);
    await sleep(20);
  }
}

/**
 * The same through an engine's GraphQL `pendingSessions` (the caller's project), for engines in
 * other processes: what a notebook or BI client that needs final figures would poll.
 */
export async function untilEngineFinalised(baseUrl: string, key?: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  for (;;) {
    const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: '{ pendingSessions }' }) });
    const body = (await res.json()) as { data?: { pendingSessions?: number } };
    if (res.ok && body.data?.pendingSessions === 0) return;
    if (Date.now() > deadline) throw new Error(`${baseUrl}: sessions still pending after ${timeoutMs} ms`);
    await sleep(20);
  }
}
