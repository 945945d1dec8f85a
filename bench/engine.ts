// A real engine process (src/main.ts) for the benches that measure what a user gets: ingest over
// HTTP acknowledged by the server, and data finalised by whatever runs in that server. One API key
// per project, so several runs share one process without seeing each other.
import { freePort } from '../neo4j/launcher.ts';
import { createApiKey, revokeApiKey } from '../src/graph/api-keys.ts';
import type { Graph } from '../src/graph/driver.ts';
import { startClawTraceProcess, type ClawTraceProcess } from '../test/helpers/clawtrace-process.ts';
import { enginePendingSessions } from '../test/helpers/finalised.ts';

export interface BenchEngine {
  process: ClawTraceProcess;
  url: string;
  /** A project with a fresh key on this engine; `done()` revokes the key. */
  project(prefix: string): Promise<{ projectId: string; key: string; done(): Promise<void> }>;
  stop(): Promise<void>;
}

export async function startBenchEngine(graph: Graph): Promise<BenchEngine> {
  const process = await startClawTraceProcess({ neo4jUri: graph.uri, port: await freePort(), timeoutMs: 120_000, delivery: true });
  return {
    process,
    url: process.url,
    async project(prefix) {
      const projectId = `${prefix}-${Date.now().toString(36)}`;
      const created = await createApiKey(graph, projectId, 'bench');
      return { projectId, key: created.key, done: async () => void (await revokeApiKey(graph, created.prefix)) };
    },
    stop: () => process.kill('SIGTERM'),
  };
}

/** Sessions the engine has not finalised yet (0 when /readyz has no such figure: ingest finalises inline). */
export async function pending(url: string, key: string): Promise<number | null> {
  try {
    return await enginePendingSessions(url, key);
  } catch {
    return null;
  }
}

export async function graphqlQuery<T>(url: string, key: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join('; ') ?? res.status}`);
  return body.data;
}

/** Names of a GraphQL type's fields, so a bench can use fields a newer engine has (finalisedAt, pending). */
export async function typeFields(url: string, key: string, type: string): Promise<Set<string>> {
  const data = await graphqlQuery<{ __type: { fields: Array<{ name: string }> } | null }>(url, key, 'query ($t: String!) { __type(name: $t) { fields { name } } }', { t: type });
  return new Set(data.__type?.fields.map((f) => f.name) ?? []);
}
