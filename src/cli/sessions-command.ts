// `clawtrace sessions`: find a session from the terminal. Lists a project's sessions (latest first,
// or by cost or size) filtered by agent, source, date, role, cost and task text, as a table that
// fits the terminal or as JSON, each with the ref `clawtrace card` takes. Reads through the same
// repository as GraphQL's `sessions` (src/graph/sessions.ts).
import { InvalidArgumentError } from 'commander';
import { readEnv } from '../config.ts';
import { countSessions, listSessions, type SessionFilter, type SessionOrderField } from '../graph/sessions.ts';
import { withGraph } from './connect.ts';
import { engineBaseUrl, sessionUrl } from './explorer-link.ts';
import { COLUMNS, lowerBoundNote, sessionRows, type SessionRow } from './session-columns.ts';
import { renderTable } from './table.ts';
import { fit } from './text-width.ts';

export const SESSION_SORTS = ['started', 'cost', 'spans'] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];

export interface SessionsCommandOptions {
  agent?: string;
  source?: string;
  since?: string;
  until?: string;
  role?: string;
  minCost?: number;
  search?: string;
  sort?: SessionSort;
  limit?: number;
  project: string;
  json?: boolean;
}

/** A Map, not an object: `--sort` is user input, and `__proto__` must not find anything. */
const ORDER = new Map<SessionSort, { field: SessionOrderField; label: string }>([
  ['started', { field: 'startedAt', label: 'latest first' }],
  ['cost', { field: 'totalCostUsd', label: 'dearest first (inclusive cost)' }],
  ['spans', { field: 'spanCount', label: 'most spans first' }],
]);

function orderOf(sort: SessionSort): { field: SessionOrderField; label: string } {
  const order = ORDER.get(sort);
  if (!order) throw new Error(`--sort: one of ${[...ORDER.keys()].join(', ')}, not "${String(sort).slice(0, 40)}"`);
  return order;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date or date-time as stored (ISO-8601, UTC). A bare date means its first instant for --since
 * and the whole day for --until (`--until 2026-02-18` includes the 18th).
 */
export function parseDateBound(value: string, bound: 'since' | 'until'): string {
  const ms = Date.parse(DAY.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(ms)) throw new InvalidArgumentError(`not a date: "${value}" (e.g. 2026-02-18 or 2026-02-18T09:00:00Z)`);
  const end = bound === 'until' && DAY.test(value) ? ms + 86_400_000 : ms;
  return new Date(end).toISOString();
}

export function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('a whole number from 1 to 1000');
  return n;
}

export function parseMinCost(value: string): number {
  const n = Number(value.replace(/^\$/, ''));
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('an amount in USD, e.g. 0.5');
  return n;
}

export function sessionFilter(options: SessionsCommandOptions): SessionFilter {
  return {
    agentId: options.agent ?? null,
    source: options.source ?? null,
    from: options.since ? parseDateBound(options.since, 'since') : null,
    to: options.until ? parseDateBound(options.until, 'until') : null,
    role: options.role ?? null,
    minTotalCostUsd: options.minCost ?? null,
    search: options.search ?? null,
  };
}

export function formatSessions(rows: readonly SessionRow[], total: number, sort: SessionSort, width = 80): string {
  if (total === 0) return 'No sessions match (import some with: clawtrace import <paths>; or loosen the filters)';
  const columns = [COLUMNS.ref, COLUMNS.started, COLUMNS.role, COLUMNS.agent, COLUMNS.spans, COLUMNS.cost, COLUMNS.title];
  const note = lowerBoundNote(rows);
  const more = total > rows.length ? ' (--limit for more)' : '';
  return [
    ...renderTable(columns, rows, width),
    ...(note ? [note] : []),
    `${rows.length} of ${total} sessions, ${orderOf(sort).label}${more}`,
    'a session in the terminal: clawtrace card <ref>',
  ]
    .map((line) => fit(line, width))
    .join('\n');
}

export async function runSessions(options: SessionsCommandOptions): Promise<number> {
  const sort = options.sort ?? 'started';
  const filter = sessionFilter(options);
  const { sessions, total } = await withGraph(async (graph) => ({
    sessions: (await listSessions(graph, options.project, filter, { field: orderOf(sort).field, descending: true }, options.limit ?? 20, null)).map(
      (r) => r.session,
    ),
    total: await countSessions(graph, options.project, filter),
  }));
  const rows = sessionRows(sessions);
  if (options.json) {
    const base = engineBaseUrl(readEnv());
    console.log(JSON.stringify({ total, sessions: rows.map((row) => ({ ...row, url: sessionUrl(base, row.id) })) }, null, 2));
  } else {
    console.log(formatSessions(rows, total, sort, process.stdout.columns || 80));
  }
  return 0;
}
