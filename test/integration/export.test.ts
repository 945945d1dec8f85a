// CSV / NDJSON exports: the GraphQL filters as query parameters, columns named for BI tools, CSV
// safe to open in a spreadsheet, and keyset paging that returns every row exactly once however the
// rows fall across pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionPages, spanPagesOf } from '../../src/api/export/routes.ts';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { llmCall, sessionWith, toolCall } from '../helpers/factories.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { FIXTURE, ingestFixture } from './graphql-client.ts';

let graph: Graph;
let server: RunningServer;
const projectId = randomProjectId('export');

beforeAll(async () => {
  graph = await connectTestGraph();
  const pricer = createPricer();
  await ingestFixture(graph, projectId, pricer);
  // A task a spreadsheet would run as a formula, with a comma, a quote and a line break.
  await ingestBatch(
    graph,
    projectId,
    sessionWith({ name: 'formula', agentId: 'agent-c', startedAt: '2026-01-04T00:00:00.000Z', task: '=HYPERLINK("http://x", "a,b")\nline 2' }, [
      llmCall({ costUsd: 0.07, calls: [toolCall('write', { path: '/out.csv' })] }),
    ]),
    pricer,
  );
  server = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: async () => projectId }, 0);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

/**
 * A project of its own for what a notebook reads: costs whose float sums carry noise
 * (0.1 + 0.2 = 0.30000000000000004; three sub-micro-dollar calls), and a span with text and attributes.
 */
const notebookProject = randomProjectId('export-notebook');
let notebookServer: RunningServer;

beforeAll(async () => {
  const pricer = createPricer();
  const noisy = sessionWith({ name: 'noisy', agentId: 'agent-n', startedAt: '2026-02-02T09:00:00.000Z', task: 'sum floats' }, [
    llmCall({ costUsd: 0.1, text: 'Reading the file.', calls: [toolCall('read', { path: '/a.ts' }, { result: 'export const a = 1;' })] }),
    llmCall({ costUsd: 0.2, text: '=SUM(A1) is done\nwith a second line' }),
  ]);
  noisy.spans[0]!.attributes = { 'llm.stop_reason': 'tool_calls', temperature: 0.2, streamed: true };
  await ingestBatch(graph, notebookProject, noisy, pricer);
  await ingestBatch(
    graph,
    notebookProject,
    sessionWith({ name: 'tiny', agentId: 'agent-n', startedAt: '2026-02-03T09:00:00.000Z' }, [
      llmCall({ costUsd: 0.0000004 }),
      llmCall({ costUsd: 0.0000004 }),
      llmCall({ costUsd: 0.0000004 }),
    ]),
    pricer,
  );
  notebookServer = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: async () => notebookProject }, 0);
});
afterAll(async () => {
  await notebookServer?.close();
});

async function getNotebook(path: string) {
  const res = await fetch(`${notebookServer.url}${path}`);
  return { status: res.status, text: await res.text() };
}

async function get(path: string) {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: await res.text() };
}

/** A small RFC 4180 reader (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

const ndjson = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('sessions export', () => {
  it('CSV: a header, one row per session in start order, typed as a download', async () => {
    const res = await get('/v1/export/sessions.csv');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(res.disposition).toBe('attachment; filename="sessions.csv"');
    const [header, ...rows] = parseCsv(res.text);
    expect(header!.slice(0, 3)).toEqual(['id', 'source', 'externalId']);
    expect(rows.map((r) => r[0])).toEqual([FIXTURE.alpha, FIXTURE.alphaChild, FIXTURE.beta, FIXTURE.gamma, 'test:formula']);
    const alpha = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(alpha).toMatchObject({ agentId: 'agent-a', skill: 'csv', role: 'main', status: 'completed', spanCount: '5' });
    expect(Number(alpha.totalCostUsd)).toBeCloseTo(0.06, 9);
  });

  it('CSV cells that a spreadsheet would run as a formula are defused; quotes and line breaks survive', async () => {
    const [header, ...rows] = parseCsv((await get('/v1/export/sessions.csv?agentId=agent-c')).text);
    const task = rows[0]![header!.indexOf('task')];
    expect(task).toBe(`'=HYPERLINK("http://x", "a,b")\nline 2`);
  });

  it('NDJSON with the GraphQL filters as parameters (enum names or stored values)', async () => {
    const ids = async (query: string) => ndjson((await get(`/v1/export/sessions.ndjson?${query}`)).text).map((r) => r.id);
    expect(await ids('agentId=agent-a&rootOnly=true')).toEqual([FIXTURE.alpha, FIXTURE.gamma]);
    expect(await ids('from=2026-01-02T00:00:00Z&to=2026-01-04T00:00:00Z')).toEqual([FIXTURE.beta, FIXTURE.gamma]);
    expect(await ids('role=SUBAGENT')).toEqual([FIXTURE.alphaChild]);
    expect(await ids('hasErrors=true&source=openclaw')).toEqual([FIXTURE.alphaChild, FIXTURE.beta]);
    expect(await ids(`ids=${FIXTURE.beta},${FIXTURE.gamma}`)).toEqual([FIXTURE.beta, FIXTURE.gamma]);
    const [row] = ndjson((await get(`/v1/export/sessions.ndjson?ids=${FIXTURE.gamma}`)).text);
    expect(row).toMatchObject({ id: FIXTURE.gamma, spanCount: 1, outcome: null });
    expect(typeof row!.totalCostUsd).toBe('number');
  });

  it('refuses unknown parameters and bad values with a 400 that says what is wrong', async () => {
    const typo = await get('/v1/export/sessions.csv?agent=agent-a');
    expect(typo.status).toBe(400);
    expect(typo.text).toMatch(/unknown parameter\(s\) agent/);
    const badDate = await get('/v1/export/sessions.csv?from=last-week');
    expect(badDate.status).toBe(400);
    expect(badDate.text).toMatch(/from: DateTime must be an ISO-8601/);
    expect((await get('/v1/export/sessions.csv?status=done')).text).toMatch(/status: one of open, completed, failed/);
    expect((await get('/v1/export/nothing.csv')).status).toBe(404);
  });
});

describe('spans export', () => {
  it('spans in session start order, then seq, with span filters', async () => {
    const all = ndjson((await get('/v1/export/spans.ndjson')).text);
    expect(all).toHaveLength(5 + 2 + 2 + 1 + 2);
    expect(all.slice(0, 5).map((s) => s.id)).toEqual(['test:alpha:1', 'test:alpha:2', 'test:alpha:3', 'test:alpha:4', 'test:alpha:5']);
    expect(all[1]).toMatchObject({ parentId: 'test:alpha:1', kind: 'TOOL', toolName: 'read' });
    expect(all[3]).toMatchObject({ kind: 'SUBAGENT', spawnedSessionId: FIXTURE.alphaChild });
    const llm = ndjson((await get('/v1/export/spans.ndjson?kind=LLM&agentId=agent-a')).text);
    expect(llm.map((s) => s.id)).toEqual(['test:alpha:1', 'test:alpha:5', 'test:alpha-child:1', 'test:gamma:1']);
    const failed = parseCsv((await get('/v1/export/spans.csv?spanStatus=error')).text);
    expect(failed.slice(1).map((r) => r[0])).toEqual(['test:alpha-child:2', 'test:beta:2']);
  });
});

describe('rollup export', () => {
  it('names the key columns after the dimensions', async () => {
    const [header, ...rows] = parseCsv((await get('/v1/export/rollup.csv?groupBy=day,model&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z')).text);
    expect(header!.slice(0, 4)).toEqual(['day', 'model', 'costUsd', 'costBasis']);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(0, 2)).toEqual(['2026-01-01', 'test-model']);
    expect(Number(rows[0]![2])).toBeCloseTo(0.06, 9);
    const tools = ndjson((await get('/v1/export/rollup.ndjson?groupBy=TOOL')).text);
    expect(tools.find((r) => r.tool === 'read')).toMatchObject({ toolCalls: 2, costBasis: 'attributed' });
    expect((await get('/v1/export/rollup.csv')).status).toBe(400);
    expect((await get('/v1/export/rollup.csv?groupBy=day,tool')).text).toMatch(/`tool` can only be the first/);
  });
});

describe('paging', () => {
  async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
    const out: T[] = [];
    for await (const page of pages) out.push(...page);
    return out;
  }

  it('every session and span exactly once, in order, whatever the page size', async () => {
    const sessions = (await collect(sessionPages(graph, projectId, {}, 1000))).map((s) => s.id);
    const spans = (await collect(spanPagesOf(graph, projectId, {}, {}))).map((s) => s.id);
    for (const size of [1, 2, 3]) {
      expect((await collect(sessionPages(graph, projectId, {}, size))).map((s) => s.id)).toEqual(sessions);
      for (const spanPage of [1, 2, 4]) {
        expect((await collect(spanPagesOf(graph, projectId, {}, {}, { sessions: size, spans: spanPage }))).map((s) => s.id)).toEqual(spans);
      }
    }
  });
});

describe('what a notebook reads (pd.read_csv of an export)', () => {
  const record = (header: string[], row: string[]) => Object.fromEntries(header.map((h, i) => [h, row[i]]));

  it('span CSV: args, result and text previews and the attributes as JSON text, last', async () => {
    const [header, ...rows] = parseCsv((await getNotebook('/v1/export/spans.csv?ids=test:noisy')).text);
    expect(header!.slice(-4)).toEqual(['argsCanonical', 'resultPreview', 'textPreview', 'attributes']);
    const byId = Object.fromEntries(rows.map((r) => [r[0], record(header!, r)]));
    expect(byId['test:noisy:1']).toMatchObject({ kind: 'LLM', textPreview: 'Reading the file.' });
    expect(JSON.parse(byId['test:noisy:1']!.attributes!)).toEqual({ 'llm.stop_reason': 'tool_calls', temperature: 0.2, streamed: true });
    expect(byId['test:noisy:2']).toMatchObject({ kind: 'TOOL', toolName: 'read', resultPreview: 'export const a = 1;' });
    expect(JSON.parse(byId['test:noisy:2']!.argsCanonical!)).toEqual({ path: '/a.ts' });
    // Text a spreadsheet would run is defused like any other cell; line breaks survive quoting.
    expect(byId['test:noisy:3']!.textPreview).toBe("'=SUM(A1) is done\nwith a second line");
    expect(byId['test:noisy:3']!.attributes).toBe('');
  });

  it('span NDJSON: attributes as an object; previews=false / attributes=false leave the columns out', async () => {
    const [first] = ndjson((await getNotebook('/v1/export/spans.ndjson?ids=test:noisy&kind=llm')).text);
    expect(first!.attributes).toEqual({ 'llm.stop_reason': 'tool_calls', temperature: 0.2, streamed: true });
    expect(first!.textPreview).toBe('Reading the file.');
    const lean = ndjson((await getNotebook('/v1/export/spans.ndjson?ids=test:noisy&previews=false&attributes=false')).text);
    expect(Object.keys(lean[0]!)).not.toContain('textPreview');
    expect(Object.keys(lean[0]!)).not.toContain('attributes');
    expect(Object.keys(lean[0]!).at(-1)).toBe('spawnedSessionId');
    const [header] = parseCsv((await getNotebook('/v1/export/spans.csv?previews=false')).text);
    expect(header!.slice(-2)).toEqual(['spawnedSessionId', 'attributes']);
  });

  it('money is presented in micro-dollars, summed before rounding', async () => {
    const sessions = ndjson((await getNotebook('/v1/export/sessions.ndjson')).text);
    const noisy = sessions.find((r) => r.id === 'test:noisy')!;
    // Stored as summed (0.1 + 0.2 in floats), shown as a person would write it.
    const stored = (await graph.read('test-support/snapshot-sessions', { projectId: notebookProject })).find((r) => r.id === 'test:noisy');
    expect((stored?.props as { totalCostUsd: number }).totalCostUsd).toBe(0.1 + 0.2);
    expect(noisy.totalCostUsd).toBe(0.3);
    expect(noisy.ownCostUsd).toBe(0.3);
    expect((await getNotebook('/v1/export/sessions.csv?ids=test:noisy')).text).toMatch(/,0\.3,0\.3,/);
    // Three calls of $0.0000004: each shows as 0, their sum (never the rounded parts) as 0.000001.
    const tiny = sessions.find((r) => r.id === 'test:tiny')!;
    expect(tiny.totalCostUsd).toBe(0.000001);
    const spans = ndjson((await getNotebook('/v1/export/spans.ndjson?ids=test:tiny')).text);
    expect(spans.map((s) => s.costUsd)).toEqual([0, 0, 0]);
    const byDay = ndjson((await getNotebook('/v1/export/rollup.ndjson?groupBy=DAY')).text);
    expect(byDay.map((r) => [r.day, r.costUsd])).toEqual([
      ['2026-02-02', 0.3],
      ['2026-02-03', 0.000001],
    ]);
  });

  it('rollup: dimensions in either case, week included; a missing groupBy says so and lists them', async () => {
    const byWeek = ndjson((await getNotebook('/v1/export/rollup.ndjson?groupBy=WEEK,agent')).text);
    expect(byWeek).toEqual([expect.objectContaining({ week: '2026-02-02', agent: 'agent-n', llmCalls: 5, costUsd: 0.300001 })]);
    const missing = await getNotebook('/v1/export/rollup.csv?from=2026-01-01T00:00:00Z');
    expect(missing.status).toBe(400);
    const { error } = JSON.parse(missing.text) as { error: { message: string } };
    expect(error.message).toMatch(/groupBy is missing: name one or two dimensions of model, provider, agent, skill, session, source, day, week, hour, tool \(either case\), e\.g\. groupBy=day,model/);
    expect(missing.text).not.toMatch(/expected array|received undefined/i);
    expect((await getNotebook('/v1/export/rollup.csv?groupBy=fortnight')).text).toMatch(/groupBy: one of model, provider, agent, skill, session, source, day, week, hour, tool \(either case\), not \\?"fortnight/);
  });
});
