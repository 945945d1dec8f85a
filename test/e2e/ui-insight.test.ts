// "From import to insight" (issue 16) in a real browser on real traces: what a new user stumbled on
// in the explorer, each checked against the GraphQL API. Tree rows say what each span did and the
// tree and the sessions table are searchable; a 5-hour session's Gantt bars are readable; arguments
// read as commands and indented JSON, a model call shows its conversation turn, tools carry no
// price; the TraceCard has a linkable full-width page; the dashboard's time axis shows its gaps and
// years, its figures are labelled and plural-correct, and look-alike sessions are told apart.
// Imports the OpenClaw tree, the Claude Code spotter session and the claude-code-log projects
// (November 2025 and January 2026: a long gap and a new year on the axis).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { launchBrowser, outsideRequests, recordRequests, screenshot, type TestBrowser } from '../helpers/browser.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';
import { gql, ok } from '../integration/graphql-client.ts';

const TREE_A = 'openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b';
const TREE_B = 'openclaw:684637ff-e673-46e4-a1a9-0de622f22f21';
const SPOTTER = 'claude-code:fa812bfe-b295-4cca-9c2f-fdf01028cb46';
const projectId = randomProjectId('e2e-ui-insight');

let graph: Graph;
let server: RunningServer;
let browser: TestBrowser;
let page: Page;
let requests: string[];
const notFound: string[] = [];

interface TreeNode {
  id: string;
  kind: string;
  parentId: string | null;
  childIds: string[];
  span: { seq: number; toolName: string | null; snippet: string | null; resultPreview: string | null; textPreview: string | null; argsCanonical: string | null; durationMs: number | null };
}

const api = async <T>(query: string, variables: Record<string, unknown> = {}) => ok(await gql<T>(server.url, query, variables));
const open = (hash: string) => page.goto(`${server.url}/ui/${hash}`);
const sessionHash = (id: string, span?: string) => `#/session/${encodeURIComponent(id)}${span ? `?span=${encodeURIComponent(span)}` : ''}`;
const settle = () => page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');

async function treeOf(id: string): Promise<TreeNode[]> {
  const data = await api<{ session: { tree: { nodes: TreeNode[] } } }>(
    `query($id: ID!) { session(id: $id) { tree(first: 1000) { nodes { id kind parentId childIds span { seq toolName snippet resultPreview textPreview argsCanonical durationMs } } } } }`,
    { id },
  );
  return data.session.tree.nodes;
}

/** Scrolls the virtualised tree until the row is drawn, then centres it. */
async function scrollToRow(spanId: string) {
  const row = page.locator(`[data-span-id="${spanId}"]`);
  const scroller = page.locator('.tree-scroll');
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await settle();
  for (let i = 0; i < 400 && (await row.count()) === 0; i++) {
    const atEnd = await scroller.evaluate((el) => {
      el.scrollTop += el.clientHeight / 2;
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
    });
    await settle();
    if (atEnd && (await row.count()) === 0) break;
  }
  await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await settle();
  return row;
}

/** Median on-screen width (px) of the Gantt bars of the model calls drawn. */
const medianLlmBarPx = async () =>
  (await page.evaluate(`(() => {
    const widths = [...document.querySelectorAll('.tree-row[data-kind=LLM] [data-testid=gantt-bar]')].map((el) => el.getBoundingClientRect().width).sort((a, b) => a - b);
    return widths.length ? widths[Math.floor(widths.length / 2)] : 0;
  })()`)) as number;

beforeAll(async () => {
  graph = await connectTestGraph();
  const report = await importFiles(graph, {
    paths: [corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions'), corpus('claude-code-spotter'), corpus('claude-code-log-real-projects')],
    projectId,
    pricer: createPricer(),
  });
  expect(report.rejections).toEqual([]);
  server = await startTestServer(graph, projectId);
  browser = await launchBrowser();
  requests = recordRequests(browser.context);
  browser.context.on('response', (response) => {
    if (response.status() === 404) notFound.push(response.url());
  });
  page = await browser.context.newPage();
  page.on('pageerror', (error) => console.error('[browser]', error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await graph?.close();
});

describe.sequential('from import to insight (issue 16)', () => {
  it('GET / leads to the explorer, the favicon is served, and a page load asks for nothing that is not there', async () => {
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/ui');
    const icon = await fetch(`${server.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
    await page.goto(`${server.url}/`);
    await page.getByTestId('kpi-cost').waitFor();
    expect(page.url()).toBe(`${server.url}/ui`);
    expect(await page.locator('link[rel=icon]').getAttribute('href')).toBe('/favicon.ico');
    expect(notFound).toEqual([]);
  });

  it('dashboard: the time axis shows the long gap and the years; figures are labelled and plurals agree; look-alike sessions are told apart', async () => {
    await open('#/');
    const ticks = page.locator('[data-testid=chart-cost] text.tick');
    await expect.poll(() => ticks.count()).toBeGreaterThan(1);
    const labels = await ticks.allTextContents();
    // November 2025 and January 2026 are months apart: a break says how long, and each year is named.
    expect(labels[0]).toMatch(/^2025-11-/);
    expect(labels.some((l) => /^2026-/.test(l))).toBe(true);
    const gaps = page.locator('[data-testid=chart-cost] [data-testid=chart-gap]');
    expect(await gaps.count()).toBeGreaterThanOrEqual(1);
    expect(await gaps.first().locator('text').textContent()).toMatch(/^\d+(\.\d)? (d|mo|y)$/);

    const { all, roots, top } = await api<{ all: { totalCount: number }; roots: { totalCount: number }; top: { nodes: Array<{ id: string; task: string }> } }>(`{
      all: sessions(first: 1) { totalCount }
      roots: sessions(where: { rootOnly: true }, first: 1) { totalCount }
      top: sessions(where: { rootOnly: true }, orderBy: { field: TOTAL_COST_USD, direction: DESC }, first: 5) { nodes { id task } }
    }`);
    await expect.poll(() => page.getByTestId('kpi-sessions').textContent()).toBe(String(roots.totalCount));
    expect(await page.locator('.kpi', { has: page.getByTestId('kpi-sessions') }).locator('.kpi-label').textContent()).toBe('Sessions (top-level)');
    expect(await page.getByTestId('kpi-sessions-all').textContent()).toBe(`+ ${all.totalCount - roots.totalCount} sub-agent sessions = ${all.totalCount} in all`);
    // No "1 calls", "1 spans", "1 sessions" anywhere on the page.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/(^|[^\d.,])1 (calls|spans|sessions|findings|gaps)\b/);

    // Trees A and B are two runs of one cron job: the same task. The list leads with the job name
    // (not the cron uuid) and tells the two apart by start time and short id.
    const a = top.nodes.find((s) => s.id === TREE_A)!;
    const b = top.nodes.find((s) => s.id === TREE_B)!;
    expect(a.task).toBe(b.task);
    const rowOf = (id: string) => page.getByTestId('top-sessions').locator('li', { has: page.locator(`a[href="${sessionHash(id)}"]`) });
    const [labelA, labelB] = [await rowOf(TREE_A).locator('.ranked-label a').textContent(), await rowOf(TREE_B).locator('.ranked-label a').textContent()];
    expect(labelA).toBe(labelB);
    expect(labelA).toMatch(/^PR Review Patrol \(High Frequency\): /);
    expect(await rowOf(TREE_A).locator('.badge-tag').textContent()).toBe('cron');
    expect(await rowOf(TREE_A).locator('.ranked-extra').textContent()).toContain('2026-02-18 09:04 · 3c0cbde4');
    expect(await rowOf(TREE_B).locator('.ranked-extra').textContent()).toContain('2026-02-18 03:34 · 684637ff');
    await screenshot(page, 'dashboard-insight', 'dashboard-axis');
  });

  it('sessions table: search by task, agent or id (the API filter), in the URL', async () => {
    await open('#/');
    const rows = page.getByTestId('sessions-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    await page.getByTestId('sessions-search').fill('spotter-a0y');
    // Each search is a query of its own: polled generously (a loaded machine answers slowly).
    await expect.poll(() => rows.first().getAttribute('data-session-id'), { timeout: 30_000 }).toBe(SPOTTER);
    expect(await rows.count()).toBe(1);
    expect(page.url()).toContain('q=spotter-a0y');
    await page.getByTestId('sessions-search').fill('684637FF');
    await expect.poll(() => rows.first().getAttribute('data-session-id'), { timeout: 30_000 }).toBe(TREE_B);
    expect(await rows.count()).toBe(1);
    await page.getByTestId('sessions-search').fill('build');
    const builds = await api<{ sessions: { totalCount: number } }>('{ sessions(where: { rootOnly: true, search: "build" }) { totalCount } }');
    await expect.poll(() => page.getByTestId('page-info').textContent(), { timeout: 30_000 }).toContain(`${builds.sessions.totalCount} sessions matching “build”`);
    await expect.poll(() => rows.count()).toBe(builds.sessions.totalCount);
    await page.getByTestId('sessions-search').fill('');
  });

  it('tree rows say what each span did, and the tree search keeps hits with their parents', async () => {
    const nodes = await treeOf(TREE_B);
    await open(sessionHash(TREE_B));
    await page.locator('[data-span-id]').first().waitFor();
    await expect.poll(() => page.locator('.tree-row.head .cell.name').textContent()).toBe(`Span (${nodes.length} shown)`);
    // A shell call shows its command, an LLM call the first words of its answer: as the API has them.
    const exec = nodes.find((n) => n.span.toolName === 'exec' && n.span.snippet?.startsWith('gh pr list'))!;
    expect(await (await scrollToRow(exec.id)).getByTestId('row-snippet').textContent()).toBe(exec.span.snippet);
    const llm = nodes.find((n) => n.kind === 'LLM' && n.span.snippet && !n.span.snippet.startsWith('thinking'))!;
    expect(await (await scrollToRow(llm.id)).getByTestId('row-snippet').textContent()).toBe(llm.span.snippet);
    // A model call that answered with tool calls only names them.
    const silent = nodes.find((n) => n.kind === 'LLM' && !n.span.snippet && n.childIds.length > 0)!;
    expect(await (await scrollToRow(silent.id)).getByTestId('row-snippet').textContent()).toMatch(/^→ \w+/);

    // Search: every span whose text holds the words, with its ancestors; the rest are hidden.
    await page.getByTestId('tree-search').fill('gh pr list');
    const hits = nodes.filter((n) => (n.span.snippet ?? '').toLowerCase().includes('gh pr list'));
    expect(hits.length).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('tree-search-count').textContent()).toContain(`${hits.length} matching spans`);
    const matched = await page.locator('.tree-row.match').evaluateAll((els) => els.map((el) => el.getAttribute('data-span-id')));
    expect(matched.length).toBeGreaterThan(0);
    for (const id of matched) expect(hits.map((h) => h.id)).toContain(id);
    const drawn = await page.locator('.tree-row[data-span-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-span-id')));
    const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
    for (const id of matched) expect(drawn).toContain(parentOf.get(id!));
    expect(drawn.length).toBeLessThan(40);
    await screenshot(page, 'session-tree-search', 'session-search');
    await page.getByTestId('tree-search').press('Escape');
    await expect.poll(() => page.locator('.tree-row.head .cell.name').textContent()).toBe(`Span (${nodes.length} shown)`);
  });

  it('timeline: a 5-hour session gets readable bars (fitted to the rows in view), idle gaps compressed into labelled breaks', async () => {
    await open(sessionHash(TREE_B));
    await page.locator('[data-span-id]').first().waitFor();
    await page.getByTestId('tree-progress').waitFor({ state: 'detached' });
    // Drawn whole, 170 model calls in 5 hours are slivers, so the page fits the axis to the rows in view.
    await expect.poll(() => page.getByTestId('timeline-fit').getAttribute('data-mode')).toBe('view');
    await settle();
    const fitted = await medianLlmBarPx();
    expect(fitted).toBeGreaterThanOrEqual(4);
    await page.locator('.tree-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await settle();
    await expect.poll(() => page.locator('[data-testid=timeline-axis] .tick-start').textContent()).not.toBe('+0 ms');
    await page.locator('.tree-scroll').evaluate((el) => (el.scrollTop = 0));
    await screenshot(page, 'session-timeline-fitted', 'session-timeline');

    // The whole session on one axis: its idle gaps become breaks, each labelled with its length.
    await page.getByTestId('timeline-fit-session').click();
    await expect.poll(() => page.getByTestId('timeline-fit').getAttribute('data-mode')).toBe('session');
    const breaks = page.locator('[data-testid=timeline-axis] [data-testid=timeline-break]');
    await expect.poll(() => breaks.count()).toBeGreaterThan(0);
    const gapMs = Number(await breaks.first().getAttribute('data-gap-ms'));
    expect(gapMs).toBeGreaterThan(60_000);
    const compressed = await medianLlmBarPx();
    await page.getByTestId('timeline-compress').uncheck();
    await expect.poll(() => breaks.count()).toBe(0);
    const linear = await medianLlmBarPx();
    // Bars are never under 2 px (CSS), so compare the layout widths the scale gives.
    expect(compressed).toBeGreaterThanOrEqual(linear);
    expect(fitted).toBeGreaterThan(2 * linear);
    await page.getByTestId('timeline-compress').check();

    // Tree A (50 minutes, mostly waiting on sub-agents): most of its time is compressed away.
    await open(sessionHash(TREE_A));
    await page.getByTestId('tree-progress').waitFor({ state: 'detached' });
    await page.getByTestId('timeline-fit-session').click();
    await expect.poll(() => page.locator('[data-testid=timeline-axis] [data-testid=timeline-break]').count()).toBeGreaterThan(2);
  });

  it('inspector: commands with real line breaks, JSON indented, long text folded; a model call shows its turn; tools carry no price', async () => {
    const nodes = await treeOf(TREE_B);
    // A multi-line shell command (a python heredoc) stored as JSON with \n escapes.
    const script = nodes.find((n) => n.span.toolName === 'exec' && (n.span.argsCanonical ?? '').includes('<<'))!;
    await open(sessionHash(TREE_B, script.id));
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-span-id')).toBe(script.id);
    const { span } = await api<{ span: { args: { command: string } } }>('query($id: ID!) { span(id: $id) { args } }', { id: script.id });
    const shell = page.getByTestId('arg-shell').first();
    const shown = (await shell.textContent())!;
    // The command as the shell gets it (line breaks and quotes, not JSON escapes), folded when long.
    expect(shown.split('\n').length).toBeGreaterThan(5);
    expect(span.args.command.startsWith(shown.replace(/…$/, ''))).toBe(true);
    expect(script.span.argsCanonical).toContain('\\n');
    // Long: folded, and "show more" opens it.
    const more = page.getByTestId('arg-shell-more').first();
    if ((await more.count()) > 0) {
      await more.click();
      expect(((await shell.textContent()) ?? '').length).toBeGreaterThan(shown.length);
    }
    // A tool has no price: no cost line, no "$" in its figures, an empty cost cell in its row.
    expect(await page.getByTestId('inspector-cost').count()).toBe(0);
    expect(await page.locator('[data-testid=inspector] .fields').textContent()).not.toContain('$');
    expect(await page.locator(`[data-span-id="${script.id}"] [data-col=own]`).textContent()).toBe('');

    // A JSON result is indented.
    const json = nodes.find((n) => n.kind === 'TOOL' && (n.span.resultPreview ?? '').startsWith('[{"author"'))!;
    await open(sessionHash(TREE_B, json.id));
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-span-id')).toBe(json.id);
    expect(await page.getByTestId('inspector-result').textContent()).toMatch(/^\[\n {2}\{\n {4}"author": /);

    // A model call: the tool results it answered, its answer text, the calls it made; no raw JSON.
    const llm = nodes.find((n) => n.kind === 'LLM' && n.span.snippet?.startsWith('PR #68'))!;
    const previousCall = nodes.filter((n) => n.kind === 'LLM' && n.parentId === llm.parentId && n.span.seq < llm.span.seq).at(-1)!;
    const input = nodes.find((n) => n.id === previousCall.childIds[0])!;
    await open(sessionHash(TREE_B, llm.id));
    await page.getByTestId('llm-turn').waitFor();
    await expect.poll(() => page.getByTestId('turn-input').textContent()).toContain(input.span.toolName!);
    // (That result is JSON, shown indented.)
    expect(input.span.resultPreview).toMatch(/^\[\{"author":/);
    expect(await page.getByTestId('turn-input').textContent()).toContain('"author": {');
    expect(await page.getByTestId('turn-answer').textContent()).toBe(llm.span.textPreview);
    expect(await page.getByTestId('turn-calls').textContent()).toContain('exec');
    expect(await page.getByTestId('inspector-cost').textContent()).toMatch(/^\$/);
    await screenshot(page, 'session-inspector-turn', 'session-inspector');

    // The first model call answers the task (the user message).
    const first = nodes.find((n) => n.kind === 'LLM')!;
    await open(sessionHash(TREE_B, first.id));
    await expect.poll(() => page.getByTestId('turn-input').textContent()).toContain('In: the task (user message)');
  });

  it('TraceCard: its own linkable page, full width, readable, the API YAML to copy; cut sections say how many rows went', async () => {
    const res = await fetch(`${server.url}/ui/sessions/${encodeURIComponent(SPOTTER)}/card`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/ui#/session/${encodeURIComponent(SPOTTER)}/card`);
    const card = async (budget: number) =>
      (await api<{ traceCard: { yaml: string; card: Record<string, unknown> } }>('query($id: ID!, $b: Int) { traceCard(sessionId: $id, budgetTokens: $b) { yaml card } }', { id: SPOTTER, b: budget })).traceCard;
    const small = await card(512);
    await page.goto(`${server.url}/ui/sessions/${encodeURIComponent(SPOTTER)}/card`);
    await expect.poll(() => page.getByTestId('tracecard-yaml').textContent()).toBe(small.yaml);
    expect(page.url()).toBe(`${server.url}/ui#/session/${encodeURIComponent(SPOTTER)}/card`);
    // Cut sections are absent, never `[]`, and say how many rows the budget took.
    expect(small.yaml).not.toMatch(/: \[\]$/m);
    expect(small.yaml).toMatch(/^# costByTool: \d+ rows cut$/m);
    expect(small.card.costByTool).toBeUndefined();
    // The top steps and a redundancy row survive the default budget.
    expect((small.card.topSteps as unknown[]).length).toBeGreaterThanOrEqual(2);
    expect(((small.card.redundancy as { top: unknown[] }).top ?? []).length).toBeGreaterThanOrEqual(1);
    // Drawn across the page, not in a side column.
    const width = await page.getByTestId('tracecard').evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(1200);
    expect(await page.getByTestId('card-truncated').textContent()).toMatch(/^Cut to fit 512 tokens: /);
    expect(await page.getByTestId('card-topSteps').locator('tbody tr').count()).toBe((small.card.topSteps as unknown[]).length);
    expect(await page.getByTestId('cut-costByTool').textContent()).toMatch(/^0 of \d+ shown: the token budget cut \d+/);
    expect(await page.getByTestId('card-totals').textContent()).toContain('LLM calls');
    await page.getByRole('button', { name: 'Copy YAML' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Copied ✓' }).count()).toBe(1);
    await screenshot(page, 'tracecard-page', 'tracecard');
    // A bigger budget is in the URL too, so the link shows the same card.
    await page.getByTestId('card-budget').selectOption('2048');
    const big = await card(2048);
    await expect.poll(() => page.getByTestId('tracecard-yaml').textContent()).toBe(big.yaml);
    expect(page.url()).toContain('budget=2048');
    // Back to the tree.
    await page.getByTestId('card-session-link').click();
    await page.getByTestId('span-tree').waitFor();
  });

  it('no request left 127.0.0.1', () => {
    expect(outsideRequests(requests, server.url)).toEqual([]);
  });
});
