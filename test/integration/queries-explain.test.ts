// Every registered query must plan against the real Neo4j: a typo in any cypher/ file fails CI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/driver.ts';
import { allQueries, schemaStatements } from '../../src/graph/registry.ts';
import { connectTestGraph } from '../helpers/graph.ts';

let graph: Graph;
beforeAll(async () => {
  graph = await connectTestGraph();
});
afterAll(async () => graph?.close());

describe('cypher catalog', () => {
  it('registers queries and schema statements', () => {
    expect(allQueries().size).toBeGreaterThan(0);
    expect(schemaStatements().length).toBeGreaterThan(5);
  });

  for (const name of allQueries().keys()) {
    it(`EXPLAIN ${name}`, async () => {
      await expect(graph.explain(name)).resolves.toBeUndefined();
    });
  }

  it('rejects a broken query (the EXPLAIN test can fail)', async () => {
    await expect(graph.read('no/such-query')).rejects.toThrow(/No Cypher query named/);
  });
});
