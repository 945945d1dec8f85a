// GET /graphql in a real (headless) browser: the GraphiQL playground loads entirely from this
// server, runs a query against ingested corpus data, shows the result, and no request leaves
// 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { launchChromium, offLoopback, recordedPage } from '../helpers/chromium.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';

let graph: Graph;
let server: RunningServer;
let browser: Browser;
const projectId = randomProjectId('playground');

beforeAll(async () => {
  graph = await connectTestGraph();
  await importFiles(graph, { paths: [corpus('openclaw-volvox-bot')], projectId, pricer: createPricer() });
  server = await startTestServer(graph, projectId);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await graph?.close();
});

describe('GraphQL playground', () => {
  it('runs the default query in the browser and shows the most expensive session', async () => {
    const { page, requests } = await recordedPage(browser);
    await page.goto(`${server.url}/graphql`);
    await page.locator('.graphiql-execute-button').click();
    // The result pane fills with the JSON answer.
    const result = page.locator('.result-window');
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 30_000 }).toContain('totalCostUsd');
    const text = (await result.textContent()) ?? '';
    // Tree B's parent is the most expensive session of the corpus ($8.67 own, $31.53 total).
    expect(text).toContain('openclaw:684637ff-e673-46e4-a1a9-0de622f22f21');
    expect(requests.some((url) => url.endsWith('/graphql/assets/graphiql.min.js'))).toBe(true);
    expect(offLoopback(requests)).toEqual([]);
  });

  it('has the schema explorer (documentation panel) with the Query type', async () => {
    const { page, requests } = await recordedPage(browser);
    await page.goto(`${server.url}/graphql`);
    await page.getByRole('button', { name: /documentation/i }).first().click();
    await expect.poll(async () => (await page.locator('.graphiql-doc-explorer').textContent()) ?? '', { timeout: 30_000 }).toMatch(/Query/);
    expect(offLoopback(requests)).toEqual([]);
  });
});
