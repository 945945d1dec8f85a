// Whether the card's inclusive totals are a lower bound: a spawn call in the tree whose child is
// not in the graph (`missing`, or `pending`: no result recorded, a child may have run) adds
// nothing to them, so they hold at least what was spent, not all of it. Same rule as the stored
// Session.missingSubagents (cypher/rollup/refresh-session-costs.cypher), applied to the card's own
// rows so the flag always matches the figures next to it.
import { alpha, asc, byKeys } from './text.ts';
import type { Tree } from './tree.ts';
import type { CardInput, MissingSubagents } from './types.ts';

export const UNRESOLVED_SPAWN_STATUSES: ReadonlySet<string> = new Set(['missing', 'pending']);

/** Spawn refs listed on the card at most; the count says how many there are. */
export const MISSING_SPAWNS_SHOWN = 5;

export function missingSubagents(input: CardInput, tree: Tree): MissingSubagents {
  const unresolved = input.spawns.filter((s) => s.spawnStatus !== null && UNRESOLVED_SPAWN_STATUSES.has(s.spawnStatus));
  // Shallowest first, then by session and step: the spawns nearest the card's session lead.
  const ordered = [...unresolved].sort(
    byKeys(
      asc((s) => tree.byId.get(s.sessionId)?.depth ?? 0),
      alpha((s) => s.sessionId),
      asc((s) => s.seq),
    ),
  );
  return { count: unresolved.length, spawns: ordered.slice(0, MISSING_SPAWNS_SHOWN).map((s) => tree.stepRef(s.sessionId, s.seq)) };
}
