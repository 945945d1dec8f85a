// Budgets and live alerts (issue 21) in a real browser: a budget and a spend-rate rule are added
// through the Alerts page's forms, then a runaway session arrives over OTLP (an LLM call every 30 s
// at $0.25, each followed by the same poll). While the explorer is open the banner shows the new
// alert with a link to the session at the step that crossed; the alerts table lists what the API
// lists, newest first, each linking to its session and step; the link opens the session with that
// step selected; dismiss hides the banner; delete removes a budget. The feed reads the alert
// stream, or polls GraphQL when the server has none (404): either way the banner comes.
// Screenshot: test/e2e/screenshots/alerts.png (README_SCREENSHOTS=1: examples/screenshots/alerts.png).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../src/api/server.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { launchBrowser, outsideRequests, recordRequests, screenshot, type TestBrowser } from '../helpers/browser.ts';
import { untilFinalised } from '../helpers/finalised.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { runawayRequests, runawaySession, type RunawaySession } from '../helpers/runaway-otlp.ts';
import { startTestServer } from '../helpers/server.ts';
import { gql, ok } from '../integration/graphql-client.ts';

const projectId = randomProjectId('e2e-ui-alerts');
// Sessions are per project: a readable conversation id keeps the screenshot readable.
const conversationId = 'nightly-refactor';
const SESSION = `otel:${conversationId}`;

interface AlertRow {
  id: string;
  kind: string;
  level: string;
  ruleName: string;
  message: string;
  sessionId: string | null;
  spanId: string | null;
}

let graph: Graph;
let server: RunningServer;
let browser: TestBrowser;
let page: Page;
let requests: string[];
let runaway: RunawaySession;
const pageErrors: string[] = [];
const notFound: string[] = [];

const api = async <T>(query: string, variables: Record<string, unknown> = {}) => ok(await gql<T>(server.url, query, variables));
const sessionHash = (id: string, span?: string | null) => `#/session/${encodeURIComponent(id)}${span ? `?span=${encodeURIComponent(span)}` : ''}`;
const apiAlerts = async () =>
  (await api<{ alerts: { totalCount: number; nodes: AlertRow[] } }>(`{ alerts(first: 100) { totalCount nodes { id kind level ruleName message sessionId spanId } } }`)).alerts;

beforeAll(async () => {
  graph = await connectTestGraph();
  server = await startTestServer(graph, projectId);
  browser = await launchBrowser();
  requests = recordRequests(browser.context);
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  browser.context.on('response', (response) => {
    if (response.status() === 404) notFound.push(response.url());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await graph?.close();
});

describe.sequential('budgets and live alerts in the explorer', () => {
  it('adds a budget and a spend-rate rule through the page; a bad value gets the server\'s message', async () => {
    await page.goto(`${server.url}/ui/#/alerts`);
    await page.getByTestId('alerts-empty').waitFor();
    const budgetForm = page.getByTestId('budget-form');
    // Warning above the limit: refused by the server's check, which names the field.
    await budgetForm.locator('input[name=limitUsd]').fill('2');
    await budgetForm.locator('input[name=warnUsd]').fill('3');
    await budgetForm.getByRole('button', { name: 'Add budget' }).click();
    await expect.poll(() => budgetForm.locator('.error-box').textContent()).toContain('input.warnUsd: must be below limitUsd (2)');

    await budgetForm.locator('input[name=warnUsd]').fill('1');
    await budgetForm.locator('input[name=name]').fill('session cap');
    await budgetForm.getByRole('button', { name: 'Add budget' }).click();
    const budgetRow = page.getByTestId('budgets-table').locator('tr', { hasText: 'session cap' });
    await budgetRow.waitFor();
    expect(await budgetRow.locator('td').allTextContents()).toEqual(['session cap', 'project', 'session tree', '$1.00', '$2.00', 'per session', 'Delete']);

    // A day budget shows its spend so far and where it stands.
    await budgetForm.locator('input[name=limitUsd]').fill('50');
    await budgetForm.locator('select[name=window]').selectOption('DAY');
    await budgetForm.locator('input[name=name]').fill('daily');
    await budgetForm.getByRole('button', { name: 'Add budget' }).click();
    await expect.poll(() => page.getByTestId('budgets-table').locator('tr', { hasText: 'daily' }).getByTestId('budget-now').textContent()).toBe('$0.00ok');

    const ruleForm = page.getByTestId('rule-form');
    await ruleForm.locator('input[name=thresholdUsd]').fill('1.5');
    await ruleForm.locator('input[name=windowMinutes]').fill('10');
    await ruleForm.getByRole('button', { name: 'Add rule' }).click();
    await page.getByTestId('rules-table').locator('tr', { hasText: '$1.50 within 10 min' }).waitFor();

    const stored = await api<{ budgets: Array<{ name: string; scope: string; window: string; warnUsd: number | null; limitUsd: number }>; alertRules: Array<{ kind: string; thresholdUsd: number; windowMinutes: number; cooldownMinutes: number }> }>(
      `{ budgets { name scope window warnUsd limitUsd } alertRules { kind thresholdUsd windowMinutes cooldownMinutes } }`,
    );
    expect(stored.budgets).toEqual(
      expect.arrayContaining([
        { name: 'session cap', scope: 'PROJECT', window: 'SESSION', warnUsd: 1, limitUsd: 2 },
        { name: 'daily', scope: 'PROJECT', window: 'DAY', warnUsd: null, limitUsd: 50 },
      ]),
    );
    expect(stored.budgets).toHaveLength(2);
    expect(stored.alertRules).toEqual([{ kind: 'SPEND_RATE', thresholdUsd: 1.5, windowMinutes: 10, cooldownMinutes: 30 }]);
  });

  it('a runaway session over OTLP: the banner shows the new alert and links to its session at the step', async () => {
    // The feed is reading (the stream, or GraphQL polls where the server has no stream) before anything fires.
    await expect.poll(() => page.getByTestId('alert-feed-mode').getAttribute('data-mode')).toMatch(/^(live|polling)$/);
    runaway = runawaySession({ tag: 7101, conversationId, calls: 12, costPerCallUsd: 0.25, stepMs: 30_000 });
    const stored = (id: string) => `otel:${runaway.traceId}:${id}`;
    runaway = { ...runaway, llmSpanIds: runaway.llmSpanIds.map(stored), pollSpanIds: runaway.pollSpanIds.map(stored) };
    for (const body of runawayRequests(runaway.spans, 10)) {
      const res = await fetch(`${server.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);
    }
    await untilFinalised(graph, projectId);

    const banner = page.getByTestId('alert-banner');
    await banner.waitFor({ timeout: 30_000 });
    const fired = await apiAlerts();
    // The session budget's warning (4th call) and limit (8th), the rate rule (6th call); the day budget is far off.
    expect(fired.nodes.map((a) => `${a.ruleName}/${a.level}`).sort()).toEqual(['session cap/LIMIT', 'session cap/WARNING', 'spend over $1.50 per 10 min/WARNING']);
    const shownId = await banner.getAttribute('data-alert-id');
    const shown = fired.nodes.find((a) => a.id === shownId)!;
    expect(shown).toBeDefined();
    expect(await page.getByTestId('alert-banner-message').textContent()).toBe(shown.message);
    expect(await page.getByTestId('alert-banner-link').getAttribute('href')).toBe(sessionHash(SESSION, shown.spanId));
    // All three arrived: the banner counts the others.
    await expect.poll(() => banner.textContent()).toContain('2 more alerts');
  });

  it('the alerts table lists what the API lists, newest first, each linking to its session at the step', async () => {
    const fired = await apiAlerts();
    const rows = page.getByTestId('alerts-table').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(fired.totalCount);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-alert-id')))).toEqual(fired.nodes.map((a) => a.id));
    const limit = fired.nodes.find((a) => a.level === 'LIMIT')!;
    expect(limit.spanId).toBe(runaway.llmSpanIds[7]);
    const limitRow = page.getByTestId('alerts-table').locator(`tr[data-alert-id="${limit.id}"]`);
    expect(await limitRow.locator('td').nth(1).textContent()).toBe('limit');
    expect(await limitRow.locator('td').nth(2).textContent()).toBe('budget');
    expect(await limitRow.locator('td').nth(3).textContent()).toBe(limit.message);
    expect(await limitRow.getByTestId('alert-session-link').getAttribute('href')).toBe(sessionHash(SESSION, runaway.llmSpanIds[7]));
    const rate = fired.nodes.find((a) => a.kind === 'SPEND_RATE')!;
    expect(await page.locator(`tr[data-alert-id="${rate.id}"]`).getByTestId('alert-session-link').getAttribute('href')).toBe(sessionHash(SESSION, runaway.llmSpanIds[5]));
    await screenshot(page, 'alerts', 'alerts');
  });

  it('the banner stays on every page; its link opens the session with the step selected; dismiss hides it', async () => {
    const banner = page.getByTestId('alert-banner');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('kpi-cost').waitFor();
    expect(await banner.isVisible()).toBe(true);
    const href = (await page.getByTestId('alert-banner-link').getAttribute('href'))!;
    const spanId = new URLSearchParams(href.split('?')[1]).get('span')!;
    await page.getByTestId('alert-banner-link').click();
    const selected = page.locator('.tree-row.selected');
    await selected.waitFor({ timeout: 30_000 });
    expect(await selected.getAttribute('data-span-id')).toBe(spanId);
    expect(await page.getByTestId('session-id').textContent()).toBe(SESSION);
    // Following the link dismissed it; it comes back only for a newer alert.
    expect(await banner.count()).toBe(0);
  });

  it('a later alert brings the banner back; Dismiss hides it; Delete removes a budget', async () => {
    await page.goto(`${server.url}/ui/#/alerts`);
    await expect.poll(() => page.getByTestId('alert-feed-mode').getAttribute('data-mode')).toMatch(/^(live|polling)$/);
    // A second runaway session crosses the session budget again.
    const second = runawaySession({ tag: 7102, conversationId: `${conversationId}-2`, calls: 5, costPerCallUsd: 0.25, stepMs: 30_000 });
    for (const body of runawayRequests(second.spans, 20)) {
      const res = await fetch(`${server.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);
    }
    await untilFinalised(graph, projectId);
    const banner = page.getByTestId('alert-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('alert-banner-message').textContent()).toContain(`otel:${conversationId}-2`);
    await page.getByTestId('alert-banner-dismiss').click();
    expect(await banner.count()).toBe(0);

    const daily = page.getByTestId('budgets-table').locator('tr', { hasText: 'daily' });
    await daily.getByTestId('delete').click();
    await expect.poll(() => daily.count()).toBe(0);
    const left = await api<{ budgets: Array<{ name: string }> }>(`{ budgets { name } }`);
    expect(left.budgets.map((b) => b.name)).toEqual(['session cap']);
    expect(pageErrors).toEqual([]);
    // The feed asks for the alert stream only where the server has it: no 404 on any page load.
    expect(notFound).toEqual([]);
    expect(outsideRequests(requests, server.url)).toEqual([]);
  });
});
