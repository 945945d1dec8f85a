// Test helpers for the API tests: a GraphQL client over real HTTP (fetch) and a small fixture of
// hand-made sessions covering what the API shows (costs, sub-agents, errors, unpriced calls, a
// repeated read).
import type { Graph } from '../../src/graph/driver.ts';
import type { Pricer } from '../../src/domain/cost/index.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { llmCall, sessionWith, spawnCall, subSession, toolCall } from '../helpers/factories.ts';

export interface GqlError {
  message: string;
  extensions?: { code?: string; stacktrace?: unknown };
  locations?: unknown;
}

export interface GqlResponse<T> {
  status: number;
  data: T | null;
  errors: GqlError[] | undefined;
  text: string;
}

export async function gql<T>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { key?: string; headers?: Record<string, string> } = {},
): Promise<GqlResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: T | null; errors?: GqlError[] };
  return { status: res.status, data: body.data ?? null, errors: body.errors, text };
}

/** The data of a response that must have succeeded (fails the test with the errors otherwise). */
export function ok<T>(response: GqlResponse<T>): T {
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors (HTTP ${response.status}): ${response.text}`);
  return response.data;
}

export const FIXTURE = {
  alpha: 'test:alpha',
  alphaChild: 'test:alpha-child',
  beta: 'test:beta',
  gamma: 'test:gamma',
} as const;

/**
 * alpha (agent-a, skill csv, Jan 1): $0.02 call → read /a.ts, read /a.ts again (a reread), spawn of
 *   alpha-child ($0.01 call → failing bash); then a $0.03 call. Own $0.05, total $0.06.
 * beta (agent-b, Jan 2): one unpriced call (unknown model) → failing bash.
 * gamma (agent-a, skill csv, Jan 3): one $0.05 call.
 */
export async function ingestFixture(graph: Graph, projectId: string, pricer: Pricer): Promise<void> {
  const child = subSession({ name: 'alpha-child', agentId: 'agent-a' }, [
    llmCall({ costUsd: 0.01, calls: [toolCall('bash', { command: 'make' }, { status: 'error', errorMessage: 'make: *** no rule' })] }),
  ]);
  const batches = [
    sessionWith({ name: 'alpha', agentId: 'agent-a', skill: 'csv', startedAt: '2026-01-01T10:00:00.000Z', task: 'fix the csv parser' }, [
      llmCall({
        costUsd: 0.02,
        calls: [
          toolCall('read', { path: '/a.ts' }, { result: 'export const a = 1;' }),
          toolCall('read', { path: '/a.ts' }, { result: 'export const a = 1;' }),
          spawnCall('run the build', child),
        ],
      }),
      llmCall({ costUsd: 0.03, text: 'done' }),
    ]),
    sessionWith({ name: 'beta', agentId: 'agent-b', startedAt: '2026-01-02T10:00:00.000Z' }, [
      llmCall({ model: 'mystery-model-x', provider: 'nowhere', calls: [toolCall('bash', { command: 'ls' }, { status: 'error' })] }),
    ]),
    sessionWith({ name: 'gamma', agentId: 'agent-a', skill: 'csv', startedAt: '2026-01-03T10:00:00.000Z' }, [llmCall({ costUsd: 0.05 })]),
  ];
  for (const batch of batches) {
    const summary = await ingestBatch(graph, projectId, batch, pricer);
    if (summary.rejections.length) throw new Error(`fixture rejected: ${JSON.stringify(summary.rejections)}`);
  }
}
