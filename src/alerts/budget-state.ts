// Where a session stands against the budgets and rules that cover it (GraphQL budgetState, GET
// /v1/budget-state for the OpenClaw plugin's enforcement): the alerts fired on its session tree,
// and the alerts of period budgets in their current period whose scope covers the session. A
// limit anywhere in the tree stops the sub-agents too.
import { listBudgets } from '../graph/budgets.ts';
import { listAlerts, periodAlerts, treeOfSession } from '../graph/alerts.ts';
import type { Graph } from '../graph/driver.ts';
import { periodStart } from './periods.ts';
import type { Alert, Budget, BudgetStatus, PeriodWindow } from './types.ts';

export interface BudgetState {
  sessionId: string;
  rootSessionId: string | null;
  status: BudgetStatus;
  spentUsd: number | null;
  alerts: Alert[];
}

/** Alerts of one tree that decide a state: more than this many are history, not state. */
const TREE_ALERTS = 100;

export async function budgetState(graph: Graph, projectId: string, sessionId: string, nowMs = Date.now()): Promise<BudgetState> {
  const tree = await treeOfSession(graph, projectId, sessionId);
  if (!tree) return { sessionId, rootSessionId: null, status: 'OK', spentUsd: null, alerts: [] };
  const [treeAlerts, budgets] = await Promise.all([
    listAlerts(graph, projectId, { sessionIds: tree.sessionIds }, { limit: TREE_ALERTS }),
    listBudgets(graph, projectId),
  ]);
  const current = currentPeriodAlerts(await periodAlerts(graph, projectId, oldestCurrentPeriod(nowMs)), budgets, tree, nowMs);
  // A deleted budget no longer holds the session back (deleting it is how a user lifts a limit).
  const budgetIds = new Set(budgets.map((b) => b.id));
  const sessionAlerts = treeAlerts.filter((a) => a.periodStart === null && (a.kind !== 'BUDGET' || budgetIds.has(a.ruleId)));
  const alerts = dedupe([...sessionAlerts, ...current]);
  return { sessionId, rootSessionId: tree.rootId, status: statusOf(alerts), spentUsd: tree.rootTotalCostUsd, alerts };
}

/** The start of the longest current period (a month, or the week when it began in the previous month). */
function oldestCurrentPeriod(nowMs: number): string {
  return [periodStart('MONTH', nowMs), periodStart('WEEK', nowMs)].sort()[0]!;
}

function currentPeriodAlerts(alerts: Alert[], budgets: Budget[], tree: { agentId: string | null; skills: string[] }, nowMs: number): Alert[] {
  const byId = new Map(budgets.map((b) => [b.id, b]));
  return alerts.filter((alert) => {
    const budget = byId.get(alert.ruleId);
    if (!budget || budget.window === 'SESSION') return false;
    if (alert.periodStart !== periodStart(budget.window as PeriodWindow, nowMs)) return false;
    if (budget.scope === 'AGENT') return tree.agentId === budget.scopeValue;
    if (budget.scope === 'SKILL') return tree.skills.includes(budget.scopeValue ?? '');
    return true;
  });
}

function dedupe(alerts: Alert[]): Alert[] {
  return [...new Map(alerts.map((a) => [a.id, a])).values()].sort((a, b) => b.firedAtMs - a.firedAtMs || a.id.localeCompare(b.id));
}

export function statusOf(alerts: Alert[]): BudgetStatus {
  if (alerts.some((a) => a.level === 'LIMIT')) return 'LIMIT';
  return alerts.length > 0 ? 'WARNING' : 'OK';
}
