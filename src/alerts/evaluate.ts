// Evaluates the project's budgets and alert rules on the session trees a finalisation just
// recomputed, and fires what crossed (exactly once: alerts/fire). Runs inside every finaliser round
// (src/graph/finaliser.ts), so OTLP, plugin events and imports all alert the same way, on data that
// is final. Only trees active within the live window count: importing old history pages nobody.
import { listAlertRules, listBudgets } from '../graph/budgets.ts';
import { fireAlerts, treeActivity, treeFindings, treeMembers, treeRoots, treeSpans } from '../graph/alerts.ts';
import type { Graph } from '../graph/driver.ts';
import { periodBudgetCrossings, sessionBudgetCrossings } from './budget-crossings.ts';
import { DEFAULT_WASTE_KINDS, spendRateCrossings, wasteRuleCrossings } from './rule-crossings.ts';
import { buildTrees } from './trees.ts';
import type { Alert, StateCrossings } from './types.ts';

/** Trees whose latest span is older than this are history, not live (CLAWTRACE_ALERT_LIVE_HOURS). */
export function liveWindowMs(env: NodeJS.ProcessEnv = process.env): number {
  const hours = Number(env.CLAWTRACE_ALERT_LIVE_HOURS);
  return (Number.isFinite(hours) && hours > 0 ? hours : 24) * 3_600_000;
}

export async function evaluateAlerts(graph: Graph, projectId: string, sessionIds: string[], nowMs = Date.now()): Promise<Alert[]> {
  if (sessionIds.length === 0) return [];
  const [budgets, rules] = await Promise.all([listBudgets(graph, projectId), listAlertRules(graph, projectId)]);
  if (budgets.length === 0 && rules.length === 0) return [];

  const roots = await treeRoots(graph, projectId, sessionIds);
  const activity = await treeActivity(graph, projectId, roots);
  const since = nowMs - liveWindowMs();
  const live = roots.filter((id) => {
    const last = Date.parse(activity.get(id) ?? '');
    return Number.isFinite(last) && last >= since;
  });
  if (live.length === 0) return [];

  const [members, spans] = await Promise.all([treeMembers(graph, projectId, live), treeSpans(graph, projectId, live)]);
  const trees = buildTrees(members, spans);
  const wasteRules = rules.filter((r) => r.kind === 'WASTE');
  const kinds = [...new Set(wasteRules.flatMap((r) => r.findingKinds ?? DEFAULT_WASTE_KINDS))];
  const findings = kinds.length > 0 ? await treeFindings(graph, projectId, live, kinds) : [];

  const states: StateCrossings[] = [];
  for (const budget of budgets) {
    if (budget.window === 'SESSION') states.push(...sessionBudgetCrossings(budget, trees, nowMs));
    else states.push(...(await periodBudgetCrossings(graph, projectId, budget, trees, nowMs)));
  }
  for (const rule of rules) {
    if (rule.kind === 'SPEND_RATE') states.push(...spendRateCrossings(rule, trees));
    else states.push(...wasteRuleCrossings(rule, trees, findings));
  }
  return fireAlerts(graph, projectId, states, nowMs);
}
