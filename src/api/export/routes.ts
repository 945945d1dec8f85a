// GET /v1/export/{sessions,spans,rollup}.{csv,ndjson}: the GraphQL filters as query parameters,
// streamed page by page from Neo4j (keyset pages, constant memory however many rows).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { costRollup } from '../../graph/rollups.ts';
import { listSessions, spansOfSessionsPage, type ExportSpanPosition, type Keyset, type SessionFilter, type SpanFilter } from '../../graph/sessions.ts';
import type { Graph } from '../../graph/driver.ts';
import type { AppContext } from '../context.ts';
import { HttpError } from '../http.ts';
import type { Route } from '../router.ts';
import { rollupColumns, SESSION_COLUMNS, spanColumns } from './columns.ts';
import type { ExportFormat } from './format.ts';
import { rollupExportParams, sessionExportParams, spanExportParams } from './params.ts';
import { streamExport } from './stream.ts';

/** Rows per Neo4j round trip: big enough to amortise it, small enough to keep memory flat. */
export const SESSION_PAGE = 1000;
export const SPAN_PAGE = 5000;
/** Sessions whose spans one span-page query looks through. */
const SPAN_SESSION_BATCH = 200;

const ORDER = { field: 'startedAt', descending: false } as const;

/** Sessions in start order, page by page. */
export async function* sessionPages(graph: Graph, projectId: string, filter: SessionFilter, pageSize = SESSION_PAGE) {
  let after: Keyset<string | number> | null = null;
  for (;;) {
    const rows = await listSessions(graph, projectId, filter, ORDER, pageSize, after);
    if (rows.length === 0) return;
    yield rows.map((r) => r.session);
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    after = { key: last.sortKey, id: last.session.id };
  }
}

/** Spans of the matching sessions: sessions in start order, spans in seq order within each. */
export async function* spanPagesOf(
  graph: Graph,
  projectId: string,
  sessions: SessionFilter,
  spans: SpanFilter,
  sizes = { sessions: SPAN_SESSION_BATCH, spans: SPAN_PAGE },
) {
  for await (const batch of sessionPages(graph, projectId, sessions, sizes.sessions)) {
    const ids = batch.map((s) => s.id);
    let after: ExportSpanPosition | null = null;
    for (;;) {
      const rows = await spansOfSessionsPage(graph, projectId, ids, spans, sizes.spans, after);
      if (rows.length > 0) yield rows.map((r) => r.span);
      if (rows.length < sizes.spans) break;
      after = rows.at(-1)!.position;
    }
  }
}

function exportRoute(ctx: AppContext, handler: (projectId: string, format: ExportFormat, url: URL, res: ServerResponse) => Promise<unknown>) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const format = url.pathname.endsWith('.csv') ? 'csv' : 'ndjson';
    const projectId = await ctx.projectFor(req);
    await handler(projectId, format, url, res);
  };
}

export function exportRoutes(ctx: AppContext): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/export\/sessions\.(csv|ndjson)$/,
      handler: exportRoute(ctx, (projectId, format, url, res) => {
        const filter = sessionExportParams(url.searchParams);
        return streamExport(res, { name: 'sessions', format, columns: SESSION_COLUMNS, pages: sessionPages(ctx.graph, projectId, filter) });
      }),
    },
    {
      method: 'GET',
      path: /^\/v1\/export\/spans\.(csv|ndjson)$/,
      handler: exportRoute(ctx, (projectId, format, url, res) => {
        const { sessions, spans, columns } = spanExportParams(url.searchParams);
        return streamExport(res, { name: 'spans', format, columns: spanColumns(columns), pages: spanPagesOf(ctx.graph, projectId, sessions, spans) });
      }),
    },
    {
      method: 'GET',
      path: /^\/v1\/export\/rollup\.(csv|ndjson)$/,
      handler: exportRoute(ctx, async (projectId, format, url, res) => {
        const { groupBy, filter } = rollupExportParams(url.searchParams);
        // Aggregated rows: as many as distinct keys, not as spans, so one query is enough.
        const rows = await costRollup(ctx.graph, projectId, groupBy, filter);
        async function* once() {
          yield rows;
        }
        return streamExport(res, { name: 'rollup', format, columns: rollupColumns(groupBy), pages: once() });
      }),
    },
    {
      method: 'GET',
      path: /^\/v1\/export\//,
      handler: (_req, _res, url) => {
        throw new HttpError(404, 'NOT_FOUND', `No export at ${url.pathname}: use /v1/export/{sessions,spans,rollup}.{csv,ndjson}`);
      },
    },
  ];
}
