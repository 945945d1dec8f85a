// Plain-text tables that fit the terminal (80 columns unless it says otherwise): the session lists of
// `clawtrace import`, `clawtrace sessions` and an ambiguous `clawtrace card` prefix. One flexible
// column (a title) absorbs the shortage first; then optional columns are dropped in a stated order;
// values that must stay typeable (refs) are never cut.
import { displayWidth, fit, oneLine, pad, type CutFrom } from './text-width.ts';

export interface Column<R> {
  header: string;
  value: (row: R) => string;
  align?: 'left' | 'right';
  /** The one column that shrinks to make the table fit (a title); at most one per table. */
  flex?: boolean;
  /** The flexible column's width below which optional columns are dropped instead (default 20). */
  minWidth?: number;
  /** Cells longer than this are cut even when there is room. */
  maxWidth?: number;
  /** Where a cut cell loses its text (default: the end). */
  cut?: CutFrom;
  /** Optional columns are dropped when the table cannot fit otherwise, highest number first. */
  drop?: number;
}

const GAP = 2;
/** Below this the flexible column says nothing useful; the lines are cut instead. */
const FLEX_FLOOR = 6;

/** Lines of the table (header first), each at most `width` columns. */
export function renderTable<R>(columns: ReadonlyArray<Column<R>>, rows: readonly R[], width = 80): string[] {
  const cells = rows.map((row) => columns.map((c) => oneLine(c.value(row))));
  const natural = columns.map((c, i) =>
    Math.min(c.maxWidth ?? Infinity, Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i]!)))),
  );
  const widths = [...natural];
  const active = columns.map(() => true);
  const total = () => widths.reduce((sum, w, i) => sum + (active[i] ? w : 0), 0) + GAP * (active.filter(Boolean).length - 1);
  const flex = columns.findIndex((c) => c.flex);
  const shrinkFlex = (floor: number) => {
    if (flex < 0 || !active[flex]) return;
    widths[flex] = Math.min(natural[flex]!, Math.max(Math.min(floor, natural[flex]!), widths[flex]! - (total() - width)));
  };

  shrinkFlex(columns[flex]?.minWidth ?? 20);
  const droppable = columns
    .map((c, i) => ({ i, order: c.drop }))
    .filter((c): c is { i: number; order: number } => c.order !== undefined)
    .sort((a, b) => b.order - a.order);
  for (const { i } of droppable) {
    if (total() <= width) break;
    active[i] = false;
    // The room a dropped column frees goes back to the flexible column, up to its natural width.
    if (flex >= 0) widths[flex] = Math.min(natural[flex]!, widths[flex]! + Math.max(0, width - total()));
  }
  if (total() > width) shrinkFlex(FLEX_FLOOR);

  const line = (values: string[]) =>
    fit(
      columns
        .map((c, i) => (active[i] ? pad(fit(values[i]!, widths[i]!, c.cut), widths[i]!, c.align) : null))
        .filter((v): v is string => v !== null)
        .join(' '.repeat(GAP))
        .trimEnd(),
      width,
    );
  return [line(columns.map((c) => c.header)), ...cells.map(line)];
}
