// Regenerates the golden TraceCards under test/golden/ from the real corpora. Run on purpose only,
// after a deliberate change of the card (review the diff):
//
//   NEO4J_URI=bolt://127.0.0.1:7687 npx tsx test/golden/regenerate.ts
//
// Uses NEO4J_URI (default bolt://127.0.0.1:7687; NEO4J_USER / NEO4J_PASSWORD if set), imports into
// a fresh random project, and leaves the database otherwise untouched.
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Graph } from '../../src/graph/driver.ts';
import { GOLDEN_CASES, goldenCard, goldenPath, importGoldenCorpora } from './cases.ts';

async function main(): Promise<void> {
  const graph = await Graph.connect({
    uri: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
    user: process.env.NEO4J_USER,
    password: process.env.NEO4J_PASSWORD,
  });
  try {
    await graph.applySchema();
    const projectId = `golden-${randomUUID()}`;
    await importGoldenCorpora(graph, projectId);
    for (const c of GOLDEN_CASES) {
      const { yaml } = await goldenCard(graph, projectId, c.sessionId);
      fs.writeFileSync(goldenPath(c.name), yaml);
      console.log(`wrote ${goldenPath(c.name)} (${yaml.length} bytes)`);
    }
  } finally {
    await graph.close();
  }
}

await main();
