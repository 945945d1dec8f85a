// Where a period budget stands now: the spend of its scope in the current period and its status.
// SESSION-window budgets have no single figure (each session tree has its own): null.
import { periodSpend } from '../graph/alerts.ts';
import type { Graph } from '../graph/driver.ts';
import { hourKey, periodStart } from './periods.ts';
import type { Budget, BudgetStatus, PeriodWindow } from './types.ts';

export interface BudgetStanding {
  currentSpendUsd: number | null;
  status: BudgetStatus | null;
}

export function budgetStatus(budget: Pick<Budget, 'warnUsd' | 'limitUsd'>, spent: number): BudgetStatus {
  return spent >= budget.limitUsd ? 'LIMIT' : budget.warnUsd !== null && spent >= budget.warnUsd ? 'WARNING' : 'OK';
}

export async function budgetStanding(graph: Graph, projectId: string, budget: Budget, nowMs = Date.now()): Promise<BudgetStanding> {
  if (budget.window === 'SESSION') return { currentSpendUsd: null, status: null };
  const spent = await periodSpend(graph, projectId, hourKey(periodStart(budget.window as PeriodWindow, nowMs)), budget.scope, budget.scopeValue);
  return { currentSpendUsd: spent, status: budgetStatus(budget, spent) };
}
