// Starts the real HTTP server on a free port against the test Neo4j, in local mode for one project.
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';

export async function startTestServer(graph: Graph, projectId: string): Promise<RunningServer> {
  return startServer({ graph, pricer: createPricer(), host: '127.0.0.1', projectFor: async () => projectId }, 0);
}
