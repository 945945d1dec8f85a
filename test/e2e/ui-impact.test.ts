// The Distill page's before/after of a skill in a real browser, on real τ-bench sessions with the
// labelled edits of test/helpers/tau-versions.ts: trials 0–1 read a base SKILL.md, CostCraft
// distils v1 from them, copies of trials 0–1 without their `think` calls read v1, trials 2–3 read
// the base text with one line added. The page must show, at a glance, that v1 is cheaper on the
// same tasks (the interval left of zero, in green) and that the one-line edit changed nothing (the
// interval across zero, in grey) — and make no request beyond this server. Screenshots land in
// test/e2e/screenshots/ (README_SCREENSHOTS=1 also writes examples/screenshots/distill-impact.png).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../src/api/server.ts';
import { distill } from '../../src/costcraft/distill.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { skillContentHash } from '../../src/domain/insights/skill-version.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { launchBrowser, outsideRequests, recordRequests, screenshot, type TestBrowser } from '../helpers/browser.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';
import { importTrialsReading, readTrials, refreshInsights, renumbered, withoutTool } from '../helpers/tau-versions.ts';

const projectId = randomProjectId('ui-impact');
const BASE = '# tau-airline\n\nHand-written base skill (test fixture).\n\n## Workflow\n- Look up the user and the reservation before acting.\n- Confirm every write with the user.\n';
const BASE_EDIT = `${BASE}- Keep answers short.\n`;
const base = `sha:${skillContentHash(BASE)!.slice(0, 12)}`;
let graph: Graph;
let server: RunningServer;
let browser: TestBrowser;
let page: Page;
let requests: string[];

beforeAll(async () => {
  graph = await connectTestGraph();
  const pricer = createPricer();
  const trials = readTrials();
  const first = trials.filter((t) => t.trial <= 1);
  const ids = await importTrialsReading(graph, projectId, first, BASE, pricer);
  await refreshInsights(graph, projectId, ids);
  const run = await distill({ skill: 'tau-airline', sessionIds: [...ids], mode: 'OFFLINE' }, { graph, projectId, runId: 'ui-impact-run-1' });
  ids.push(...(await importTrialsReading(graph, projectId, first.map((t) => renumbered(withoutTool(t, 'think'), 4)), run.skillMd, pricer)));
  ids.push(...(await importTrialsReading(graph, projectId, trials.filter((t) => t.trial >= 2), BASE_EDIT, pricer)));
  await refreshInsights(graph, projectId, ids);
  server = await startTestServer(graph, projectId);
  browser = await launchBrowser();
  requests = recordRequests(browser.context);
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await graph?.close();
});

const open = (hash: string) => page.goto(`${server.url}/ui/${hash}`);

describe('Distill page: did the distilled skill work?', () => {
  it('v1 against the base: IMPROVED, cheaper on the same tasks, the think rule followed', async () => {
    await open(`#/distill?impact=tau-airline&baseline=${base}`);
    const verdict = page.getByTestId('impact-verdict');
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 60_000 }).toBe('IMPROVED');
    // The cost chart marks which bar is which.
    expect(await page.locator('[data-testid=impact-cost-chart] g[data-role=candidate] text').first().textContent()).toBe('v1 (candidate)');
    expect(await page.locator('[data-testid=impact-cost-chart] g[data-role=baseline] text').first().textContent()).toBe(`external ${base} (baseline)`);
    // All sessions: the interval crosses zero; the same tasks: it does not.
    expect(await page.getByTestId('impact-change-cost').getAttribute('data-significant')).toBe('false');
    expect(await page.getByTestId('impact-change-matched').getAttribute('data-significant')).toBe('true');
    expect(await page.locator('[data-testid=impact-change-matched] circle').getAttribute('fill')).toBe('#059669');
    expect(await page.locator('[data-testid=impact-prune-rules] tr[data-status=FOLLOWED] code').textContent()).toBe('think(thought)');
    expect(await page.getByTestId('impact-summary').textContent()).toMatch(/^v1 costs less than external sha:\w{12} on the same tasks/);
    await screenshot(page, 'distill-impact-improved', 'distill-impact');
  });

  it('a one-line edit of the base: no significant difference, said plainly, every interval across zero', async () => {
    await open(`#/distill?impact=tau-airline&baseline=${base}&candidate=sha:${skillContentHash(BASE_EDIT)!.slice(0, 12)}`);
    const verdict = page.getByTestId('impact-verdict');
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 60_000 }).toBe('NO_SIGNIFICANT_DIFFERENCE');
    expect(await verdict.textContent()).toBe('No significant difference');
    for (const id of ['impact-change-cost', 'impact-change-matched', 'impact-change-success']) expect(await page.getByTestId(id).getAttribute('data-significant')).toBe('false');
    await screenshot(page, 'distill-impact-no-difference');
  });

  it('the picker leads there, and nothing left this server', async () => {
    await open('#/distill');
    await page.getByLabel('skill to evaluate').fill('tau-airline');
    await page.getByRole('button', { name: 'Compare its versions' }).click();
    await expect.poll(() => page.getByTestId('impact-verdict').getAttribute('data-verdict'), { timeout: 60_000 }).toBeTruthy();
    expect(outsideRequests(requests, server.url)).toEqual([]);
  });
});
