// Merge (DESIGN §8): admitted patches from every analysis → the rules of the new skill.
//   1. near-duplicates (same action and target, or wording that overlaps strongly) are kept once,
//      with their prevalence and the union of their sessions and evidence;
//   2. a rule resting on a single trajectory is dropped unless it is a diagnosed repair (root
//      cause + repair evidence) or an evidenced prune;
//   3. conflicts (rules of different actions on the same target) go to the higher priority:
//      repair > prune with evidence > preserve. Prunes without evidence never get here (admission).
import type { EvidenceItem } from './evidence-types.ts';
import type { Patch } from './patch.ts';

export const PRIORITY: Record<Patch['action'], number> = { repair: 0, prune: 1, preserve: 2 };

export interface Dropped {
  patch: Patch;
  reason: string;
}

export interface MergeResult {
  kept: Patch[];
  dropped: Dropped[];
}

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[`*_()[\]{}.,;:!?"'’]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 2 && !/^\d+$/.test(w)),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  const union = a.size + b.size - both;
  return union === 0 ? 0 : both / union;
}

export const NEAR_DUPLICATE = 0.6;

/**
 * Same action, and: the same target when both name one (templates differ only in the target, so
 * wording alone would fold different rules together); similar wording otherwise.
 */
function isNearDuplicate(a: Patch, b: Patch): boolean {
  if (a.action !== b.action) return false;
  const ta = targetKey(a.targetCostSink);
  const tb = targetKey(b.targetCostSink);
  if (ta && tb) return ta === tb && a.section === b.section;
  return jaccard(words(a.rule), words(b.rule)) >= NEAR_DUPLICATE;
}

/** Folds `b` into `a`: the more confident wording wins, evidence and sessions are unioned. */
function fold(a: Patch, b: Patch): Patch {
  const [lead, other] = b.confidence > a.confidence ? [b, a] : [a, b];
  return {
    ...lead,
    prevalence: a.prevalence + b.prevalence,
    sourceSessions: [...new Set([...a.sourceSessions, ...b.sourceSessions])].sort(),
    evidenceIds: [...new Set([...lead.evidenceIds, ...other.evidenceIds])],
    rootCause: lead.rootCause ?? other.rootCause,
    counterfactual: lead.counterfactual ?? other.counterfactual,
    notes: [...lead.notes, ...other.notes, `merged with ${other.id}`],
  };
}

function isDiagnosedRepair(p: Patch, evidence: Map<string, EvidenceItem>): boolean {
  return p.action === 'repair' && p.rootCause !== null && p.evidenceIds.some((id) => evidence.get(id)?.kind === 'repair');
}

/** Order of precedence among kept rules: priority, then prevalence, confidence, id. */
export function byPrecedence(a: Patch, b: Patch): number {
  return (
    PRIORITY[a.action] - PRIORITY[b.action] ||
    b.prevalence - a.prevalence ||
    b.confidence - a.confidence ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * What a rule is about, for duplicates and conflicts: signatures without their argument shapes
 * (`think(thought)` → `think`, `a(x) -> b(y)` → `a -> b`), so `think` and `think(thought)` meet.
 */
export function targetKey(target: string | null): string | null {
  return target ? target.replace(/\([^)]*\)?/g, '').replace(/\s+/g, ' ').trim().toLowerCase() || null : null;
}

export function mergePatches(patches: Patch[], evidence: Map<string, EvidenceItem>): MergeResult {
  const dropped: Dropped[] = [];
  const groups: Patch[] = [];
  for (const patch of [...patches].sort(byPrecedence)) {
    const index = groups.findIndex((g) => isNearDuplicate(g, patch));
    if (index >= 0) groups[index] = fold(groups[index]!, patch);
    else groups.push(patch);
  }
  const supported: Patch[] = [];
  for (const p of groups) {
    const evidenced = p.action === 'prune' && p.evidenceIds.length > 0;
    if (p.sourceSessions.length < 2 && !evidenced && !isDiagnosedRepair(p, evidence)) {
      dropped.push({ patch: p, reason: 'single trajectory: not a diagnosed repair or an evidenced prune' });
    } else supported.push(p);
  }
  const kept: Patch[] = [];
  for (const p of supported.sort(byPrecedence)) {
    const key = targetKey(p.targetCostSink);
    const winner = key ? kept.find((k) => targetKey(k.targetCostSink) === key && k.action !== p.action) : undefined;
    if (winner) dropped.push({ patch: p, reason: `conflicts with ${winner.action} ${winner.id} on ${p.targetCostSink}, which takes precedence` });
    else kept.push(p);
  }
  return { kept, dropped };
}
