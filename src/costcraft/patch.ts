// The Patch record (DESIGN §8) and its admission. Analysts (Claude or offline) propose drafts;
// a draft becomes a patch only when its evidence exists and its claims match that evidence:
//   - evidence ids must be items of this run's evidence set (unknown ids are removed);
//   - a prune must cite at least one piece of *prune* evidence: a prune without it is not admitted;
//   - counterfactual claims ("succeeded without it in 7 of 9 sessions", "78%") are checked against
//     the support counts of the cited evidence: an unmatched claim rejects a prune and is struck
//     from any other patch (the paper's counterfactuals were unverified LLM sentences); the same
//     figures in the rule text itself must match too, or the patch is rejected.
import { z } from 'zod';
import { PRUNE_EVIDENCE, type EvidenceItem, type EvidenceSet } from './evidence-types.ts';

export const SECTIONS = ['Trigger', 'Workflow', 'Stop rules', 'Artifact checklist', 'Cost control'] as const;
export type Section = (typeof SECTIONS)[number];
export const ACTIONS = ['preserve', 'prune', 'repair'] as const;
export type PatchAction = (typeof ACTIONS)[number];

export const PatchDraftSchema = z.object({
  action: z.enum(ACTIONS),
  // One line: SKILL.md rules are read back line by line when a skill evolves (see skill-md.ts).
  rule: z.string().transform((s) => s.replace(/\s+/g, ' ').trim()).pipe(z.string().min(8).max(400)),
  rootCause: z.string().trim().max(400).nullish().transform((v) => v || null),
  /** The step signature / span / pattern whose cost the rule targets (prunes), or addresses. */
  targetCostSink: z.string().trim().max(200).nullish().transform((v) => v || null),
  section: z.enum(SECTIONS),
  sourceSessions: z.array(z.string()).max(200).default([]),
  evidenceIds: z.array(z.string()).max(50).default([]),
  counterfactual: z.string().trim().max(300).nullish().transform((v) => v || null),
  confidence: z.number().min(0).max(1),
});
export type PatchDraft = z.infer<typeof PatchDraftSchema>;
export type PatchDraftInput = z.input<typeof PatchDraftSchema>;

export type AnalystLabel = 'OFFLINE' | 'CLAUDE';

export interface Patch extends PatchDraft {
  id: string;
  analyst: AnalystLabel;
  model: string | null;
  /** How many analyses proposed (a near-duplicate of) this rule. */
  prevalence: number;
  /** Notes from admission (ids removed, claims struck). */
  notes: string[];
}

export interface Rejected {
  draft: PatchDraftInput;
  analyst: AnalystLabel;
  reason: string;
}

const CLAIM = /(\d+)\s*(?:of|out of|\/)\s*(\d+)/gi;
const PERCENT = /(\d+(?:\.\d+)?)\s*%/g;

/** Every "k of n" and "p%" in a claim, checked against the cited items' counts. */
export function checkCounterfactual(claim: string, cited: EvidenceItem[]): { ok: boolean; reason: string | null } {
  const counts = cited.flatMap((i) => i.counts);
  for (const m of claim.matchAll(CLAIM)) {
    const k = Number(m[1]);
    const n = Number(m[2]);
    if (!counts.some((c) => c.k === k && c.n === n)) {
      const has = counts.map((c) => `${c.k} of ${c.n}`).join(', ') || 'no counts';
      return { ok: false, reason: `claim "${m[0]}" does not match the cited evidence (${has})` };
    }
  }
  for (const m of claim.matchAll(PERCENT)) {
    const p = Number(m[1]);
    if (!counts.some((c) => c.n > 0 && Math.abs((100 * c.k) / c.n - p) <= 1)) {
      return { ok: false, reason: `claim "${m[0]}" matches no ratio of the cited evidence` };
    }
  }
  return { ok: true, reason: null };
}

export interface AdmitContext {
  evidence: Map<string, EvidenceItem>;
  sessionIds: Set<string>;
  analyst: AnalystLabel;
  model: string | null;
  nextId: () => string;
}

export function admissionContext(set: EvidenceSet, analyst: AnalystLabel, model: string | null, nextId: () => string): AdmitContext {
  return { evidence: new Map(set.items.map((i) => [i.id, i])), sessionIds: new Set(set.sessions.map((s) => s.id)), analyst, model, nextId };
}

export function admitPatch(input: unknown, ctx: AdmitContext): { patch: Patch } | { rejected: Rejected } {
  const parsed = PatchDraftSchema.safeParse(input);
  const reject = (reason: string) => ({ rejected: { draft: input as PatchDraftInput, analyst: ctx.analyst, reason } });
  if (!parsed.success) return reject(`invalid patch: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const draft = parsed.data;
  const notes: string[] = [];
  const unknown = draft.evidenceIds.filter((id) => !ctx.evidence.has(id));
  if (unknown.length) notes.push(`removed unknown evidence ids: ${unknown.join(', ')}`);
  const cited = [...new Set(draft.evidenceIds)].filter((id) => ctx.evidence.has(id)).map((id) => ctx.evidence.get(id)!);
  if (draft.action === 'prune' && !cited.some((i) => (PRUNE_EVIDENCE as readonly string[]).includes(i.kind))) {
    return reject('a prune must cite prune evidence (redundancy, unused output, cross-trajectory or unused sub-agent) by id');
  }
  // Numbers stated in the rule itself are claims too: a rule cannot be edited, so it is rejected.
  const ruleCheck = checkCounterfactual(draft.rule, cited);
  if (!ruleCheck.ok) return reject(`unverified claim in the rule: ${ruleCheck.reason}`);
  let counterfactual = draft.counterfactual;
  if (counterfactual) {
    const check = checkCounterfactual(counterfactual, cited);
    if (!check.ok) {
      if (draft.action === 'prune') return reject(`unverified counterfactual: ${check.reason}`);
      notes.push(`counterfactual struck: ${check.reason}`);
      counterfactual = null;
    }
  }
  const strangers = draft.sourceSessions.filter((id) => !ctx.sessionIds.has(id));
  if (strangers.length) notes.push(`removed sessions outside this run: ${strangers.join(', ')}`);
  const fromEvidence = cited.flatMap((i) => i.sessionIds);
  const sourceSessions = [...new Set([...draft.sourceSessions.filter((id) => ctx.sessionIds.has(id)), ...fromEvidence])].sort();
  return {
    patch: {
      ...draft,
      evidenceIds: cited.map((i) => i.id),
      counterfactual,
      sourceSessions,
      id: ctx.nextId(),
      analyst: ctx.analyst,
      model: ctx.model,
      prevalence: 1,
      notes,
    },
  };
}
