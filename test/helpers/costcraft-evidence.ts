// A small hand-made EvidenceSet for CostCraft unit tests: 6 sessions of skill `demo` (4 succeeded,
// 2 failed), one of each evidence kind, with counts chosen so claims can be checked.
import type { EvidenceItem, EvidenceSet } from '../../src/costcraft/evidence-types.ts';

export function item(partial: Partial<EvidenceItem> & Pick<EvidenceItem, 'id' | 'kind'>): EvidenceItem {
  return {
    target: null,
    toolName: null,
    counts: [],
    spanIds: [],
    sessionIds: [],
    costUsd: null,
    tokens: null,
    heuristic: false,
    summary: partial.id,
    detail: {},
    ...partial,
  };
}

export function demoEvidence(): EvidenceSet {
  const sessions = ['s1', 's2', 's3', 's4', 'f1', 'f2'].map((id) => ({
    id,
    task: id.startsWith('s') ? 'task A' : 'task B',
    outcome: id.startsWith('s') ? ('success' as const) : ('failure' as const),
    score: id.startsWith('s') ? 1 : 0,
    totalCostUsd: 0.1,
    unpricedCalls: 0,
    spanCount: 10,
  }));
  return {
    skill: 'demo',
    sessions,
    repairs: [
      {
        sessionId: 'f1',
        task: 'task B',
        score: 0,
        evaluator: 'test',
        mismatches: [{ kind: 'args_differ', tool: 'book', fields: ['amount'], spanId: 'f1:3', expected: '{"amount":5}', actual: '{"amount":55}' }],
        goldSnippets: [{ label: 'gold actions', text: '{"actions":[{"name":"book","kwargs":{"amount":5}}]}' }],
        errorSteps: [],
      },
    ],
    items: [
      item({
        id: 'redundancy:exact_duplicate:search(q)',
        kind: 'redundancy',
        target: 'search(q)',
        toolName: 'search',
        counts: [{ k: 2, n: 6, what: 'sessions with an exact_duplicate' }, { k: 3, n: 3, what: 'repeats' }],
        spanIds: ['s1:4', 's2:4'],
        sessionIds: ['s1', 's2'],
        costUsd: 0.03,
        detail: { repeatKind: 'exact_duplicate', calls: 3 },
      }),
      item({
        id: 'cross-trajectory:think(thought)',
        kind: 'cross_trajectory',
        target: 'think(thought)',
        toolName: 'think',
        counts: [
          { k: 3, n: 4, what: 'successful sessions of the same tasks that succeeded without it' },
          { k: 3, n: 4, what: 'successful sessions of the skill that succeeded without it' },
          { k: 1, n: 4, what: 'successful sessions that used it' },
          { k: 1, n: 2, what: 'failed sessions that used it' },
        ],
        spanIds: ['s1:2', 'f1:2'],
        sessionIds: ['s2', 's3', 's4'],
        detail: { calls: 2 },
      }),
      item({
        id: 'preserve:step:lookup(id)',
        kind: 'preserve',
        target: 'lookup(id)',
        counts: [{ k: 4, n: 4, what: 'successful sessions with this behaviour' }, { k: 1, n: 2, what: 'failed sessions with this behaviour' }],
        spanIds: ['s1:1', 's2:1'],
        sessionIds: ['s1', 's2', 's3', 's4'],
        detail: { patternKind: 'step' },
      }),
      item({
        id: 'repair:args_differ:book:amount',
        kind: 'repair',
        target: 'book',
        toolName: 'book',
        counts: [{ k: 2, n: 2, what: 'failed sessions with this mismatch' }],
        spanIds: ['f1:3', 'f2:3'],
        sessionIds: ['f1', 'f2'],
        detail: { mismatchKind: 'args_differ', fields: 'amount', expected: '{"amount":5}', actual: '{"amount":55}' },
      }),
    ],
  };
}
