// `clawtrace budget add|list|rm`: spend limits (issue 21) from the terminal. Like `sessions` and
// `keys`, the CLI talks to the graph itself (src/graph/budgets.ts), through the same checks as
// GraphQL's createBudget (src/alerts/definitions.ts). `list` shows where each period budget stands
// in its current period, computed as GraphQL's Budget.currentSpendUsd / status are.
import { BudgetInputSchema, MAX_DEFINITIONS, newBudget } from '../alerts/definitions.ts';
import { usd } from '../alerts/messages.ts';
import { budgetStanding } from '../alerts/budget-spend.ts';
import type { Budget, BudgetStatus, BudgetWindow } from '../alerts/types.ts';
import { deleteBudget, listBudgets, saveBudget } from '../graph/budgets.ts';
import type { Graph } from '../graph/driver.ts';
import { resolveSessionRef } from '../graph/session-refs.ts';
import { flagProblems, scopeOf, type ScopeFlags } from './alert-flags.ts';
import { withGraph } from './connect.ts';
import { pickSessionAmong } from './session-ref.ts';
import { renderTable, type Column } from './table.ts';
import { fit } from './text-width.ts';

export const WINDOWS = ['session', 'hour', 'day', 'week', 'month'] as const;

export interface BudgetAddOptions extends ScopeFlags {
  limit: number;
  warn?: number;
  window?: (typeof WINDOWS)[number];
  name?: string;
  project: string;
  json?: boolean;
}

export interface BudgetRow {
  budget: Budget;
  /** Period budgets: spend of the current period and where it stands; null for SESSION windows. */
  currentSpendUsd: number | null;
  status: BudgetStatus | null;
}

/** The input createBudget takes, from the flags (values are checked by BudgetInputSchema). */
export function budgetInput(options: Omit<BudgetAddOptions, 'project' | 'json'>) {
  return {
    name: options.name ?? null,
    ...scopeOf(options),
    window: (options.window ?? 'session').toUpperCase() as BudgetWindow,
    warnUsd: options.warn ?? null,
    limitUsd: options.limit,
  };
}

/**
 * A --session value as stored: a ref or prefix of a session in the graph becomes its id (the one
 * alerts name); a value matching nothing is kept as given, for a session that has not arrived yet.
 */
export async function sessionScopeValue(graph: Graph, projectId: string, value: string): Promise<{ id: string; known: boolean }> {
  const matches = await resolveSessionRef(graph, projectId, value, 20);
  if (matches.total === 0) return { id: value, known: false };
  const exact = matches.sessions.find((s) => s.id === value);
  if (exact) return { id: exact.id, known: true };
  const picked = matches.total === 1 ? matches.sessions[0]!.id : pickSessionAmong(matches.sessions, matches.total === matches.sessions.length);
  if (!picked) throw new Error(`--session "${value}" matches ${matches.total} sessions; give more of the id (clawtrace sessions lists them)`);
  return { id: picked, known: true };
}

export async function budgetRows(graph: Graph, projectId: string, nowMs = Date.now()): Promise<BudgetRow[]> {
  const budgets = await listBudgets(graph, projectId);
  return Promise.all(budgets.map(async (budget) => ({ budget, ...(await budgetStanding(graph, projectId, budget, nowMs)) })));
}

/** `budget-9e059dfa`: the id's prefix and the first 8 characters of its UUID, what tables show. */
export function shortId(id: string): string {
  const match = /^([a-z]+-)([0-9a-f]{8})-[0-9a-f-]+$/.exec(id);
  return match ? `${match[1]}${match[2]}` : id;
}

/**
 * The id a typed handle means among `ids`: the id itself, or a prefix of one id only (with or
 * without its `budget-` / `rule-` prefix). 'ambiguous' and null (none) are for the caller to say.
 */
export function pickId(ids: readonly string[], handle: string, kindPrefix: string): string | 'ambiguous' | null {
  if (ids.includes(handle)) return handle;
  const wanted = handle.startsWith(kindPrefix) ? handle : `${kindPrefix}${handle}`;
  const matches = ids.filter((id) => id.startsWith(wanted));
  if (matches.length > 1) return 'ambiguous';
  return matches[0] ?? null;
}

export { budgetStatus } from '../alerts/budget-spend.ts';

export function scopeText(scope: Budget['scope'], scopeValue: string | null): string {
  return scope === 'PROJECT' ? 'project' : `${scope.toLowerCase()} ${scopeValue}`;
}

const PERIOD_WORDS = new Map<BudgetWindow, string>([
  ['SESSION', 'per session'],
  ['HOUR', 'per hour'],
  ['DAY', 'per day'],
  ['WEEK', 'per week'],
  ['MONTH', 'per month'],
]);

/** Dollars and cents: budgets are set in whole amounts, and a spend of $0.0004 reads as $0.00 beside them. */
const money = (value: number) => `$${value.toFixed(2)}`;

const BUDGET_COLUMNS: Array<Column<BudgetRow>> = [
  { header: 'id', value: (r) => shortId(r.budget.id) },
  { header: 'scope', value: (r) => scopeText(r.budget.scope, r.budget.scopeValue), maxWidth: 24, drop: 1 },
  { header: 'per', value: (r) => r.budget.window.toLowerCase() },
  { header: 'warn', value: (r) => (r.budget.warnUsd === null ? '—' : money(r.budget.warnUsd)), align: 'right' },
  { header: 'limit', value: (r) => money(r.budget.limitUsd), align: 'right' },
  { header: 'now', value: (r) => (r.currentSpendUsd === null ? '' : `${money(r.currentSpendUsd)} ${r.status?.toLowerCase()}`), align: 'right' },
  { header: 'name', value: (r) => r.budget.name, flex: true, minWidth: 8, drop: 2 },
];

export function formatBudgets(rows: readonly BudgetRow[], width = 80): string {
  if (rows.length === 0) return 'No budgets in this project (add one: clawtrace budget add --limit 20 --warn 10)';
  return [
    ...renderTable(BUDGET_COLUMNS, rows, width),
    'now: spend in the current UTC period; session budgets apply per session tree',
    'remove one: clawtrace budget rm <id>',
  ]
    .map((line) => fit(line, width))
    .join('\n');
}

export async function runBudgetAdd(options: BudgetAddOptions): Promise<number> {
  const parsed = BudgetInputSchema.safeParse(budgetInput(options));
  if (!parsed.success) {
    console.error(`clawtrace budget add: ${flagProblems(parsed.error)}`);
    return 2;
  }
  return withGraph(async (graph) => {
    const input = parsed.data;
    if (input.scope === 'SESSION') {
      const session = await sessionScopeValue(graph, options.project, input.scopeValue!);
      if (!session.known) console.error(`note: no session "${session.id}" in project ${options.project} yet; the budget applies to it when it arrives`);
      input.scopeValue = session.id;
    }
    if ((await listBudgets(graph, options.project)).length >= MAX_DEFINITIONS) {
      console.error(`clawtrace budget add: project ${options.project} already holds ${MAX_DEFINITIONS} budgets; remove one first (clawtrace budget rm <id>)`);
      return 2;
    }
    const budget = await saveBudget(graph, options.project, newBudget(input));
    if (options.json) console.log(JSON.stringify(budget, null, 2));
    else {
      console.log(shortId(budget.id));
      console.error(`Budget "${budget.name}": ${[budget.warnUsd !== null ? `warning at ${usd(budget.warnUsd)}` : null, `limit ${usd(budget.limitUsd)}`].filter(Boolean).join(', ')}, ${PERIOD_WORDS.get(budget.window)}, ${scopeText(budget.scope, budget.scopeValue)}.`);
      console.error('Alerts fire as sessions are finalised by the running engine (npm start); see them with clawtrace alerts.');
    }
    return 0;
  });
}

export async function runBudgetList(options: { project: string; json?: boolean }): Promise<number> {
  const rows = await withGraph((graph) => budgetRows(graph, options.project));
  if (options.json) console.log(JSON.stringify(rows.map((r) => ({ ...r.budget, currentSpendUsd: r.currentSpendUsd, status: r.status })), null, 2));
  else console.log(formatBudgets(rows, process.stdout.columns || 80));
  return 0;
}

export async function runBudgetRm(handle: string, options: { project: string }): Promise<number> {
  return withGraph(async (graph) => {
    const id = pickId((await listBudgets(graph, options.project)).map((b) => b.id), handle, 'budget-');
    if (id === 'ambiguous') {
      console.error(`clawtrace budget rm: "${handle}" starts the ids of several budgets; give more of it (clawtrace budget list --json shows whole ids)`);
      return 2;
    }
    if (id === null || !(await deleteBudget(graph, options.project, id))) {
      console.error(`clawtrace budget rm: no budget "${handle}" in project ${options.project} (clawtrace budget list shows the ids)`);
      return 1;
    }
    console.error(`Removed budget ${id}; the alerts it fired stay.`);
    return 0;
  });
}
