// Did the agent follow a version's prune rules? For each kept prune rule of the candidate version,
// the step it targets (the step signature its evidence names, src/costcraft/step-signature.ts) is
// counted per session before (baseline version) and after (candidate version): a rule whose step
// is as frequent after as before is IGNORED, whatever the SKILL.md says. A rule resting on a
// redundancy finding targets the repeats, not the step itself (the first read is needed): its
// repeats of that kind are counted. What it saved is estimated: occurrences avoided per session ×
// their mean cost before. Fewer after is not proof of a followed rule when the step was rare: a
// reduction that Fisher's exact test on sessions with / without the step does not support is
// INCONCLUSIVE, said with the counts. Pure.
import { fisherExact } from '../../domain/stats/proportions.ts';
import { stepSignature } from '../step-signature.ts';
import type { ImpactStepRow, PruneRuleCheck, PruneRuleRow, PruneStatus } from './types.ts';

/** At least this share of the step gone: followed; at least PARTLY: partly followed; else ignored. */
export const FOLLOWED_REDUCTION = 0.8;
export const PARTLY_REDUCTION = 0.2;

interface Target {
  signature: string;
  /** 'step', or the redundancy kind whose repeats the rule removes. */
  counts: string;
}

/** The step a prune rule targets, from the first evidence id that names one. */
export function pruneTarget(rule: PruneRuleRow): Target | null {
  for (const id of rule.evidenceIds) {
    const redundancy = /^redundancy:([a-z_]+):(.+)$/.exec(id);
    if (redundancy) return { signature: redundancy[2]!, counts: redundancy[1]! };
    const step = /^(?:cross-trajectory|unused-output):(.+)$/.exec(id);
    if (step) return { signature: step[1]!, counts: 'step' };
  }
  if (rule.target && /^[^\s()]+\([^)]*\)$/.test(rule.target)) return { signature: rule.target, counts: 'step' };
  return null;
}

interface Tally {
  occurrences: number;
  sessionsWith: number;
  cost: number;
  priced: number;
}

function tally(target: Target, steps: ImpactStepRow[], sessions: Set<string>): Tally {
  const seen = new Set<string>();
  const t: Tally = { occurrences: 0, sessionsWith: 0, cost: 0, priced: 0 };
  for (const s of steps) {
    if (!sessions.has(s.sessionId) || stepSignature(s.kind, s.toolName, s.argsCanonical) !== target.signature) continue;
    if (target.counts !== 'step' && !s.repeatKinds.includes(target.counts)) continue;
    t.occurrences++;
    seen.add(s.sessionId);
    const cost = target.counts === 'step' ? s.costUsd : s.wastedUsd;
    if (cost !== null) {
      t.cost += cost;
      t.priced++;
    }
  }
  t.sessionsWith = seen.size;
  return t;
}

export function checkPruneRules(rules: PruneRuleRow[], steps: ImpactStepRow[], baseline: Set<string>, candidate: Set<string>, alpha = 0.05): PruneRuleCheck[] {
  return rules.map((rule): PruneRuleCheck => {
    const target = pruneTarget(rule);
    const empty = { baselinePerSession: 0, candidatePerSession: 0, baselineSessionsWith: 0, candidateSessionsWith: 0, pValue: null, savedUsdPerSession: null, savedUsdTotal: null };
    if (!target) {
      return { patchId: rule.id, rule: rule.rule, signature: null, counts: 'step', ...empty, status: 'NOT_CHECKABLE', note: 'its evidence names no step signature (a sub-agent or pattern rule)' };
    }
    const b = tally(target, steps, baseline);
    const a = tally(target, steps, candidate);
    const r0 = baseline.size ? b.occurrences / baseline.size : 0;
    const r1 = candidate.size ? a.occurrences / candidate.size : 0;
    const what = target.counts === 'step' ? `${target.signature} calls` : `${target.counts} repeats of ${target.signature}`;
    const pValue = baseline.size && candidate.size ? fisherExact(b.sessionsWith, baseline.size - b.sessionsWith, a.sessionsWith, candidate.size - a.sessionsWith) : null;
    let status: PruneStatus;
    let note: string;
    if (r0 === 0) {
      status = 'NOT_SEEN_BEFORE';
      note = `no ${what} in the baseline sessions: nothing to compare`;
    } else {
      const reduction = 1 - r1 / r0;
      status = reduction >= FOLLOWED_REDUCTION ? 'FOLLOWED' : reduction >= PARTLY_REDUCTION ? 'PARTLY_FOLLOWED' : 'IGNORED';
      const pct = Math.round(Math.abs(reduction) * 100);
      note =
        status === 'IGNORED'
          ? `ignored: ${what} per session ${r0.toFixed(2)} before, ${r1.toFixed(2)} after (${reduction >= 0 ? `${pct}% fewer` : `${pct}% more`})`
          : `${what} per session ${r0.toFixed(2)} → ${r1.toFixed(2)} (${pct}% fewer)`;
      if (status !== 'IGNORED' && (pValue === null || pValue >= alpha)) {
        status = 'INCONCLUSIVE';
        note += `, but not significant (Fisher p = ${pValue === null ? 'n/a' : pValue.toFixed(3)}; in ${b.sessionsWith} of ${baseline.size} sessions before, ${a.sessionsWith} of ${candidate.size} after): could be chance`;
      }
    }
    const unitCost = b.priced ? b.cost / b.priced : null;
    const saved = unitCost === null || r0 === 0 ? null : (r0 - r1) * unitCost;
    return {
      patchId: rule.id,
      rule: rule.rule,
      signature: target.signature,
      counts: target.counts,
      baselinePerSession: r0,
      candidatePerSession: r1,
      baselineSessionsWith: b.sessionsWith,
      candidateSessionsWith: a.sessionsWith,
      pValue,
      status,
      savedUsdPerSession: saved,
      savedUsdTotal: saved === null ? null : saved * candidate.size,
      note,
    };
  });
}
