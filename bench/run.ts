// `npm run bench [suite...]`: runs the benchmark suites against a real Neo4j and writes
// bench/results/latest.json. Figures are reported, never asserted.
import { benchNeo4j, writeResults, type SuiteResult } from './harness.ts';
import { ingestSuite } from './suites/ingest.ts';
import { heldoutSuite } from './suites/heldout.ts';
import { analyticsSuite } from './suites/analytics.ts';
import { apiSuite } from './suites/api.ts';
import { hooksSuite } from './suites/hooks.ts';
import { importCorporaSuite } from './suites/import-corpora.ts';
import { otlpRealisticSuite } from './suites/otlp-realistic.ts';
import type { Graph } from '../src/graph/driver.ts';

const SUITES: Record<string, (graph: Graph) => Promise<SuiteResult>> = {
  ingest: ingestSuite,
  heldout: heldoutSuite,
  analytics: analyticsSuite,
  api: apiSuite,
  hooks: () => hooksSuite(),
  // Issue 12: what a user gets end to end (engine process, end order, concurrent senders, until finalised).
  'otlp-realistic': otlpRealisticSuite,
  'import-corpora': importCorporaSuite,
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SUITES);
const neo4j = await benchNeo4j();
const results: Record<string, SuiteResult> = {};
try {
  for (const name of wanted) {
    const suite = SUITES[name];
    if (!suite) throw new Error(`unknown suite ${name}; known: ${Object.keys(SUITES).join(', ')}`);
    console.error(`[bench] ${name}…`);
    results[name] = await suite(neo4j.graph);
    console.error(`[bench] ${name}: ${JSON.stringify(results[name])}`);
  }
} finally {
  await neo4j.stop();
}
console.log(`results written to ${writeResults(results)}`);
