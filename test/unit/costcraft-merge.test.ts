// Merge precedence: repair > evidenced prune > preserve; single-trajectory rules dropped unless
// diagnosed/evidenced; near-duplicates folded with prevalence.
import { describe, expect, it } from 'vitest';
import { evidenceById } from '../../src/costcraft/evidence-types.ts';
import { mergePatches } from '../../src/costcraft/merge.ts';
import type { Patch } from '../../src/costcraft/patch.ts';
import { demoEvidence } from '../helpers/costcraft-evidence.ts';

const evidence = evidenceById(demoEvidence());
let n = 0;
const patch = (p: Partial<Patch> & Pick<Patch, 'action' | 'rule'>): Patch => ({
  id: `p${++n}`,
  rootCause: null,
  targetCostSink: null,
  section: 'Workflow',
  sourceSessions: ['s1', 's2'],
  evidenceIds: [],
  counterfactual: null,
  confidence: 0.5,
  analyst: 'CLAUDE',
  model: null,
  prevalence: 1,
  notes: [],
  ...p,
});

describe('mergePatches', () => {
  it('keeps the evidenced prune over a preserve of the same step', () => {
    const preserve = patch({ action: 'preserve', rule: 'Think before booking.', targetCostSink: 'think' });
    const prune = patch({ action: 'prune', rule: 'Skip think.', targetCostSink: 'think(thought)', evidenceIds: ['cross-trajectory:think(thought)'], section: 'Cost control' });
    const { kept, dropped } = mergePatches([preserve, prune], evidence);
    expect(kept.map((p) => p.id)).toEqual([prune.id]);
    expect(dropped[0]?.reason).toMatch(/conflicts with prune/);
  });

  it('keeps a repair over a prune of the same tool', () => {
    const repair = patch({ action: 'repair', rule: 'Check the amount before book.', targetCostSink: 'book', rootCause: 'wrong amount', evidenceIds: ['repair:args_differ:book:amount'] });
    const prune = patch({ action: 'prune', rule: 'Avoid book calls.', targetCostSink: 'book(amount)', evidenceIds: ['redundancy:exact_duplicate:search(q)'] });
    expect(mergePatches([prune, repair], evidence).kept.map((p) => p.action)).toEqual(['repair']);
  });

  it('drops single-trajectory rules unless they are diagnosed repairs or evidenced prunes', () => {
    const lone = patch({ action: 'preserve', rule: 'Greet the user warmly first.', sourceSessions: ['s1'] });
    const diagnosed = patch({ action: 'repair', rule: 'Confirm the amount.', sourceSessions: ['f1'], rootCause: 'amount', evidenceIds: ['repair:args_differ:book:amount'], targetCostSink: 'book' });
    const undiagnosed = patch({ action: 'repair', rule: 'Be more careful overall.', sourceSessions: ['f1'] });
    const result = mergePatches([lone, diagnosed, undiagnosed], evidence);
    expect(result.kept.map((p) => p.id)).toEqual([diagnosed.id]);
    expect(result.dropped.map((d) => d.reason)).toEqual([expect.stringMatching(/single trajectory/), expect.stringMatching(/single trajectory/)]);
  });

  it('folds near-duplicates into one rule with their prevalence and union of sessions', () => {
    const a = patch({ action: 'preserve', rule: 'Look up the reservation before changing it.', sourceSessions: ['s1', 's2'] });
    const b = patch({ action: 'preserve', rule: 'Look up the reservation before changing it!', sourceSessions: ['s3', 's4'], confidence: 0.9 });
    const { kept } = mergePatches([a, b], evidence);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ prevalence: 2, sourceSessions: ['s1', 's2', 's3', 's4'], id: b.id });
  });

  it('does not fold template rules that differ only in their target', () => {
    const a = patch({ action: 'repair', rule: 'Finish with the `book` the request requires.', targetCostSink: 'book', rootCause: 'x', evidenceIds: ['repair:args_differ:book:amount'] });
    const b = patch({ action: 'repair', rule: 'Finish with the `cancel` the request requires.', targetCostSink: 'cancel', rootCause: 'y', evidenceIds: ['repair:args_differ:book:amount'] });
    expect(mergePatches([a, b], evidence).kept).toHaveLength(2);
  });
});
