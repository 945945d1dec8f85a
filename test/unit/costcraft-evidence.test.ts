// Pure evidence pieces: step signatures, output-use scores, offline templates.
import { describe, expect, it } from 'vitest';
import { offlineDrafts } from '../../src/costcraft/analysts/offline.ts';
import { decidesNextStep } from '../../src/costcraft/decides-next.ts';
import { scoreOutputUse } from '../../src/costcraft/output-use.ts';
import { admissionContext, admitPatch } from '../../src/costcraft/patch.ts';
import { stepSignature, topLevelKeys } from '../../src/costcraft/step-signature.ts';
import { demoEvidence } from '../helpers/costcraft-evidence.ts';

describe('step signatures', () => {
  it('are the tool and its top-level argument keys, even from truncated canonical JSON', () => {
    expect(stepSignature('TOOL', 'search', '{"b":{"x":1},"a":[1,2]}')).toBe('search(a,b)');
    expect(topLevelKeys('{"path":"/a","content":"long…[+900 chars]')).toEqual(['path', 'content']);
    expect(stepSignature('TOOL', 'ls', null)).toBe('ls()');
    expect(stepSignature('LLM', null, '{"a":1}')).toBeNull();
  });
});

describe('output-use score', () => {
  const step = (id: string, kind: string, fields: { args?: string; result?: string; text?: string }) => ({
    id,
    kind,
    args: fields.args ?? null,
    result: fields.result ?? null,
    text: fields.text ?? null,
  });

  it('is 1 when the novel values of a result are used later and 0 when they never reappear', () => {
    const scores = scoreOutputUse([
      step('1', 'TOOL', { args: '{"user_id":"mia_li"}', result: '{"payment":"certificate_7504069","card":"credit_4421486"}' }),
      step('2', 'TOOL', { args: '{"q":"flights"}', result: '{"flight":"HAT136","other":"HAT999"}' }),
      step('3', 'LLM', { text: 'I will pay with certificate_7504069 and credit_4421486.' }),
    ]);
    expect(scores).toEqual([
      { id: '1', score: 1, novelTokens: 2 },
      { id: '2', score: 0, novelTokens: 2 },
    ]);
  });

  it('counts a result that decides the next step as used: a poll, a status check, a test run', () => {
    const poll = '{"action":"poll","sessionId":"build-1"}';
    const scores = scoreOutputUse([
      { ...step('1', 'TOOL', { args: poll, result: '(no new output)\n\nProcess still running.' }), decidesNext: true },
      step('2', 'LLM', { text: 'Still building; I will wait.' }),
    ]);
    expect(scores[0]).toMatchObject({ id: '1', score: 1 });
    // The same step without the flag: its words never reappear, so the overlap heuristic says unused.
    expect(scoreOutputUse([step('1', 'TOOL', { args: poll, result: '(no new output) Process still running.' })])[0]?.score).toBe(0);
    expect(decidesNextStep('process', poll)).toBe(true);
    expect(decidesNextStep('BashOutput', '{"bash_id":"7d95c5"}')).toBe(true);
    expect(decidesNextStep('exec', '{"command":"cd /repo && pnpm test 2>&1 | tail -20"}')).toBe(true);
    expect(decidesNextStep('Bash', '{"command":"git status --short"}')).toBe(true);
    expect(decidesNextStep('exec', '{"command":"sleep 60 && gh pr checks 75"}')).toBe(true);
    expect(decidesNextStep('read', '{"path":"/repo/README.md"}')).toBe(false);
    expect(decidesNextStep('Bash', '{"command":"cat package.json"}')).toBe(false);
    expect(decidesNextStep('process', '{"action":"log","sessionId":"build-1"}')).toBe(false);
  });

  it('gives no score to an asynchronous spawn whose result only acknowledges it (the answer comes later)', () => {
    const ack = '{\n  "status": "accepted",\n  "childSessionKey": "agent:build:subagent:86858939",\n  "runId": "6a352961",\n  "note": "auto-announces on completion"\n}';
    const scores = scoreOutputUse([step('1', 'SUBAGENT', { args: '{"task":"fix batch 1"}', result: ack }), step('2', 'LLM', { text: 'Spawned.' })]);
    expect(scores[0]).toEqual({ id: '1', score: null, novelTokens: 0 });
    // A spawn that returns the sub-agent's answer is still measured.
    expect(scoreOutputUse([step('1', 'SUBAGENT', { args: '{"task":"find the bug"}', result: 'The bug is in parser_v2.ts' })])[0]?.score).toBe(0);
  });

  it('gives no score when a result has too little new information', () => {
    expect(scoreOutputUse([step('1', 'TOOL', { args: '{"id":"A1"}', result: '{"id":"A1"}' })])[0]?.score).toBeNull();
  });
});

describe('offline analyst', () => {
  it('is deterministic and every draft it writes is admitted with its evidence', () => {
    const set = demoEvidence();
    const drafts = offlineDrafts(set);
    expect(offlineDrafts(set)).toEqual(drafts);
    let n = 0;
    const ctx = admissionContext(set, 'OFFLINE', null, () => `p${++n}`);
    const results = drafts.map((d) => admitPatch(d, ctx));
    expect(results.filter((r) => 'rejected' in r)).toEqual([]);
    const actions = drafts.map((d) => d.action).sort();
    expect(actions).toEqual(['preserve', 'prune', 'prune', 'repair']);
    const cross = drafts.find((d) => d.targetCostSink === 'think(thought)');
    expect(cross?.counterfactual).toBe('succeeded without it in 3 of 4 sessions');
  });
});
