// Prune rules from redundancy evidence: the remedy follows the kind of repeat (issue 14). A poll
// loop is never told to "reuse the result", a hand-off is told to pass the content along, a failed
// retry to stop retrying unchanged; every draft is admitted with its evidence.
import { describe, expect, it } from 'vitest';
import { offlineDrafts } from '../../src/costcraft/analysts/offline.ts';
import { redundancyItems } from '../../src/costcraft/evidence-items.ts';
import type { EvidenceSet } from '../../src/costcraft/evidence-types.ts';
import { admissionContext, admitPatch } from '../../src/costcraft/patch.ts';
import { FINDING_KINDS } from '../../src/domain/redundancy/kinds.ts';

function setWith(kinds: readonly string[]): EvidenceSet {
  const rows = kinds.map((kind, i) => ({
    kind,
    signature: kind === 'poll_loop' ? 'process(action,sessionId)' : kind === 'failed_retry' ? 'edit(newText,oldText,path)' : 'read(path)',
    toolName: kind === 'poll_loop' ? 'process' : kind === 'failed_retry' ? 'edit' : 'read',
    spanIds: [`s${i}`],
    originalIds: [`o${i}`],
    sessionIds: ['a'],
    support: 1,
    n: 2,
    calls: 3,
    wastedUsd: 0.5,
    wastedTokens: 100,
    wastedMs: 10,
    unpricedRepeats: 0,
  }));
  return {
    skill: 'demo',
    sessions: [
      { id: 'a', task: null, outcome: null, score: null, totalCostUsd: 1, unpricedCalls: 0, spanCount: 10 },
      { id: 'b', task: null, outcome: null, score: null, totalCostUsd: 1, unpricedCalls: 0, spanCount: 10 },
    ],
    items: redundancyItems(rows),
    repairs: [],
  };
}

describe('remedy per kind of repeat', () => {
  const set = setWith(FINDING_KINDS);
  const drafts = offlineDrafts(set);
  const ruleOf = (kind: string) => drafts.find((d) => d.targetCostSink === `redundancy:${kind}`)!;

  it('writes one admitted prune per kind', () => {
    expect(drafts.map((d) => d.targetCostSink).sort()).toEqual(FINDING_KINDS.map((k) => `redundancy:${k}`).sort());
    let n = 0;
    const ctx = admissionContext(set, 'OFFLINE', null, () => `p${++n}`);
    expect(drafts.map((d) => admitPatch(d, ctx)).filter((r) => 'rejected' in r)).toEqual([]);
  });

  it('tells a poll loop to wait, back off or block, never to reuse the result', () => {
    const poll = ruleOf('poll_loop');
    expect(poll.rule).toMatch(/back off/);
    expect(poll.rule).toMatch(/blocking wait/);
    expect(`${poll.rule} ${poll.counterfactual}`).not.toMatch(/reuse|already in (the same )?context/i);
    expect(poll.counterfactual).toMatch(/spent waiting/);
    expect(set.items.find((i) => i.detail.repeatKind === 'poll_loop')?.counts[1]?.what).toBe('checks repeated while a state was awaited');
  });

  it('tells a failed retry never to retry the tool unchanged', () => {
    expect(ruleOf('failed_retry')).toMatchObject({ section: 'Stop rules' });
    expect(ruleOf('failed_retry').rule).toMatch(/^Never retry `edit` unchanged/);
  });

  it('tells duplicates and rereads to reuse the earlier result, and a hand-off to pass the content in the spawn task', () => {
    expect(ruleOf('exact_duplicate').rule).toMatch(/reuse the earlier result/);
    expect(ruleOf('reread').rule).toMatch(/already in context/);
    const handoff = ruleOf('handoff');
    expect(handoff.rule).toMatch(/in the spawn task/);
    expect(handoff.rule).not.toMatch(/reuse/i);
    expect(handoff.section).toBe('Workflow');
  });
});
