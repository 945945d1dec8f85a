// The current period of a period budget, in UTC: the hour, the day, the ISO week (from Monday) or
// the month that `now` falls in. Spend is summed from usage cells by their start hour, so a period
// is also given as its first hour ('YYYY-MM-DDTHH', the cells' key).
import type { PeriodWindow } from './types.ts';

const DAY_MS = 86_400_000;

/** The start of the period of `window` that contains `nowMs`, as an ISO instant. */
export function periodStart(window: PeriodWindow, nowMs: number): string {
  const now = new Date(nowMs);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  switch (window) {
    case 'HOUR':
      return new Date(Date.UTC(y, m, d, now.getUTCHours())).toISOString();
    case 'DAY':
      return new Date(Date.UTC(y, m, d)).toISOString();
    case 'WEEK': {
      const mondayOffset = (now.getUTCDay() + 6) % 7; // Sunday is 0; ISO weeks start on Monday
      return new Date(Date.UTC(y, m, d) - mondayOffset * DAY_MS).toISOString();
    }
    case 'MONTH':
      return new Date(Date.UTC(y, m, 1)).toISOString();
  }
}

/** The usage-cell hour key of an ISO instant: 'YYYY-MM-DDTHH'. */
export function hourKey(iso: string): string {
  return iso.slice(0, 13);
}

/** The earliest start among the current periods of the given windows (for reading their alerts). */
export function earliestPeriodStart(windows: PeriodWindow[], nowMs: number): string | null {
  const starts = windows.map((w) => periodStart(w, nowMs)).sort();
  return starts[0] ?? null;
}
