// The session trees an evaluation looks at, as the rules see them: members with their agents and
// skills, the root's inclusive cost, and the priced spans in time order.
import type { TreeMember, TreeSpan } from '../graph/alerts.ts';
import { spanTimeMs, type TimedCost } from './crossings.ts';
import type { BudgetScope } from './types.ts';

export interface AlertTree {
  rootId: string;
  rootTotalCostUsd: number;
  members: TreeMember[];
  /** Priced spans of every member, in time order. */
  spans: TimedCost[];
}

export function buildTrees(members: TreeMember[], spans: TreeSpan[]): AlertTree[] {
  const trees = new Map<string, AlertTree>();
  for (const m of members) {
    let tree = trees.get(m.rootId);
    if (!tree) trees.set(m.rootId, (tree = { rootId: m.rootId, rootTotalCostUsd: m.rootTotalCostUsd, members: [], spans: [] }));
    tree.members.push(m);
  }
  for (const s of spans) {
    const atMs = spanTimeMs(s.startedAt, s.endedAt);
    const tree = trees.get(s.rootId);
    if (atMs === null || !tree) continue;
    tree.spans.push({ spanId: s.spanId, sessionId: s.sessionId, atMs, costUsd: s.costUsd });
  }
  for (const tree of trees.values()) tree.spans.sort((a, b) => a.atMs - b.atMs || a.spanId.localeCompare(b.spanId));
  return [...trees.values()];
}

/** Whether a rule of this scope covers a whole tree (SESSION-window budgets, spend rates). */
export function treeInScope(tree: AlertTree, scope: BudgetScope, scopeValue: string | null): boolean {
  const root = tree.members.find((m) => m.sessionId === tree.rootId);
  switch (scope) {
    case 'PROJECT':
      return true;
    case 'AGENT':
      return root?.agentId === scopeValue;
    case 'SKILL':
      return tree.members.some((m) => m.skills.includes(scopeValue ?? ''));
    case 'SESSION':
      return tree.members.some((m) => m.sessionId === scopeValue);
  }
}

/** The members of a tree whose own spend a period budget of this scope counts. */
export function membersInScope(tree: AlertTree, scope: BudgetScope, scopeValue: string | null): Set<string> {
  const covered = tree.members.filter((m) => {
    if (scope === 'AGENT') return m.agentId === scopeValue;
    if (scope === 'SKILL') return m.skills.includes(scopeValue ?? '');
    return true;
  });
  return new Set(covered.map((m) => m.sessionId));
}
