// A 10,000-span session in the explorer: the tree is paged from the API and virtualised in the
// page, so it opens about as fast as a small one. The open times are measured and printed (and
// saved beside the screenshots), never asserted: performance is reported, not tested.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openClawTranscript, prng } from '../../bench/generate.ts';
import type { RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { launchBrowser, outsideRequests, recordRequests, SCREENSHOT_DIR, screenshot, type TestBrowser } from '../helpers/browser.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';

const TURNS = 5000; // one LLM call and one tool call per turn, plus the session root: 10,001 spans
const projectId = randomProjectId('e2e-ui-large');

let graph: Graph;
let server: RunningServer;
let browser: TestBrowser;
let page: Page;
let requests: string[];
let sessionId = '';
let dir = '';

beforeAll(async () => {
  graph = await connectTestGraph();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-large-'));
  const transcript = openClawTranscript(7, TURNS, prng(7));
  const header = JSON.parse(transcript.slice(0, transcript.indexOf('\n'))) as { id: string };
  fs.writeFileSync(path.join(dir, `${header.id}.jsonl`), transcript);
  const report = await importFiles(graph, { paths: [dir], projectId, pricer: createPricer() });
  expect(report.rejections).toEqual([]);
  sessionId = report.sessionIds[0]!;
  server = await startTestServer(graph, projectId);
  browser = await launchBrowser();
  requests = recordRequests(browser.context);
  page = await browser.context.newPage();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await graph?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('opens a 10,000-span session: first rows at once, every span reachable, few rows in the DOM', async () => {
  const url = `${server.url}/ui/#/session/${encodeURIComponent(sessionId)}`;
  const timings: Array<{ firstRowsMs: number; allSpansMs: number }> = [];
  // The first visit loads the page's modules too; later visits show the steady state.
  for (let visit = 0; visit < 3; visit++) {
    await page.goto('about:blank');
    const started = Date.now();
    await page.goto(url);
    await page.locator('[data-span-id]').first().waitFor();
    await page.getByTestId('session-span-count').waitFor();
    const firstRowsMs = Date.now() - started;
    await page.getByTestId('tree-progress').waitFor({ state: 'detached', timeout: 120_000 });
    timings.push({ firstRowsMs, allSpansMs: Date.now() - started });
  }
  const spans = 2 * TURNS + 1;
  expect(await page.locator('.tree-row.head .cell.name').textContent()).toBe(`Span (${spans} shown)`);
  expect(await page.locator('[data-span-id]').count()).toBeLessThan(100);

  // The last span is reachable by scrolling, and selectable.
  await page.locator('.tree-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = page.locator('[data-span-id]').last();
  await last.click();
  const lastId = await last.getAttribute('data-span-id');
  await expect.poll(() => page.getByTestId('inspector').getAttribute('data-span-id')).toBe(lastId);
  await screenshot(page, 'session-10k-spans');

  const summary = { spans, visits: timings };
  fs.writeFileSync(path.join(SCREENSHOT_DIR, 'session-10k-spans.json'), JSON.stringify(summary, null, 2));
  console.log(`[ui] 10,000-span session open times: ${JSON.stringify(summary)}`);
  expect(outsideRequests(requests, server.url)).toEqual([]);
});
