// Redundancy section, read from the materialised `(dup)-[:REPEATS {kind, wasted*}]->(original)`
// edges of the tree (the redundancy detector owns finding them; the card only reports). Each edge is
// one redundant call; findings are grouped by the call they repeat.
import { alpha, byKeys, clip, desc } from './text.ts';
import type { Tree } from './tree.ts';
import type { CardInput, CardRedundancy, RedundancyFinding, RedundancyKindTotal } from './types.ts';

const TARGET_CHARS = 60;

export function compileRedundancy(input: CardInput, tree: Tree): CardRedundancy {
  const byKind = new Map<string, RedundancyKindTotal>();
  const byOriginal = new Map<string, RedundancyFinding>();
  // Summed in a fixed order so float totals do not depend on row order.
  const rows = [...input.repeats].sort(byKeys(alpha((r) => r.dupId), alpha((r) => r.originalId), alpha((r) => r.kind)));
  let wastedUsd = 0;
  for (const r of rows) {
    const total = byKind.get(r.kind) ?? { kind: r.kind, count: 0, wastedUsd: 0, wastedTokens: 0, wastedMs: 0 };
    total.count++;
    total.wastedUsd += r.wastedUsd ?? 0;
    total.wastedTokens += r.wastedTokens ?? 0;
    total.wastedMs += r.wastedMs ?? 0;
    byKind.set(r.kind, total);
    wastedUsd += r.wastedUsd ?? 0;

    const key = JSON.stringify([r.kind, r.originalId]);
    const finding = byOriginal.get(key) ?? {
      kind: r.kind,
      tool: r.toolName ?? (r.spanKind === 'LLM' ? r.model : null),
      target: clip(r.resource ?? r.argsPreview, TARGET_CHARS),
      original: tree.stepRef(r.originalSessionId, r.originalSeq),
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
