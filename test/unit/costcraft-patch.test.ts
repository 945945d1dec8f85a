// Patch admission: evidence ids must exist, a prune needs prune evidence, claims are checked.
import { describe, expect, it } from 'vitest';
import { admissionContext, admitPatch, checkCounterfactual } from '../../src/costcraft/patch.ts';
import { demoEvidence } from '../helpers/costcraft-evidence.ts';

const set = demoEvidence();
let n = 0;
const ctx = () => admissionContext(set, 'CLAUDE', 'claude-test', () => `p${++n}`);
const prune = {
  action: 'prune',
  rule: 'Skip think unless the task needs it.',
  section: 'Cost control',
  targetCostSink: 'think(thought)',
  evidenceIds: ['cross-trajectory:think(thought)'],
  counterfactual: 'succeeded without it in 3 of 4 sessions',
  confidence: 0.7,
};

describe('admitPatch', () => {
  it('admits an evidenced prune and adds the evidence sessions as sources', () => {
    const r = admitPatch(prune, ctx());
    expect('patch' in r && r.patch.sourceSessions).toEqual(['s2', 's3', 's4']);
  });

  it('does not admit a prune without evidence ids', () => {
    const r = admitPatch({ ...prune, evidenceIds: [] }, ctx());
    expect('rejected' in r && r.rejected.reason).toMatch(/must cite prune evidence/);
  });

  it('does not admit a prune whose only evidence ids are unknown or not prune evidence', () => {
    expect('rejected' in admitPatch({ ...prune, evidenceIds: ['made-up:1'] }, ctx())).toBe(true);
    expect('rejected' in admitPatch({ ...prune, evidenceIds: ['preserve:step:lookup(id)'], counterfactual: null }, ctx())).toBe(true);
  });

  it('rejects a prune whose counterfactual does not match its evidence', () => {
    const r = admitPatch({ ...prune, counterfactual: 'succeeded without it in 7 of 9 sessions' }, ctx());
    expect('rejected' in r && r.rejected.reason).toMatch(/7 of 9.*3 of 4/);
  });

  it('rejects a rule that states figures its evidence does not have', () => {
    const r = admitPatch({ ...prune, rule: 'Skip think: 90% of sessions did fine without it.', counterfactual: null }, ctx());
    expect('rejected' in r && r.rejected.reason).toMatch(/90%/);
  });

  it('strikes an unverified counterfactual from a preserve instead of rejecting it', () => {
    const r = admitPatch(
      { action: 'preserve', rule: 'Always look the record up first.', section: 'Workflow', evidenceIds: ['preserve:step:lookup(id)'], counterfactual: 'failed in 5 of 5 without it', confidence: 0.8 },
      ctx(),
    );
    expect('patch' in r && r.patch.counterfactual).toBeNull();
    expect('patch' in r && r.patch.notes.join()).toMatch(/struck/);
  });

  it('rejects drafts that fail the schema', () => {
    expect('rejected' in admitPatch({ ...prune, section: 'Somewhere' }, ctx())).toBe(true);
    expect('rejected' in admitPatch({ ...prune, confidence: 2 }, ctx())).toBe(true);
  });
});

describe('checkCounterfactual', () => {
  it('accepts percentages within a point of a cited ratio', () => {
    expect(checkCounterfactual('75% of successful sessions', set.items).ok).toBe(true);
    expect(checkCounterfactual('60% of successful sessions', set.items).ok).toBe(false);
  });
});
