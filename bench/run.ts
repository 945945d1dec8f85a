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
import { footprintSuite } from './suites/footprint.ts';
import { alertsSuite } from './suites/alerts.ts';
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
  // Issue 21: acknowledgement → webhook latency, and what budgets and rules cost the finaliser.
  alerts: alertsSuite,
};

/**
 * Suites that measure the engine with the Neo4j it starts itself (issue 19): no bench Neo4j is
 * started for them, so the machine holds only what is measured.
 */
const STANDALONE: Record<string, () => Promise<SuiteResult>> = {
  footprint: footprintSuite,
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : [...Object.keys(SUITES), ...Object.keys(STANDALONE)];
for (const name of wanted) {
  if (!SUITES[name] && !STANDALONE[name]) throw new Error(`unknown suite ${name}; known: ${[...Object.keys(SUITES), ...Object.keys(STANDALONE)].join(', ')}`);
}
const results: Record<string, SuiteResult> = {};
const record = (name: string, result: SuiteResult) => {
  results[name] = result;
  console.error(`[bench] ${name}: ${JSON.stringify(result)}`);
};
const shared = wanted.filter((name) => SUITES[name]);
if (shared.length) {
  const neo4j = await benchNeo4j();
  try {
    for (const name of shared) {
      console.error(`[bench] ${name}…`);
      record(name, await SUITES[name]!(neo4j.graph));
    }
  } finally {
    await neo4j.stop();
  }
}
for (const name of wanted.filter((n) => STANDALONE[n])) {
  console.error(`[bench] ${name}…`);
  record(name, await STANDALONE[name]!());
}
console.log(`results written to ${writeResults(results)}`);
