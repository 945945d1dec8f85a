// The pure parts of skillImpact: which step a prune rule targets and whether the sessions after it
// still take that step; the verdict and its alerts, including a success regression; version
// matching of a session's content hash or label to a stored version.
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/costcraft/impact/compare.ts';
import { checkPruneRules, pruneTarget } from '../../src/costcraft/impact/prune-check.ts';
import type { ImpactSessionRow, ImpactStepRow } from '../../src/costcraft/impact/types.ts';
import { verdictOf } from '../../src/costcraft/impact/verdict.ts';
import { judged, storedRef, summarise, versionOf } from '../../src/costcraft/impact/versions.ts';
import { skillContentHash } from '../../src/domain/insights/skill-version.ts';

const row = (id: string, costUsd: number, outcome: 'success' | 'failure', taskKey: string): ImpactSessionRow => ({
  id, startedAt: null, versionHash: null, versionLabel: null, costUsd, unpricedCalls: 0, tokens: 0, llmCalls: 1, steps: 1, waste: [], outcome, inferredOutcome: null, taskKey, taskName: null,
});
const options = { alpha: 0.05, confidence: 0.95, resamples: 500, seed: 1 };

describe('prune rules against the sessions', () => {
  const step = (sessionId: string, toolName: string, args: object, repeatKinds: string[] = [], costUsd = 0.01): ImpactStepRow => ({
    sessionId, kind: 'TOOL', toolName, argsCanonical: JSON.stringify(args), costUsd, repeatKinds, wastedUsd: repeatKinds.length ? costUsd : 0,
  });

  it('takes the signature from the evidence id: a step, or a redundancy kind’s repeats', () => {
    expect(pruneTarget({ id: 'p', rule: 'r', target: null, evidenceIds: ['preserve:x', 'cross-trajectory:think(thought)'] })).toEqual({ signature: 'think(thought)', counts: 'step' });
    expect(pruneTarget({ id: 'p', rule: 'r', target: null, evidenceIds: ['redundancy:reread:read(path)'] })).toEqual({ signature: 'read(path)', counts: 'reread' });
    expect(pruneTarget({ id: 'p', rule: 'r', target: 'sub-agent: do things', evidenceIds: ['unused-subagent:s1'] })).toBeNull();
  });

  it('followed, ignored, not seen before; savings = calls avoided × their cost before', () => {
    const before = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];
    const after = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    const steps = [
      ...before.map((b, i) => step(b, 'think', { thought: String(i) })), step('b1', 'think', { thought: 'again' }),
      step('b1', 'read', { path: 'x' }), step('b1', 'read', { path: 'x' }, ['reread']),
      step('a1', 'read', { path: 'x' }), step('a1', 'read', { path: 'x' }, ['reread']),
    ];
    const rules = [
      { id: 'p1', rule: 'No thinking aloud.', target: 'think(thought)', evidenceIds: ['cross-trajectory:think(thought)'] },
      { id: 'p2', rule: 'Reuse what was read.', target: null, evidenceIds: ['redundancy:reread:read(path)'] },
      { id: 'p3', rule: 'No searching.', target: null, evidenceIds: ['unused-output:search(query)'] },
    ];
    const [think, reread, search] = checkPruneRules(rules, steps, new Set(before), new Set(after));
    // 7 think calls in 6 sessions before, none in 6 after: Fisher p = 0.0022.
    expect(think).toMatchObject({ status: 'FOLLOWED', candidatePerSession: 0, baselineSessionsWith: 6 });
    expect(think!.baselinePerSession).toBeCloseTo(7 / 6, 12);
    expect(think!.savedUsdPerSession).toBeCloseTo((7 / 6) * 0.01, 12);
    expect(think!.savedUsdTotal).toBeCloseTo(0.07, 12);
    expect(reread).toMatchObject({ status: 'IGNORED', counts: 'reread', savedUsdPerSession: 0 });
    expect(reread!.baselinePerSession).toBeCloseTo(1 / 6, 12);
    expect(reread!.candidatePerSession).toBeCloseTo(1 / 6, 12);
    expect(reread!.note).toMatch(/^ignored: reread repeats of read\(path\)/);
    expect(search).toMatchObject({ status: 'NOT_SEEN_BEFORE' });
  });

  it('fewer after, but too rare to tell: INCONCLUSIVE, with the counts', () => {
    const steps = [step('b1', 'think', { thought: 'a' })];
    const [r] = checkPruneRules([{ id: 'p1', rule: 'No thinking aloud.', target: null, evidenceIds: ['cross-trajectory:think(thought)'] }], steps, new Set(['b1', 'b2', 'b3']), new Set(['a1', 'a2']));
    expect(r!.status).toBe('INCONCLUSIVE');
    expect(r!.note).toBe('think(thought) calls per session 0.33 → 0.00 (100% fewer), but not significant (Fisher p = 1.000; in 1 of 3 sessions before, 0 of 2 after): could be chance');
  });
});

describe('verdict and alerts', () => {
  const tasks = ['t1', 't2', 't3', 't4', 't5', 't6'];
  const before = tasks.flatMap((t, i) => [row(`b${i}a`, 0.1 + i * 0.01, 'success', t), row(`b${i}b`, 0.11 + i * 0.01, 'success', t)]).map(judged);

  it('success falling beyond its interval is a regression with a success alert, even when cost fell', () => {
    const after = tasks.flatMap((t, i) => [row(`a${i}a`, 0.05 + i * 0.01, 'failure', t), row(`a${i}b`, 0.06 + i * 0.01, 'failure', t)]).map(judged);
    const c = compareVersions(before, after, options);
    const v = verdictOf(c, summarise(versionOf({ versionHash: null, versionLabel: 'v1' }, []), before), summarise(versionOf({ versionHash: null, versionLabel: 'v2' }, []), after), 5, 0.95);
    expect(c.success).toMatchObject({ baselineRate: 1, candidateRate: 0, direction: 'lower', significant: true });
    expect(v.verdict).toBe('REGRESSED');
    expect(v.alerts.map((a) => a.metric)).toEqual(['success']);
    expect(v.alerts[0]!.message).toMatch(/^Success fell beyond its interval from label v1 to label v2: success 100\.0% → 0\.0%/);
  });

  it('the same figures with nothing moved: no significant difference', () => {
    const after = before.map((r) => ({ ...r, id: `x${r.id}` }));
    const v = verdictOf(compareVersions(before, after, options), summarise(versionOf({ versionHash: null, versionLabel: 'v1' }, []), before), summarise(versionOf({ versionHash: null, versionLabel: 'v2' }, []), after), 5, 0.95);
    expect(v.verdict).toBe('NO_SIGNIFICANT_DIFFERENCE');
    expect(v.alerts).toEqual([]);
  });
});

describe('versions', () => {
  const text = '# Skill\n\n- a rule\n';
  const stored = [storedRef({ id: 'run-1:v1', number: 1, text, createdAt: '2026-01-01T00:00:00Z', previousId: null, runId: 'run-1' })];

  it('a read of the stored text, or its label, is that stored version; another text is external', () => {
    const numbered = text.trimEnd().split('\n').map((l, i) => `${String(i + 1).padStart(6)}→${l}`).join('\n');
    expect(versionOf({ versionHash: skillContentHash(numbered), versionLabel: null }, stored)).toMatchObject({ key: 'run-1:v1', label: 'v1', kind: 'stored' });
    expect(versionOf({ versionHash: null, versionLabel: 'v1' }, stored)).toMatchObject({ kind: 'stored', versionId: 'run-1:v1' });
    expect(versionOf({ versionHash: 'ffffffffffffffff', versionLabel: null }, stored)).toMatchObject({ key: 'sha:ffffffffffffffff', label: 'external sha:ffffffffffff', kind: 'external' });
    expect(versionOf({ versionHash: null, versionLabel: null }, stored).kind).toBe('unknown');
  });
});
