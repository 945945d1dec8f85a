// Repository: budgets and alert rules (issue 21), the definitions the finaliser's alert evaluation
// reads. Validation of what a caller may store is in src/alerts/definitions.ts.
import type { AlertRule, Budget } from '../alerts/types.ts';
import type { Graph } from './driver.ts';
import { numberOrNull, stringOrNull } from './props.ts';

export async function listBudgets(graph: Graph, projectId: string): Promise<Budget[]> {
  const rows = await graph.read('alerts/list-budgets', { projectId });
  return rows.map((r) => toBudget(r.budget as Record<string, unknown>));
}

export async function listAlertRules(graph: Graph, projectId: string): Promise<AlertRule[]> {
  const rows = await graph.read('alerts/list-rules', { projectId });
  return rows.map((r) => toAlertRule(r.rule as Record<string, unknown>));
}

export async function saveBudget(graph: Graph, projectId: string, budget: Budget): Promise<Budget> {
  const [row] = await graph.write('alerts/save-budget', { projectId, budget });
  return toBudget(row!.budget as Record<string, unknown>);
}

export async function saveAlertRule(graph: Graph, projectId: string, rule: AlertRule): Promise<AlertRule> {
  const [row] = await graph.write('alerts/save-rule', { projectId, rule });
  return toAlertRule(row!.rule as Record<string, unknown>);
}

/** True when the project had such a budget. */
export async function deleteBudget(graph: Graph, projectId: string, id: string): Promise<boolean> {
  const [row] = await graph.write('alerts/delete-budget', { projectId, id });
  return Number(row?.deleted ?? 0) > 0;
}

export async function deleteAlertRule(graph: Graph, projectId: string, id: string): Promise<boolean> {
  const [row] = await graph.write('alerts/delete-rule', { projectId, id });
  return Number(row?.deleted ?? 0) > 0;
}

const str = stringOrNull;
const num = numberOrNull;

function toBudget(p: Record<string, unknown>): Budget {
  return {
    id: String(p.id),
    name: String(p.name),
    scope: p.scope as Budget['scope'],
    scopeValue: str(p.scopeValue),
    window: p.window as Budget['window'],
    warnUsd: num(p.warnUsd),
    limitUsd: Number(p.limitUsd),
    createdAt: String(p.createdAt),
    createdAtMs: Number(p.createdAtMs),
  };
}

function toAlertRule(p: Record<string, unknown>): AlertRule {
  return {
    id: String(p.id),
    name: String(p.name),
    kind: p.kind as AlertRule['kind'],
    scope: p.scope as AlertRule['scope'],
    scopeValue: str(p.scopeValue),
    thresholdUsd: num(p.thresholdUsd),
    windowMinutes: num(p.windowMinutes),
    minMinutes: num(p.minMinutes),
    findingKinds: Array.isArray(p.findingKinds) ? (p.findingKinds as AlertRule['findingKinds']) : null,
    cooldownMinutes: Number(p.cooldownMinutes),
    createdAt: String(p.createdAt),
    createdAtMs: Number(p.createdAtMs),
  };
}
