// SKILL.md: sections, provenance, and a budget that is enforced (never emitted over it).
import { describe, expect, it } from 'vitest';
import { parseBaseSkill } from '../../src/costcraft/base-skill.ts';
import { diffStats, unifiedDiff } from '../../src/costcraft/diff.ts';
import type { Patch } from '../../src/costcraft/patch.ts';
import { clipWords } from '../../src/costcraft/quote.ts';
import { EMPTY_SECTION_REASONS, renderSkillMd } from '../../src/costcraft/skill-md.ts';
import { estimateSkillTokens } from '../../src/costcraft/tokens.ts';

let n = 0;
const patch = (action: Patch['action'], section: Patch['section'], rule: string): Patch => ({
  id: `run-1:p${++n}`,
  action,
  rule,
  rootCause: null,
  targetCostSink: null,
  section,
  sourceSessions: ['a', 'b'],
  evidenceIds: ['redundancy:exact_duplicate:search(q)'],
  counterfactual: null,
  confidence: 0.5,
  analyst: 'OFFLINE',
  model: null,
  prevalence: 1,
  notes: [],
});

const options = { skill: 'demo', runId: 'run-1', mode: 'OFFLINE' as const };

describe('renderSkillMd', () => {
  it('says why a section is empty, and the next run does not carry that note over', () => {
    const r = renderSkillMd([patch('prune', 'Cost control', 'Back off between polls.')], options);
    const section = (name: string) => r.markdown.split('## ')[1 + ['Trigger', 'Workflow', 'Stop rules', 'Artifact checklist', 'Cost control'].indexOf(name)]!;
    expect(section('Stop rules')).toContain(`- _Empty: ${EMPTY_SECTION_REASONS['Stop rules']}._ _[p0 empty]_`);
    expect(section('Cost control')).not.toContain('_Empty:');
    const reason = 'no failed session in this cohort';
    const own = renderSkillMd([], { ...options, emptyReasons: { 'Artifact checklist': reason } });
    expect(own.markdown).toContain(`- _Empty: ${reason}._ _[p0 empty]_`);
    const base = parseBaseSkill(r.markdown);
    expect(Object.values(base.sections).flat().some((l) => l.includes('_Empty:'))).toBe(false);
  });

  it('leaves the empty-section notes out before any rule when the budget is tight', () => {
    const rule = patch('prune', 'Cost control', 'Back off between polls.');
    const r = renderSkillMd([rule], { ...options, countTokens: (t) => t.split(/\s+/).length, budgetTokens: 45 });
    expect(r.included).toEqual([rule.id]);
    expect(r.markdown).not.toContain('_Empty:');
  });

  it('writes the five sections in order with each rule and its provenance', () => {
    const r = renderSkillMd([patch('repair', 'Stop rules', 'Stop after two failed bookings.'), patch('preserve', 'Workflow', 'Look up first.')], {
      ...options,
      baseSkill: '# Demo skill\n\n## Trigger\n- When a user wants a flight.\n\n## Notes\n- keep me',
    });
    const headings = r.markdown.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## Trigger', '## Workflow', '## Stop rules', '## Artifact checklist', '## Cost control', '## Notes']);
    expect(r.markdown).toContain('- When a user wants a flight.');
    expect(r.markdown).toMatch(/- Stop after two failed bookings\. _\[p\d+ repair · 2 sessions · ev redundancy:exact_duplicate:search\(q\) · OFFLINE\]_/);
    expect(r.markdown).toContain('OFFLINE: deterministic templates');
    expect(r.tokens).toBeLessThanOrEqual(1200);
  });

  it('trims by priority to fit the budget: preserve first, repairs last', () => {
    const many = [
      ...Array.from({ length: 20 }, (_, i) => patch('preserve', 'Workflow', `Preserve behaviour number ${i} that worked in many sessions.`)),
      ...Array.from({ length: 20 }, (_, i) => patch('prune', 'Cost control', `Prune step number ${i}: it cost a lot and was never needed.`)),
      ...Array.from({ length: 5 }, (_, i) => patch('repair', 'Artifact checklist', `Repair ${i}: check the amount field before booking.`)),
    ];
    const r = renderSkillMd(many, { ...options, budgetTokens: 400 });
    expect(estimateSkillTokens(r.markdown)).toBeLessThanOrEqual(400);
    expect(r.trimmed.length).toBeGreaterThan(0);
    const kept = new Set(r.included);
    expect(many.filter((p) => p.action === 'repair').every((p) => kept.has(p.id))).toBe(true);
    const trimmedActions = r.trimmed.map((id) => many.find((p) => p.id === id)!.action);
    expect(trimmedActions[0]).toBe('preserve');
  });

  it('trims the base skill too when the base alone is over budget, and never returns over budget', () => {
    const huge = ['# Big', '## Workflow', ...Array.from({ length: 400 }, (_, i) => `- base rule ${i} with some words to take space`)].join('\n');
    const r = renderSkillMd([patch('repair', 'Workflow', 'Check things.')], { ...options, baseSkill: huge, budgetTokens: 300 });
    expect(r.tokens).toBeLessThanOrEqual(300);
    expect(r.baseLinesTrimmed).toBeGreaterThan(0);
    expect(r.included).toHaveLength(1);
  });

  it('counts with a given tokenizer', () => {
    const r = renderSkillMd([patch('repair', 'Workflow', 'Check things.')], { ...options, countTokens: (t) => t.split(/\s+/).length, budgetTokens: 60 });
    expect(r.markdown.split(/\s+/).length).toBeLessThanOrEqual(60);
  });
});

describe('parseBaseSkill', () => {
  it('maps loose headings onto the known sections and keeps the rest', () => {
    const b = parseBaseSkill('# T\nintro line\n### cost control:\n- a\n## Extra\n- b');
    expect(b).toMatchObject({ title: 'T', preamble: ['intro line'], extra: [{ heading: '## Extra', lines: ['- b'] }] });
    expect(b.sections['Cost control']).toEqual(['- a']);
  });
});

describe('unifiedDiff', () => {
  it('shows added and removed lines with hunk headers', () => {
    const d = unifiedDiff('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(d).toContain('-b');
    expect(d).toContain('+B');
    expect(d).toContain('+d');
    expect(d).toMatch(/^@@ -1,3 \+1,4 @@$/m);
    expect(diffStats('a\nb\n', 'a\nc\n')).toEqual({ added: 1, removed: 1 });
    expect(unifiedDiff('same\n', 'same\n')).toBe('');
  });
});

describe('evolving a generated version', () => {
  it('re-derives the rules a previous run wrote instead of carrying them over', () => {
    const previous = '# demo\n## Workflow\n- Hand-written rule.\n- Old generated rule. _[p3 repair · 2 sessions · OFFLINE]_\n- Short one. _[p9]_';
    const b = parseBaseSkill(previous);
    expect(b.sections.Workflow).toEqual(['- Hand-written rule.']);
  });
});

describe('quotes', () => {
  it('are cut at a word boundary with an ellipsis, never inside a word', () => {
    const task = '## PR Patrol Batch Fix — bills-bot PR #75\n\n**Repo:** `/home/bill/.openclaw/workspace-build/bills-bot/`';
    const q = clipWords(task, 50);
    expect(q.length).toBeLessThanOrEqual(50);
    expect(q).toBe('## PR Patrol Batch Fix — bills-bot PR #75…');
    expect(task.replace(/\s+/g, ' ').startsWith(q.slice(0, -1))).toBe(true);
    expect(clipWords('short task', 80)).toBe('short task');
    // The word right at the limit fits whole.
    expect(clipWords('alpha beta gamma', 11)).toBe('alpha beta…');
    // Only a single word longer than the limit is cut inside itself.
    expect(clipWords('https://example.com/a/very/long/path', 12)).toBe('https://exa…');
  });
});
