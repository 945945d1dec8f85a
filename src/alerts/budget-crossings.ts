// Budget crossings. A SESSION-window budget is checked per session tree against the tree's
// inclusive cost; a period budget against the spend of its scope in the current period (usage
// cells), with the crossing step found among the spans just finalised. Each level of each budget
// and session (or period) is one state: it fires once, ever (no cooldown, the key is enough).
import { shortHash } from '../domain/hash.ts';
import type { Graph } from '../graph/driver.ts';
import { periodSpend } from '../graph/alerts.ts';
import { cumulativeCrossing } from './crossings.ts';
import { periodBudgetMessage, sessionBudgetMessage } from './messages.ts';
import { hourKey, periodStart } from './periods.ts';
import { membersInScope, treeInScope, type AlertTree } from './trees.ts';
import type { AlertLevel, Budget, PeriodWindow, StateCrossings } from './types.ts';

export function alertId(key: string): string {
  return `alert-${shortHash(key, 20)}`;
}

function levels(budget: Budget): Array<[AlertLevel, number]> {
  const all: Array<[AlertLevel, number | null]> = [
    ['WARNING', budget.warnUsd],
    ['LIMIT', budget.limitUsd],
  ];
  return all.filter((l): l is [AlertLevel, number] => l[1] !== null);
}

export function sessionBudgetCrossings(budget: Budget, trees: AlertTree[], nowMs: number): StateCrossings[] {
  const states: StateCrossings[] = [];
  for (const tree of trees) {
    if (!treeInScope(tree, budget.scope, budget.scopeValue)) continue;
    for (const [level, threshold] of levels(budget)) {
      if (tree.rootTotalCostUsd < threshold) continue;
      const crossing = cumulativeCrossing(tree.spans, 0, threshold);
      const key = `budget|${budget.id}|${level}|session|${tree.rootId}`;
      states.push({
        key,
        cooldownMs: null,
        crossings: [
          {
            atMs: crossing?.span.atMs ?? nowMs,
            alert: {
              id: alertId(key),
              key,
              kind: 'BUDGET',
              level,
              ruleId: budget.id,
              ruleName: budget.name,
              message: sessionBudgetMessage(budget, level, tree.rootId, tree.rootTotalCostUsd, threshold),
              sessionId: tree.rootId,
              spanId: crossing?.span.spanId ?? null,
              observedUsd: tree.rootTotalCostUsd,
              thresholdUsd: threshold,
              periodStart: null,
              findingKind: null,
              durationMinutes: null,
              repeats: null,
            },
          },
        ],
      });
    }
  }
  return states;
}

export async function periodBudgetCrossings(graph: Graph, projectId: string, budget: Budget, trees: AlertTree[], nowMs: number): Promise<StateCrossings[]> {
  const start = periodStart(budget.window as PeriodWindow, nowMs);
  const startMs = Date.parse(start);
  // The spans just finalised that count for this budget: the crossing step is among them.
  const recent = trees
    .flatMap((tree) => {
      const covered = membersInScope(tree, budget.scope, budget.scopeValue);
      return tree.spans.filter((s) => covered.has(s.sessionId) && s.atMs >= startMs);
    })
    .sort((a, b) => a.atMs - b.atMs || a.spanId.localeCompare(b.spanId));
  if (recent.length === 0) return [];
  const spent = await periodSpend(graph, projectId, hourKey(start), budget.scope, budget.scopeValue);
  const recentUsd = recent.reduce((sum, s) => sum + s.costUsd, 0);
  const states: StateCrossings[] = [];
  for (const [level, threshold] of levels(budget)) {
    if (spent < threshold) continue;
    const crossing = cumulativeCrossing(recent, Math.max(0, spent - recentUsd), threshold);
    const step = crossing?.span ?? recent[recent.length - 1]!;
    const key = `budget|${budget.id}|${level}|period|${start}`;
    states.push({
      key,
      cooldownMs: null,
      crossings: [
        {
          atMs: step.atMs,
          alert: {
            id: alertId(key),
            key,
            kind: 'BUDGET',
            level,
            ruleId: budget.id,
            ruleName: budget.name,
            message: periodBudgetMessage(budget, level, spent, threshold),
            sessionId: step.sessionId,
            spanId: step.spanId,
            observedUsd: spent,
            thresholdUsd: threshold,
            periodStart: start,
            findingKind: null,
            durationMinutes: null,
            repeats: null,
          },
        },
      ],
    });
  }
  return states;
}
