// No N+1: a page of 50 sessions with their agent, parent, children, outcomes and a page of spans
// (with each span's session, parent, children and spawned session) costs a fixed number of Neo4j
// queries, the same as a page of 5. Queries are counted by wrapping the Graph the server uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { mergeBatches } from '../../src/domain/model.ts';
import type { Graph, Params } from '../../src/graph/driver.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { llmCall, sessionWith, spawnCall, subSession, toolCall } from '../helpers/factories.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { gql, ok } from './graphql-client.ts';

let graph: Graph;
let server: RunningServer;
const projectId = randomProjectId('nplus1');
const queries: string[] = [];

/**
 * The real graph, recording the name of every query it runs — except the server's background
 * finaliser looking for dirty sessions, which runs on its own clock, not per request.
 */
function countingGraph(real: Graph): Graph {
  const g = Object.create(real) as Graph;
  const record = (name: string) => {
    if (!name.startsWith('finaliser/')) queries.push(name);
  };
  g.read = (name: string, params?: Params) => {
    record(name);
    return real.read(name, params);
  };
  g.write = (name: string, params?: Params) => {
    record(name);
    return real.write(name, params);
  };
  return g;
}

beforeAll(async () => {
  graph = await connectTestGraph();
  const pricer = createPricer();
  // 25 parents (each spawning one child) + 25 children = 50 sessions, with 4 agents.
  const batches = Array.from({ length: 25 }, (_, i) =>
    sessionWith({ name: `s${i}`, agentId: `agent-${i % 4}`, startedAt: new Date(Date.UTC(2026, 0, 1, i)).toISOString() }, [
      llmCall({
        costUsd: 0.01,
        calls: [toolCall('read', { path: `/f${i}` }, { result: 'x' }), spawnCall(`task ${i}`, subSession({ name: `s${i}-child`, agentId: 'agent-sub' }, [llmCall({ costUsd: 0.005 })]))],
      }),
      llmCall({ costUsd: 0.02 }),
    ]),
  );
  await ingestBatch(graph, projectId, mergeBatches(batches), pricer);
  server = await startServer({ graph: countingGraph(graph), pricer, host: '127.0.0.1', projectFor: async () => projectId }, 0);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

const PAGE = `query($first: Int) {
  sessions(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id startedAt totalCostUsd role
        agent { id name sessions costUsd }
        parentSession { id agent { id } }
        spawnedBy { id kind session { id } }
        childSessions { id agent { id } }
        outcomes { id result }
        inferredOutcome { result confidence }
        skillsUsed { name detectedBy }
        spans(first: 5) {
          totalCount
          nodes {
            id kind name costUsd
            session { id }
            parent { id kind }
            children { id toolName }
            spawnedSession { id totalCostUsd }
          }
        }
      }
    }
  }
}`;

async function queriesFor(first: number): Promise<string[]> {
  queries.length = 0;
  const data = ok(await gql<{ sessions: { edges: unknown[] } }>(server.url, PAGE, { first }));
  expect(data.sessions.edges).toHaveLength(first);
  return [...queries];
}

describe('DataLoader batching', () => {
  it('a 50-session page runs a fixed handful of queries, the same as a 5-session page', async () => {
    const fifty = await queriesFor(50);
    const five = await queriesFor(5);
    // The page, its count, then one batch per kind of lookup (agents, sessions, spans, children,
    // outcomes, span pages). A small page may need one more session lookup (its spawned sessions
    // are not on the page to be primed from), never one per session.
    expect(fifty.length).toBeLessThanOrEqual(10);
    expect(five.length).toBeLessThanOrEqual(10);
    expect(Math.abs(fifty.length - five.length)).toBeLessThanOrEqual(1);
    // No query name repeats more than the DataLoader waves need (one per nesting level it appears at).
    const perName = new Map<string, number>();
    for (const name of fifty) perName.set(name, (perName.get(name) ?? 0) + 1);
    for (const [name, n] of perName) expect(n, name).toBeLessThanOrEqual(3);
  });
});
