// Failures section: error spans of the tree grouped by what failed (kind, tool or model, message),
// with how often the failing call was followed by another call of the same tool (any LLM call for a
// model error: the agent loop retries, possibly on a fail-over model) and whether that one worked.
import { alpha, asc, byKeys, clip, desc } from './text.ts';
import type { Tree } from './tree.ts';
import type { CardFailure, CardFailures, CardInput, FailureRow } from './types.ts';

const ERROR_CHARS = 72;

/** Messages that differ only in numbers (`try again in ~9105 min`, exit codes aside) are one group;
 * the group shows its first occurrence's message. */
function groupKey(f: FailureRow, error: string): string {
  const shape = error.replace(/[0-9]+/g, '0');
  return JSON.stringify([f.kind, f.kind === 'LLM' ? null : (f.toolName ?? f.name), f.kind === 'LLM' ? f.model : null, shape]);
}

export function compileFailures(input: CardInput, tree: Tree): CardFailures {
  const groups = new Map<string, { item: CardFailure; firstOrder: [number, string, number] }>();
  for (const f of input.failures) {
    const error = clip(f.errorMessage, ERROR_CHARS) ?? '(no message)';
    const key = groupKey(f, error);
    const order: [number, string, number] = [tree.byId.get(f.sessionId)?.depth ?? 0, f.sessionId, f.seq];
    let group = groups.get(key);
    if (!group) {
      group = {
        item: {
          kind: f.kind,
          tool: f.kind === 'LLM' ? null : (f.toolName ?? f.name),
          model: f.kind === 'LLM' ? f.model : null,
          error,
          count: 0,
          first: tree.stepRef(f.sessionId, f.seq),
          retried: 0,
          recovered: 0,
        },
        firstOrder: order,
      };
      groups.set(key, group);
    }
    const earlier = byKeys<[number, string, number]>(asc((o) => o[0]), alpha((o) => o[1]), asc((o) => o[2]))(order, group.firstOrder) < 0;
    if (earlier) {
      group.firstOrder = order;
      group.item.first = tree.stepRef(f.sessionId, f.seq);
      group.item.error = error;
    }
    group.item.count++;
    if (f.retryStatus !== null) group.item.retried++;
    if (f.retryStatus === 'ok') group.item.recovered++;
  }
  const items = [...groups.values()]
    .sort(
      byKeys(
        desc((g) => g.item.count),
        asc((g) => g.firstOrder[0]),
        alpha((g) => g.firstOrder[1]),
        asc((g) => g.firstOrder[2]),
        alpha((g) => g.item.error),
      ),
    )
    .map((g) => g.item);
  const root = tree.root;
  const sessionRecovered =
    root.status === 'failed' ? false : root.lastLlmStatus === null ? null : root.lastLlmStatus === 'ok';
  return { sessionRecovered, items };
}
