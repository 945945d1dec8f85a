// The evolved SKILL.md: the base skill's lines plus the merged rules, in the five sections, each
// rule with its provenance, within a token budget that is ENFORCED (DESIGN §8): when the text is
// over budget, provenance is first shortened in two steps (the full record stays on the Patch node
// in the graph: the patch id is always kept), then the notes of empty sections are left out, then
// preserve and prune rules are removed lowest
// precedence first, then base lines from the end of the longest section, then repairs. The result is never returned over budget; if even the skeleton does not fit, it throws.
import { parseBaseSkill, type BaseSkill } from './base-skill.ts';
import { byPrecedence } from './merge.ts';
import { SECTIONS, type AnalystLabel, type Patch, type Section } from './patch.ts';
import { estimateSkillTokens, type TokenCounter } from './tokens.ts';

export const DEFAULT_BUDGET_TOKENS = 1200;

export interface RenderOptions {
  skill: string;
  baseSkill?: string | null;
  budgetTokens?: number;
  countTokens?: TokenCounter;
  runId: string;
  mode: AnalystLabel;
  /** A default trigger line when the base has none. */
  triggerHint?: string | null;
  /** Why a section has no rule, when the caller knows better than EMPTY_SECTION_REASONS. */
  emptyReasons?: Partial<Record<Section, string>>;
}

/**
 * What a section says when it has no line at all: which evidence would have filled it, so an empty
 * section reads as "nothing found" rather than as a failure. Marked `_[p0 empty]_` like a generated
 * rule, so the next run drops it when it reads this file back as its base (base-skill.ts).
 */
export const EMPTY_SECTION_REASONS: Readonly<Record<Section, string>> = {
  Trigger: 'the base skill has no trigger and none was derived from the sessions',
  Workflow:
    'no step or sequence was common enough among successful sessions to keep, and no hand-off to fix (needs recorded or inferred outcomes)',
  'Stop rules': 'no failed call was retried unchanged and no unrequested action broke a session',
  'Artifact checklist': 'no failed session showed wrong arguments or a missing output to check for (needs outcomes with evidence)',
  'Cost control': 'no redundancy, unused output or cross-trajectory evidence passed the thresholds',
};

export interface RenderedSkill {
  markdown: string;
  tokens: number;
  budgetTokens: number;
  /** Patch ids that made it into the text, and those trimmed to fit the budget. */
  included: string[];
  trimmed: string[];
  baseLinesTrimmed: number;
  provenance: Level;
}

export class BudgetError extends Error {
  readonly code = 'SKILL_BUDGET';
}

/** The patch's id without the run prefix (the header names the run): `run-1:p4` → `p4`. */
const shortId = (id: string) => id.slice(id.lastIndexOf(':') + 1);
const EVIDENCE_ID_CHARS = 48;
const clip = (id: string) => (id.length <= EVIDENCE_ID_CHARS ? id : `${id.slice(0, EVIDENCE_ID_CHARS - 1)}…`);

type Level = 'full' | 'medium' | 'short';

function provenanceOf(p: Patch, level: Level): string {
  if (level === 'short') return `_[${shortId(p.id)}]_`;
  if (level === 'medium') return `_[${shortId(p.id)} ${p.action}${p.prevalence > 1 ? ` ×${p.prevalence}` : ''} · ${p.analyst}]_`;
  const support = p.sourceSessions.length > 1 ? ` · ${p.sourceSessions.length} sessions` : '';
  const seen = p.prevalence > 1 ? ` · ×${p.prevalence}` : '';
  const more = p.evidenceIds.length > 1 ? ` +${p.evidenceIds.length - 1}` : '';
  const evidence = p.evidenceIds.length ? ` · ev ${clip(p.evidenceIds[0]!)}${more}` : '';
  return `_[${shortId(p.id)} ${p.action}${support}${seen}${evidence} · ${p.analyst}]_`;
}

const bullet = (text: string) => (/^\s*([-*+]|\d+\.)\s/.test(text) ? text : `- ${text}`);

function compose(base: BaseSkill, rules: Patch[], level: Level, o: RenderOptions, budget: number, emptyNotes = true): string {
  const label = o.mode === 'OFFLINE' ? 'OFFLINE: deterministic templates over graph evidence' : 'CLAUDE analysts over graph evidence';
  const lines: string[] = [`# ${base.title ?? o.skill}`, `<!-- ClawTrace CostCraft run ${o.runId} (${label}); budget ${budget} tokens -->`];
  if (base.preamble.length) lines.push('', ...base.preamble);
  for (const section of SECTIONS) {
    const own = base.sections[section];
    const added = rules.filter((r) => r.section === section).sort(byPrecedence);
    // The generated trigger carries a provenance mark (p0) so the next run replaces it.
    const trigger = section === 'Trigger' && own.length === 0 && o.triggerHint ? [`${bullet(o.triggerHint)} _[p0 trigger]_`] : [];
    lines.push('', `## ${section}`);
    lines.push(...own, ...trigger, ...added.map((r) => `- ${r.rule} ${provenanceOf(r, level)}`));
    if (emptyNotes && own.length + trigger.length + added.length === 0) {
      lines.push(`- _Empty: ${o.emptyReasons?.[section] ?? EMPTY_SECTION_REASONS[section]}._ _[p0 empty]_`);
    }
  }
  for (const extra of base.extra) lines.push('', extra.heading, ...extra.lines);
  return lines.join('\n') + '\n';
}

/** Removes the last base line of the longest known section; false when nothing is left. */
function trimBaseLine(base: BaseSkill): boolean {
  const longest = SECTIONS.map((s) => ({ s, n: base.sections[s].length })).sort((a, b) => b.n - a.n)[0]!;
  if (longest.n > 0) {
    base.sections[longest.s].pop();
    return true;
  }
  const extra = base.extra.findLast((e) => e.lines.length > 0);
  if (base.preamble.length) base.preamble.pop();
  else if (extra) extra.lines.pop();
  else if (base.extra.length) base.extra.pop();
  else return false;
  return true;
}

export function renderSkillMd(patches: Patch[], o: RenderOptions): RenderedSkill {
  const budget = o.budgetTokens ?? DEFAULT_BUDGET_TOKENS;
  const count = o.countTokens ?? estimateSkillTokens;
  const base = parseBaseSkill(o.baseSkill);
  const rules = [...patches].sort(byPrecedence);
  const trimmed: string[] = [];
  let baseLinesTrimmed = 0;
  for (;;) {
    // Notes on empty sections go before any rule does: a rule is evidence, a note only explains.
    const attempts = [['full', true], ['medium', true], ['short', true], ['short', false]] as const;
    for (const [level, notes] of attempts) {
      const markdown = compose(base, rules, level, o, budget, notes);
      const tokens = count(markdown);
      if (tokens <= budget) {
        return { markdown, tokens, budgetTokens: budget, included: rules.map((r) => r.id), trimmed, baseLinesTrimmed, provenance: level };
      }
    }
    // Over budget even with short provenance: drop preserve and prune rules (lowest precedence
    // first), then base lines, and repairs only when nothing else is left.
    const last = rules[rules.length - 1];
    if (last && last.action !== 'repair') trimmed.push(rules.pop()!.id);
    else if (trimBaseLine(base)) baseLinesTrimmed++;
    else if (rules.length) trimmed.push(rules.pop()!.id);
    else throw new BudgetError(`The SKILL.md skeleton alone exceeds the budget of ${budget} tokens`);
  }
}
