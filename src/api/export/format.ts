// Row encodings for exports: CSV (RFC 4180) and NDJSON. Columns are declared once per export, so
// both formats carry the same fields in the same order.
//
// Cells are flat scalars, except JSON objects (a span's attributes): an object in NDJSON, its JSON
// text in CSV, so both stay one row per record.
export type Cell = string | number | boolean | null | { [key: string]: unknown };

export interface Column<T> {
  name: string;
  value(row: T): Cell;
}

export type ExportFormat = 'csv' | 'ndjson';

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: trace text is untrusted input, and CSV exports are opened in Excel.
 */
function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return csvText(cell);
  if (typeof cell === 'object') return csvText(JSON.stringify(cell));
  return String(cell);
}

export function csvHeader<T>(columns: Column<T>[]): string {
  return `${columns.map((c) => csvText(c.name)).join(',')}\r\n`;
}

export function encodeRows<T>(format: ExportFormat, columns: Column<T>[], rows: T[]): string {
  if (format === 'csv') return rows.map((row) => `${columns.map((c) => csvCell(c.value(row))).join(',')}\r\n`).join('');
  return rows
    .map((row) => `${JSON.stringify(Object.fromEntries(columns.map((c) => [c.name, c.value(row)])))}\n`)
    .join('');
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};
