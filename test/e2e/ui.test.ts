// The trace explorer in a real browser (Debian's Chromium via playwright-core) on real traces: the
// OpenClaw tree B session with its sub-agent sessions and a Claude Code session with sub-agents.
// Each page's figures are checked against the GraphQL API, the tree is clicked through (span →
// sub-agent expanded in place → its session), a distill run is started and followed to the spans
// its rules cite, and no request may leave 127.0.0.1. Screenshots land in test/e2e/screenshots/.
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
const CLAUDE = 'claude-code:fa812bfe-b295-4cca-9c2f-fdf01028cb46';
const projectId = randomProjectId('e2e-ui');

let graph: Graph;
let server: RunningServer;
let browser: TestBrowser;
let page: Page;
let requests: string[];

const api = async <T>(query: string, variables: Record<string, unknown> = {}) => ok(await gql<T>(server.url, query, variables));
/** How the page formats a figure: the page's own format.js, so the test compares like with like. */
const shown = (fn: 'usd' | 'count', value: number) => page.evaluate(`import('/ui/assets/format.js').then((m) => m.${fn}(${JSON.stringify(value)}))`);
const open = (hash: string) => page.goto(`${server.url}/ui/${hash}`);
const sessionHash = (id: string, span?: string) => `#/session/${encodeURIComponent(id)}${span ? `?span=${encodeURIComponent(span)}` : ''}`;
const dataValue = async (testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));

/** Two animation frames: React has drawn what the last scroll asked for. */
const settle = () => page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');

/** Scrolls the virtualised tree until the row is drawn (rows off screen are not in the DOM), then centres it. */
async function scrollToRow(spanId: string) {
  const row = page.locator(`[data-span-id="${spanId}"]`);
  const scroller = page.locator('.tree-scroll');
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await settle();
  for (let i = 0; i < 1000 && (await row.count()) === 0; i++) {
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

beforeAll(async () => {
  graph = await connectTestGraph();
  const report = await importFiles(graph, {
    paths: [corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions'), corpus('claude-code-spotter')],
    projectId,
    pricer: createPricer(),
  });
  expect(report.rejections).toEqual([]);
  server = await startTestServer(graph, projectId);
  browser = await launchBrowser();
  requests = recordRequests(browser.context);
  page = await browser.context.newPage();
  page.on('pageerror', (error) => console.error('[browser]', error.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await graph?.close();
});

describe.sequential('trace explorer', () => {
  it('serves the page with a CSP that allows nothing but this server', async () => {
    const res = await fetch(`${server.url}/ui`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    expect((await fetch(`${server.url}/ui/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/ui/assets/secret.ts`)).status).toBe(404);
  });

  it('dashboard: figures match the API, filters and the sessions table work', async () => {
    await open('#/');
    await page.getByTestId('kpi-cost').waitFor();
    const data = await api<{
      series: Array<{ costUsd: number; llmCalls: number }>;
      byModel: Array<{ key1: string; costUsd: number }>;
      all: { totalCount: number };
      roots: { totalCount: number; nodes: Array<{ id: string; totalCostUsd: number }> };
      waste: Array<{ wastedUsd: number | null }>;
    }>(`{
      series: costRollup(groupBy: [DAY]) { costUsd llmCalls }
      byModel: costRollup(groupBy: [MODEL]) { key1 costUsd }
      all: sessions(first: 1) { totalCount }
      roots: sessions(where: { rootOnly: true }, orderBy: { field: TOTAL_COST_USD, direction: DESC }, first: 5) { totalCount nodes { id totalCostUsd } }
      waste: redundantCalls(first: 1000) { wastedUsd }
    }`);
    const cost = data.series.reduce((s, r) => s + r.costUsd, 0);
    // The KPIs fill in as their queries answer (slowly on a loaded machine): polled, not read once.
    await expect.poll(() => dataValue('kpi-cost')).toBeCloseTo(cost, 9);
    await expect.poll(() => page.getByTestId('kpi-cost').textContent()).toBe(await shown('usd', cost));
    // Labelled (issue 16): top-level sessions, and the sub-agent sessions that make up the rest.
    await expect.poll(() => page.getByTestId('kpi-sessions').textContent()).toBe(String(data.roots.totalCount));
    expect(await page.getByTestId('kpi-sessions-all').textContent()).toBe(
      `+ ${data.all.totalCount - data.roots.totalCount} sub-agent sessions = ${data.all.totalCount} in all`,
    );
    const llmCalls = data.series.reduce((s, r) => s + r.llmCalls, 0);
    await expect.poll(() => page.getByTestId('kpi-llm-calls').textContent()).toBe(await shown('count', llmCalls));
    const waste = data.waste.reduce((s, f) => s + (f.wastedUsd ?? 0), 0);
    expect(waste).toBeGreaterThan(0);
    await expect.poll(() => dataValue('kpi-waste')).toBeCloseTo(waste, 9);

    const models = page.getByTestId('cost-by-model').locator('li');
    expect(await models.count()).toBe(data.byModel.length);
    for (const [i, row] of data.byModel.entries()) {
      expect(await models.nth(i).locator('.ranked-label').textContent()).toBe(row.key1);
      expect(Number(await models.nth(i).locator('.ranked-value').getAttribute('data-value'))).toBeCloseTo(row.costUsd, 9);
    }
    // The most expensive session is tree B, and its figure is its inclusive cost.
    const top = page.getByTestId('top-sessions').locator('li').first();
    expect(await top.locator('a').getAttribute('href')).toBe(sessionHash(TREE_B));
    expect(data.roots.nodes[0]!.id).toBe(TREE_B);
    expect(await top.locator('.ranked-value').textContent()).toBe(await shown('usd', data.roots.nodes[0]!.totalCostUsd));
    // Tree B's first spawn has no transcript: its total is a lower bound, and says so.
    expect(await top.locator('.ranked-extra').textContent()).toContain('lower bound: 1 sub-agent missing');

    // Sessions table: top-level sessions, newest first; sort by total cost; include sub-agents.
    const rows = page.getByTestId('sessions-table').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(data.roots.totalCount);
    await page.getByTestId('sort-totalCostUsd').click();
    await expect.poll(() => rows.first().getAttribute('data-session-id'), { timeout: 30_000 }).toBe(TREE_B);
    const treeBTotal = rows.first().locator('[data-col=totalCostUsd] [data-testid=lower-bound]');
    expect(await treeBTotal.textContent()).toBe(`≥ ${await shown('usd', data.roots.nodes[0]!.totalCostUsd)} 1 missing`);
    // Tree A has all its children: a plain total.
    expect(await page.locator(`tr[data-session-id="${TREE_A}"] [data-testid=lower-bound]`).count()).toBe(0);
    await page.getByTestId('include-subagents').check();
    // Each step is a GraphQL round trip; under a full CI run one took longer than expect.poll's 5 s.
    const slow = { timeout: 30_000 };
    await expect.poll(() => page.getByTestId('page-info').textContent(), slow).toContain(`${data.all.totalCount} sessions`);
    await expect.poll(() => rows.count(), slow).toBe(Math.min(20, data.all.totalCount));
    await page.getByTestId('page-next').click();
    await expect.poll(() => page.getByTestId('page-info').textContent(), slow).toContain('page 2');
    await expect.poll(() => rows.count(), slow).toBe(data.all.totalCount - 20);
    await page.getByTestId('page-prev').click();
    await page.getByTestId('period-hour').click();
    await expect.poll(() => page.locator('[data-testid=chart-cost] .bar').count()).toBeGreaterThan(7);
    await screenshot(page, 'dashboard');

    // Filtering by agent narrows every figure to that agent.
    await page.getByTestId('filter-agent').selectOption('claude-code');
    const claude = await api<{ series: Array<{ costUsd: number }> }>(`{ series: costRollup(groupBy: [DAY], where: { agentId: "claude-code" }) { costUsd } }`);
    const claudeCost = claude.series.reduce((s, r) => s + r.costUsd, 0);
    // The page keeps the previous figures until the filtered dashboard query answers; under a full
    // test run's load its first run (planning included) can take longer than expect.poll's 5 s.
    await expect.poll(() => dataValue('kpi-cost'), { timeout: 60_000 }).toBeCloseTo(claudeCost, 9);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-session-id')).toBe(CLAUDE);

    // A time range (one day, by the hour) narrows them to that day.
    await page.getByTestId('filter-agent').selectOption('');
    await page.getByTestId('filter-from').fill('2026-02-18');
    await page.getByTestId('filter-to').fill('2026-02-18');
    const day = await api<{ series: Array<{ costUsd: number }> }>(
      `{ series: costRollup(groupBy: [HOUR], timeRange: { from: "2026-02-18T00:00:00.000Z", to: "2026-02-19T00:00:00.000Z" }) { costUsd } }`,
    );
    const dayCost = day.series.reduce((s, r) => s + r.costUsd, 0);
    expect(dayCost).toBeLessThan(cost);
    await expect.poll(() => dataValue('kpi-cost'), { timeout: 60_000 }).toBeCloseTo(dayCost, 9);
    await expect.poll(() => rows.first().getAttribute('data-session-id')).toMatch(/^openclaw:/);
    await page.locator('h1').click(); // no focus ring on the date input in the picture
    await screenshot(page, 'dashboard-one-day', 'dashboard');
  });

  it('session (OpenClaw tree B): header, tree → span → sub-agent in place → its session, TraceCard', async () => {
    await open('#/?sort=totalCostUsd');
    await page.getByTestId('sessions-table').locator(`tr[data-session-id="${TREE_B}"] a`).click();
    await page.getByTestId('session-page').waitFor();
    expect(page.url()).toContain(sessionHash(TREE_B));
    const { session, redundantCalls } = await api<{
      session: {
        ownCostUsd: number;
        totalCostUsd: number;
        spanCount: number;
        childSessions: Array<{ id: string; spanCount: number }>;
        tree: { nodes: Array<{ id: string; kind: string; spawnedSessionId: string | null; span: { costUsd: number | null; status: string } }> };
        traceCard: { yaml: string };
      };
      redundantCalls: Array<{ spanId: string; sessionId: string; wastedUsd: number | null }>;
    }>(
      `query($id: ID!) {
        session(id: $id) {
          ownCostUsd totalCostUsd spanCount childSessions { id spanCount }
          tree(first: 1000) { nodes { id kind spawnedSessionId span { costUsd status } } }
          traceCard { yaml }
        }
        redundantCalls(where: { sessionId: $id }) { spanId sessionId wastedUsd }
      }`,
      { id: TREE_B },
    );

    await page.getByTestId('session-own-cost').waitFor();
    expect(await dataValue('session-own-cost')).toBeCloseTo(session.ownCostUsd, 9);
    // Tree B spawned a child whose transcript is missing: the total is a lower bound, and says so.
    expect(await page.getByTestId('session-total-cost').textContent()).toBe(`≥ ${await shown('usd', session.totalCostUsd)}`);
    expect(await page.getByTestId('session-lower-bound').textContent()).toBe('lower bound: 1 sub-agent missing');
    expect(await page.getByTestId('missing-subagents').textContent()).toContain('pr75-review-fix');
    expect(await dataValue('session-span-count')).toBe(session.spanCount);
    expect(await dataValue('session-children')).toBe(session.childSessions.length);
    await expect.poll(() => page.locator('.tree-row.head .cell.name').textContent()).toBe(`Span (${session.spanCount} shown)`);

    // Click an LLM span: the inspector shows its cost as the API has it.
    const llm = session.tree.nodes.find((n) => n.kind === 'LLM' && (n.span.costUsd ?? 0) > 0)!;
    await (await scrollToRow(llm.id)).click();
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-span-id')).toBe(llm.id);
    expect(await page.getByTestId('inspector-cost').textContent()).toContain(await shown('usd', llm.span.costUsd!));
    expect(page.url()).toContain(encodeURIComponent(llm.id));

    // Hover a Gantt bar: details appear.
    await page.locator(`[data-span-id="${llm.id}"] [data-testid=gantt-bar]`).hover();
    await expect.poll(() => page.getByTestId('hover-card').textContent()).toContain('LLM');

    // Error and redundancy badges, and what the inspector says about them.
    const failed = session.tree.nodes.find((n) => n.span.status === 'ERROR')!;
    const failedRow = await scrollToRow(failed.id);
    expect(await failedRow.locator('.badge-error').count()).toBe(1);
    await failedRow.click();
    await page.getByTestId('inspector-error').waitFor();
    const repeat = redundantCalls.find((f) => f.sessionId === TREE_B && f.wastedUsd !== null)!;
    const repeatRow = await scrollToRow(repeat.spanId);
    expect(await repeatRow.locator('.badge-waste').count()).toBe(1);
    await repeatRow.click();
    await expect.poll(() => page.getByTestId('inspector-redundancy').textContent()).toContain(`Wasted ${await shown('usd', repeat.wastedUsd!)}`);

    // A sub-agent spawn expands in place: the child session's spans appear under it.
    // A spawn whose child transcript is there (a `missing` child is a placeholder with no spans).
    const spawn = session.tree.nodes.find((n) => n.spawnedSessionId && session.childSessions.some((c) => c.id === n.spawnedSessionId && c.spanCount > 0))!;
    await scrollToRow(spawn.id);
    // (Expanding it in place is checked in the next test.)
    await screenshot(page, 'session-tree-b');

    // The TraceCard (a page of its own since issue 16) is the API's YAML, and copyable.
    await page.getByTestId('tab-tracecard').click();
    await expect.poll(() => page.getByTestId('tracecard-yaml').textContent()).toBe(session.traceCard.yaml);
    expect(page.url()).toContain(`#/session/${encodeURIComponent(TREE_B)}/card`);
    await page.getByRole('button', { name: 'Copy YAML' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Copied ✓' }).count()).toBe(1);
    await screenshot(page, 'session-tracecard');

    // From the spawn span, open the sub-agent's own session.
    await page.getByTestId('card-session-link').click();
    await page.getByTestId('span-tree').waitFor();
    await (await scrollToRow(spawn.id)).click();
    await page.getByTestId('open-subagent').click();
    await expect.poll(() => page.getByTestId('session-id').textContent()).toBe(spawn.spawnedSessionId);
    const child = await api<{ session: { totalCostUsd: number; parentSessionId: string } }>('query($id: ID!) { session(id: $id) { totalCostUsd parentSessionId } }', {
      id: spawn.spawnedSessionId,
    });
    expect(child.session.parentSessionId).toBe(TREE_B);
    await expect.poll(() => dataValue('session-total-cost')).toBeCloseTo(child.session.totalCostUsd, 9);
    expect(await page.getByTestId('parent-session').getAttribute('href')).toContain(encodeURIComponent(TREE_B));
  });

  it('session (OpenClaw tree B): a sub-agent spawn expands in place', async () => {
    const { session, redundantCalls } = await api<{
      session: { tree: { nodes: Array<{ id: string; spawnedSessionId: string | null }> }; childSessions: Array<{ id: string; spanCount: number }> };
      redundantCalls: Array<{ spanId: string; sessionId: string; wastedUsd: number | null }>;
    }>(
      `query($id: ID!) {
        session(id: $id) { childSessions { id spanCount } tree(first: 1000) { nodes { id spawnedSessionId } } }
        redundantCalls(where: { sessionId: $id }) { spanId sessionId wastedUsd }
      }`,
      { id: TREE_B },
    );
    // Back from the sub-agent's page to tree B, with the redundant call inspected above selected: a
    // span far from the spawn, so the expansion below must not pull the view back to it.
    const repeat = redundantCalls.find((f) => f.sessionId === TREE_B && f.wastedUsd !== null)!;
    const selectedRow = page.locator(`.tree-row.selected[data-span-id="${repeat.spanId}"]`);
    await open(sessionHash(TREE_B, repeat.spanId));
    // The tree has loaded and scrolled to the selected span (slowly when the machine is loaded).
    await expect.poll(() => selectedRow.count(), { timeout: 30_000 }).toBe(1);
    // A spawn whose child transcript is there (a `missing` child is a placeholder with no spans).
    const spawn = session.tree.nodes.find((n) => n.spawnedSessionId && session.childSessions.some((c) => c.id === n.spawnedSessionId && c.spanCount > 0))!;
    const spawnRow = await scrollToRow(spawn.id);
    expect(await selectedRow.count()).toBe(0);
    const expand = spawnRow.getByTestId('expand-subagent');
    expect(await expand.getAttribute('aria-label')).toBe('Expand');
    await expand.click();
    // The child's rows are drawn right under the spawn, with no scrolling.
    const childRows = page.locator(`.tree-row.sub[data-span-id^="${spawn.spawnedSessionId}:"]`);
    await expect.poll(() => childRows.count()).toBeGreaterThan(0);
    expect(await spawnRow.count()).toBe(1);
    const childSpanId = await childRows.nth(Math.min(2, (await childRows.count()) - 1)).getAttribute('data-span-id');
    await page.locator(`[data-span-id="${childSpanId}"]`).click();
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-span-id')).toBe(childSpanId);
  });

  it('session (Claude Code): Task sub-agents expand in place', async () => {
    const { session } = await api<{ session: { tree: { nodes: Array<{ id: string; spawnedSessionId: string | null }> }; childSessions: Array<{ id: string }> } }>(
      'query($id: ID!) { session(id: $id) { childSessions { id } tree(first: 1000) { nodes { id spawnedSessionId } } } }',
      { id: CLAUDE },
    );
    const spawns = session.tree.nodes.filter((n) => n.spawnedSessionId);
    expect(spawns.length).toBeGreaterThanOrEqual(2);
    await open(sessionHash(CLAUDE, spawns[0]!.id));
    // Opened with ?span=: the span is revealed and selected.
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-span-id')).toBe(spawns[0]!.id);
    await page.locator(`[data-span-id="${spawns[0]!.id}"] [data-testid=expand-subagent]`).click();
    const childRows = page.locator(`.tree-row.sub[data-span-id^="${spawns[0]!.spawnedSessionId}:"]`);
    await expect.poll(() => childRows.count()).toBeGreaterThan(3);
    // Zoom the timeline to the sub-agent's spawn, so its steps spread over the Gantt.
    await page.getByTestId('zoom-span').click();
    await page.getByTestId('zoom-reset').waitFor();
    const llmRow = page.locator(`.tree-row.sub[data-kind=LLM]`).first();
    await llmRow.click();
    const id = await llmRow.getAttribute('data-span-id');
    const { span } = await api<{ span: { costUsd: number; sessionId: string } }>('query($id: ID!) { span(id: $id) { costUsd sessionId } }', { id });
    expect(span.sessionId).toBe(spawns[0]!.spawnedSessionId);
    await expect.poll(() => page.getByTestId('inspector-cost').textContent()).toContain(await shown('usd', span.costUsd));
    await screenshot(page, 'session-claude-code', 'session');
  });

  it('distill: start a run, watch it finish, follow a rule to the span it cites, diff against the previous version', async () => {
    const skill = `pr-patrol-${Date.now()}`;
    for (const round of [1, 2]) {
      await open('#/distill');
      await page.getByTestId('scope-pick').check();
      await page.getByTestId('distill-skill').fill(skill);
      await page.locator(`[data-testid=distill-sessions] input[data-session-id="${TREE_B}"]`).check();
      if (round === 2) await page.getByTestId('pick-all').click();
      await page.getByTestId('distill-start').click();
      await expect.poll(() => page.getByTestId('distill-run').getAttribute('data-run-id')).toMatch(/^distill-/);
      await expect.poll(() => page.getByTestId('distill-progress').getAttribute('data-status'), { timeout: 120_000 }).toBe('SUCCEEDED');
    }
    const runId = (await page.getByTestId('distill-run').getAttribute('data-run-id'))!;
    const { distillRun } = await api<{ distillRun: { skillVersion: { number: number; text: string; diff: string }; patches: Array<{ id: string; status: string }> } }>(
      'query($id: ID!) { distillRun(id: $id) { skillVersion { number text diff } patches { id status } } }',
      { id: runId },
    );
    expect(distillRun.skillVersion.number).toBe(2);
    await screenshot(page, 'distill');

    // Every provenance mark in the SKILL.md is drawn as a rule linked to its patch.
    const rules = page.locator('[data-testid=skill-md] li.rule');
    const marks = [...distillRun.skillVersion.text.matchAll(/_\[(p\d+)[\] ]/g)].map((m) => m[1]);
    expect(await rules.count()).toBe(marks.length);
    const kept = page.locator('[data-testid=skill-md] li.rule:has([data-testid=rule-provenance])');
    expect(await kept.count()).toBeGreaterThan(0);

    // Diff against v1, as the API has it.
    await page.getByTestId('tab-diff').click();
    expect(await page.getByTestId('skill-diff').textContent()).toBe(distillRun.skillVersion.diff.replace(/\n?$/, '\n'));
    await page.getByTestId('tab-skill').click();

    // Follow a cited span: it opens in its session, selected in the inspector.
    const ruleWithSpan = page.locator('[data-testid=skill-md] li.rule').filter({ has: page.locator('[data-testid=rule-provenance]') });
    let citedSpan: string | null = null;
    for (let i = 0; i < (await ruleWithSpan.count()) && !citedSpan; i++) {
      await ruleWithSpan.nth(i).getByTestId('rule-provenance').click();
      const link = ruleWithSpan.nth(i).locator('[data-cite-kind=Span]').first();
      if ((await link.count()) > 0) {
        citedSpan = await link.textContent();
        await screenshot(page, 'distill-provenance', 'distill');
        await link.click();
      }
    }
    expect(citedSpan).toBeTruthy();
    await expect.poll(() => page.getByTestId('inspector').getAttribute('data-span-id')).toBe(citedSpan);
    const { span } = await api<{ span: { sessionId: string } }>('query($id: ID!) { span(id: $id) { sessionId } }', { id: citedSpan });
    expect(await page.getByTestId('session-id').textContent()).toBe(span.sessionId);
  });

  it('distill a cohort with no session list: the agent of a real OpenClaw history, all five sections filled', async () => {
    const { cohorts } = await api<{ cohorts: Array<{ kind: string; key: string; sessions: number; costUsd: number }> }>('{ cohorts(first: 200) { kind key sessions costUsd } }');
    const agent = cohorts.find((c) => c.kind === 'AGENT' && c.key === 'build')!;
    expect(agent.sessions).toBe(22);
    await open('#/distill');
    const row = page.locator('[data-testid=distill-cohorts] tr[data-cohort-kind=AGENT][data-cohort-key=build]');
    await row.waitFor();
    expect(await row.getByTestId('cohort-sessions').textContent()).toBe('22');
    expect(Number(await row.getByTestId('cohort-spend').getAttribute('data-value'))).toBeCloseTo(agent.costUsd, 9);
    expect(await page.locator('[data-testid=distill-cohorts] tr[data-cohort-kind=TASK]').count()).toBeGreaterThan(0);
    await screenshot(page, 'distill-cohorts');
    await row.click();
    expect(await page.getByTestId('distill-skill').inputValue()).toBe('build');
    await page.getByTestId('distill-start').click();
    await expect.poll(() => page.getByTestId('distill-run').getAttribute('data-run-id')).toMatch(/^distill-/);
    await expect.poll(() => page.getByTestId('distill-progress').getAttribute('data-status'), { timeout: 120_000 }).toBe('SUCCEEDED');
    const runId = (await page.getByTestId('distill-run').getAttribute('data-run-id'))!;
    const { distillRun } = await api<{ distillRun: { skill: string; skillVersion: { text: string }; result: { sessions: { total: number; inferred: number } } } }>(
      'query($id: ID!) { distillRun(id: $id) { skill skillVersion { text } result } }',
      { id: runId },
    );
    expect(distillRun.skill).toBe('build');
    expect(distillRun.result.sessions.total).toBe(22);
    for (const section of ['Trigger', 'Workflow', 'Stop rules', 'Artifact checklist', 'Cost control']) {
      expect(distillRun.skillVersion.text.split(`## ${section}\n`)[1]?.split('\n## ')[0], section).toMatch(/^- /m);
    }
    // The page draws the same SKILL.md, rule by rule.
    const marks = [...distillRun.skillVersion.text.matchAll(/_\[(p\d+)[\] ]/g)].length;
    await expect.poll(() => page.locator('[data-testid=skill-md] li.rule').count()).toBe(marks);
    expect(await page.getByTestId('skill-md').textContent()).toContain('outcomes inferred');
    await screenshot(page, 'distill-cohort');
  });

  it('no request left 127.0.0.1', () => {
    expect(requests.length).toBeGreaterThan(20);
    expect(outsideRequests(requests, server.url)).toEqual([]);
  });
});
