// Sub-agents section: every spawn call in the tree (linked, missing or refused), with the child's
// inclusive cost (its own spans plus its own sub-agents), depth and use-in-parent score.
import { alpha, asc, byKeys, clip, desc } from './text.ts';
import { scopeTotals, subtree, type Tree } from './tree.ts';
import type { ActivityRow, CardInput, CardSubagent, SpawnRow } from './types.ts';
import { useScore, wordTokens } from './use-score.ts';

const LABEL_CHARS = 60;

/** Spawns that never produced a child have no result to score. */
const NO_CHILD_STATUSES = new Set(['refused', 'missing']);

/** Word tokens of each activity row, computed once: every spawn of a session reads the same rows. */
function tokenisedActivity(activity: ActivityRow[]): Map<string, Array<{ seq: number; tokens: Set<string> }>> {
  const bySession = new Map<string, Array<{ seq: number; tokens: Set<string> }>>();
  for (const a of activity) {
    const tokens = wordTokens(`${a.argsCanonical ?? ''}\n${a.textPreview ?? ''}`);
    bySession.set(a.sessionId, [...(bySession.get(a.sessionId) ?? []), { seq: a.seq, tokens }]);
  }
  return bySession;
}

function laterTokens(activity: ReturnType<typeof tokenisedActivity>, spawn: SpawnRow): Set<string> {
  const out = new Set<string>();
  for (const row of activity.get(spawn.sessionId) ?? []) if (row.seq > spawn.seq) row.tokens.forEach((t) => out.add(t));
  return out;
}

export function compileSubagents(input: CardInput, tree: Tree): CardSubagent[] {
  const activity = tokenisedActivity(input.activity);
  const rows = input.spawns.map((spawn) => {
    const child = spawn.childSessionId ? tree.byId.get(spawn.childSessionId) : undefined;
    const parentDepth = tree.byId.get(spawn.sessionId)?.depth ?? 0;
    const status = spawn.spawnStatus ?? (child ? 'linked' : 'unknown');
    const inclusive = child ? scopeTotals(subtree(tree, child.id)) : undefined;
    const scored = child !== undefined || !NO_CHILD_STATUSES.has(status);
    const row: CardSubagent = {
      ref: child ? tree.sessionRef(child.id) : null,
      spawn: tree.stepRef(spawn.sessionId, spawn.seq),
      label: clip(spawn.label, LABEL_CHARS) ?? clip(spawn.task ?? child?.task, LABEL_CHARS),
      depth: child?.depth ?? parentDepth + 1,
      status,
      agent: child?.agentName ?? child?.agentId ?? null,
      costUsd: inclusive?.costUsd ?? 0,
      ownCostUsd: child?.stats.costUsd ?? 0,
      llmCalls: child?.stats.llmCalls ?? 0,
      errors: child?.stats.errors ?? 0,
      useScore: scored
        ? useScore({
            result: child?.lastLlmText ?? spawn.resultPreview,
            task: spawn.argsCanonical ?? spawn.task,
            later: laterTokens(activity, spawn),
          })
        : null,
    };
    return { row, order: [parentDepth, spawn.sessionId, spawn.seq] as const };
  });
  // Most expensive first: when the budget trims the list, the cheapest sub-agents go first.
  rows.sort(
    byKeys(
      desc((r) => r.row.costUsd),
      asc((r) => r.order[0]),
      alpha((r) => r.order[1]),
      asc((r) => r.order[2]),
    ),
  );
  return rows.map((r) => r.row);
}
