// Redundancy section, read from the materialised `(dup)-[:REPEATS {kind, wasted*}]->(original)`
// edges of the tree (the redundancy detector owns finding them; the card only reports). Each edge is
// one redundant call; findings are grouped by the first call of their chain: each repeat points at
// the nearest earlier one (poll 3 → poll 2 → poll 1), so a poll loop of twelve checks is one row
// with eleven repeats, not eleven rows of one.
import { alpha, byKeys, clip, desc } from './text.ts';
import type { Tree } from './tree.ts';
import type { CardInput, CardRedundancy, RedundancyFinding, RedundancyKindTotal, RepeatRow } from './types.ts';

const TARGET_CHARS = 60;

/** The first call of a chain of repeats of one kind: follows original → its own original. */
function chainRoot(row: RepeatRow, byDup: Map<string, RepeatRow>): { id: string; sessionId: string; seq: number } {
  let root = { id: row.originalId, sessionId: row.originalSessionId, seq: row.originalSeq };
  const seen = new Set<string>([row.dupId]);
  for (let up = byDup.get(root.id); up && up.kind === row.kind && !seen.has(up.dupId); up = byDup.get(root.id)) {
    seen.add(up.dupId);
    root = { id: up.originalId, sessionId: up.originalSessionId, seq: up.originalSeq };
  }
  return root;
}

export function compileRedundancy(input: CardInput, tree: Tree): CardRedundancy {
  const byKind = new Map<string, RedundancyKindTotal>();
  const byOriginal = new Map<string, RedundancyFinding>();
  // Summed in a fixed order so float totals do not depend on row order.
  const rows = [...input.repeats].sort(byKeys(alpha((r) => r.dupId), alpha((r) => r.originalId), alpha((r) => r.kind)));
  const byDup = new Map(rows.map((r) => [r.dupId, r]));
  let wastedUsd = 0;
  for (const r of rows) {
    const total = byKind.get(r.kind) ?? { kind: r.kind, count: 0, wastedUsd: 0, wastedTokens: 0, wastedMs: 0 };
    total.count++;
    total.wastedUsd += r.wastedUsd ?? 0;
    total.wastedTokens += r.wastedTokens ?? 0;
    total.wastedMs += r.wastedMs ?? 0;
    byKind.set(r.kind, total);
    wastedUsd += r.wastedUsd ?? 0;

    const root = chainRoot(r, byDup);
    const key = JSON.stringify([r.kind, root.id]);
    const finding = byOriginal.get(key) ?? {
      kind: r.kind,
      tool: r.toolName ?? (r.spanKind === 'LLM' ? r.model : null),
      target: clip(r.resource ?? r.argsPreview, TARGET_CHARS),
      original: tree.stepRef(root.sessionId, root.seq),
      repeats: 0,
      wastedUsd: 0,
    };
    finding.repeats++;
    finding.wastedUsd += r.wastedUsd ?? 0;
    byOriginal.set(key, finding);
  }
  return {
    findings: rows.length,
    wastedUsd,
    byKind: [...byKind.values()].sort(byKeys(desc((k) => k.wastedUsd), desc((k) => k.count), alpha((k) => k.kind))),
    top: [...byOriginal.values()].sort(
      byKeys(
        desc((f) => f.wastedUsd),
        desc((f) => f.repeats),
        alpha((f) => f.kind),
        alpha((f) => f.original),
      ),
    ),
  };
}
