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
