// Streams pages to the client as they come from Neo4j: one page in memory at a time, and the next
// page is fetched only when the socket has drained, so memory stays flat for any export size.
import type { ServerResponse } from 'node:http';
import { csvHeader, CONTENT_TYPES, encodeRows, type Column, type ExportFormat } from './format.ts';

export interface ExportStream<T> {
  name: string;
  format: ExportFormat;
  columns: Column<T>[];
  /** Yields pages of rows; stops when the client has gone. */
  pages: AsyncIterable<T[]>;
}

/** Resolves when the socket can take more, or the client has gone; leaves no listener behind. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function write(res: ServerResponse, chunk: string): Promise<void> {
  if (!res.write(chunk)) await drained(res);
}

export async function streamExport<T>(res: ServerResponse, out: ExportStream<T>): Promise<number> {
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[out.format],
    'content-disposition': `attachment; filename="${out.name}.${out.format}"`,
    'cache-control': 'no-store',
  });
  if (out.format === 'csv') await write(res, csvHeader(out.columns));
  let rows = 0;
  for await (const page of out.pages) {
    if (res.destroyed) break;
    if (page.length > 0) await write(res, encodeRows(out.format, out.columns, page));
    rows += page.length;
  }
  res.end();
  return rows;
}
