// Connects a test to the run's Neo4j. Each test file uses its own random projectId, so tests can
// run in parallel against one database without seeing each other's data.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { Graph } from '../../src/graph/driver.ts';

export async function connectTestGraph(): Promise<Graph> {
  const { uri, user, password } = inject('neo4j');
  return Graph.connect({ uri, user: user ?? undefined, password: password ?? undefined });
}

export function randomProjectId(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}
