// Obtains the Neo4j every integration test uses, applies the schema once, and stops it after the
// run. Fails loudly when no Neo4j can be had: tests are never skipped for lack of a database.
import type { TestProject } from 'vitest/node';
import { provideTestNeo4j, type ProvidedNeo4j } from '../../neo4j/provide.ts';
import { Graph } from '../../src/graph/driver.ts';

let neo4j: ProvidedNeo4j | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  neo4j = await provideTestNeo4j((line) => console.error(line));
  const graph = await Graph.connect({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
  await graph.applySchema();
  await graph.close();
  console.error(`[test] Neo4j (${neo4j.origin}) ready at ${neo4j.uri} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('neo4j', { uri: neo4j.uri, user: neo4j.user ?? null, password: neo4j.password ?? null });
  return async () => {
    await neo4j?.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string | null; password: string | null };
  }
}
