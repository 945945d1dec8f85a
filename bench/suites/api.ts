// GraphQL latency (p50/p95) for the session list, a 1,000-span session tree, a TraceCard and a
// rollup, under 1 and 16 concurrent clients on loopback; and the server's memory while streaming
// an export of 1,000,000 span rows (it must stay flat: the export pages through Neo4j).
import { startServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { percentile, type SuiteResult } from '../harness.ts';
import { millionSpanProject, seedCardSessions } from './analytics.ts';

const QUERIES = {
  sessionList: { query: '{ sessions(first: 50, orderBy: {field: STARTED_AT, direction: DESC}) { nodes { id agentName startedAt totalCostUsd } pageInfo { hasNextPage endCursor } } }' },
  sessionTree1000: {
    query: 'query ($id: ID!) { session(id: $id) { tree(first: 1000) { nodes { id parentId kind ownCostUsd inclusiveCostUsd } } } }',
  },
  traceCard: { query: 'query ($id: ID!) { traceCard(sessionId: $id) { yaml tokens } }' },
  rollupByModel: { query: '{ costRollup(groupBy: [MODEL]) { key1 costUsd llmCalls } }' },
} as const;

async function load(url: string, body: string, clients: number, perClient: number): Promise<{ p50: number; p95: number; requestsPerSecond: number }> {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const json = (await res.json()) as { errors?: Array<{ message: string }> };
        if (json.errors) throw new Error(json.errors[0]!.message);
        samples.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), requestsPerSecond: Math.round(samples.length / seconds) };
}

async function graphqlLatencies(graph: Graph): Promise<SuiteResult> {
  const projectId = `bench-api-${Date.now()}`;
  const ids = await seedCardSessions(graph, projectId);
  const server = await startServer({ graph, pricer: createPricer(), host: '127.0.0.1', projectFor: async () => projectId }, 0);
  const out: SuiteResult = {};
  try {
    for (const [name, q] of Object.entries(QUERIES)) {
      const body = JSON.stringify({ ...q, variables: { id: ids[1000] } });
      await load(server.url, body, 1, 3); // warm-up
      out[name] = { clients1: await load(server.url, body, 1, 30), clients16: await load(server.url, body, 16, 10) };
    }
  } finally {
    await server.close();
  }
  return out;
}

async function exportMemory(graph: Graph): Promise<SuiteResult> {
  const { projectId } = await millionSpanProject(graph);
  const server = await startServer({ graph, pricer: createPricer(), host: '127.0.0.1', projectFor: async () => projectId }, 0);
  try {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const res = await fetch(`${server.url}/v1/export/spans.ndjson`);
    let bytes = 0;
    let rows = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) rows++;
    }
    clearInterval(sampler);
    const mb = (n: number) => Math.round(n / 2 ** 20);
    return { rows, megabytes: mb(bytes), seconds: +((performance.now() - started) / 1000).toFixed(1), rssBeforeMiB: mb(rssBefore), rssPeakMiB: mb(peak), rssGrowthMiB: mb(peak - rssBefore), note: 'server and client in one process: the RSS includes both' };
  } finally {
    await server.close();
  }
}

export async function apiSuite(graph: Graph): Promise<SuiteResult> {
  return { graphql: await graphqlLatencies(graph), export1M: await exportMemory(graph) };
}
