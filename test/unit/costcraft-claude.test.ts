// The Claude analysts with the REAL @anthropic-ai/sdk against a local server speaking the Messages
// API: tool use, full task context on every turn, malformed JSON, refusals, 429s and 500s.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClaudeClient, runClaudeAnalyst, type ClaudeAnalystOptions } from '../../src/costcraft/analysts/claude.ts';
import type { AnalystTask } from '../../src/costcraft/analysts/context.ts';
import { demoEvidence } from '../helpers/costcraft-evidence.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';

let fake: FakeAnthropic;
let options: ClaudeAnalystOptions;
beforeAll(async () => {
  fake = await startFakeAnthropic();
  options = { apiKey: 'test-key', baseURL: fake.url, model: 'claude-test', retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 } };
});
afterAll(async () => fake?.close());
beforeEach(() => {
  fake.requests.length = 0;
});

const evidence = demoEvidence();
const task = (role: 'success' | 'error'): AnalystTask => ({
  role,
  skill: 'demo',
  baseSkill: '# demo\n## Workflow\n- Look things up first.',
  evidence,
  session: role === 'success'
    ? { sessionId: 's1', task: 'task A', outcome: 'success', score: 1, card: 'session: s1\ncost: 0.1' }
    : { sessionId: 'f1', task: 'task B', outcome: 'failure', score: 0, card: 'session: f1\ncost: 0.1' },
  repair: role === 'error' ? evidence.repairs[0]! : null,
});
const preserve = { action: 'preserve', rule: 'Look the record up before acting.', section: 'Workflow', evidenceIds: ['preserve:step:lookup(id)'], confidence: 0.8 };
const prune = { action: 'prune', rule: 'Skip think unless needed.', section: 'Cost control', targetCostSink: 'think(thought)', evidenceIds: ['cross-trajectory:think(thought)'], counterfactual: 'succeeded without it in 3 of 4 sessions', confidence: 0.6 };
const repair = { action: 'repair', rule: 'Check the amount before calling book.', rootCause: 'amount 55 instead of 5', section: 'Artifact checklist', targetCostSink: 'book', evidenceIds: ['repair:args_differ:book:amount'], confidence: 0.8 };
const systemOf = (i: number) => JSON.stringify(fake.requests[i]?.body.system);
const run = (role: 'success' | 'error', o: Partial<ClaudeAnalystOptions> = {}) =>
  runClaudeAnalyst(createClaudeClient({ ...options, ...o }), task(role), { ...options, ...o });

describe('success analyst', () => {
  it('returns the preserve and prune submitted with final_patch', async () => {
    fake.script(reply.tool('final_patch', { patches: [preserve, prune] }));
    const r = await run('success');
    expect(r).toMatchObject({ status: 'ok', label: 'CLAUDE', model: 'claude-test', turns: 1 });
    expect(r.drafts).toHaveLength(2);
    expect(fake.requests[0]?.body.tools?.map((t) => t.name)).toEqual(['final_patch']);
    expect(systemOf(0)).toContain('cross-trajectory:think(thought)');
    expect(systemOf(0)).toContain('session: s1');
  });

  it('retries once after malformed JSON, then accepts a valid answer', async () => {
    fake.script(reply.text('{"patches": [ {"action": "preserve", '), reply.text('```json\n' + JSON.stringify({ patches: [preserve] }) + '\n```'));
    const r = await run('success');
    expect(r).toMatchObject({ status: 'ok', turns: 2, retries: { invalidOutputs: 1 } });
    expect(JSON.stringify(fake.requests[1]?.body.messages)).toMatch(/invalid/i);
  });

  it('records a failed analysis after two invalid outputs (never a rule)', async () => {
    fake.script(reply.text('not json at all'), reply.tool('final_patch', { patches: [{ ...preserve, section: 'Elsewhere' }] }));
    const r = await run('success');
    expect(r).toMatchObject({ status: 'failed', drafts: [], retries: { invalidOutputs: 2 } });
    expect(r.error).toMatch(/invalid output twice/);
  });

  it('rejects a repair from the success analyst as invalid output', async () => {
    fake.script(reply.tool('final_patch', { patches: [repair] }), reply.tool('final_patch', { patches: [preserve] }));
    const r = await run('success');
    expect(r).toMatchObject({ status: 'ok', retries: { invalidOutputs: 1 } });
    const second = JSON.stringify(fake.requests[1]?.body.messages);
    expect(second).toContain('is_error');
    expect(second).toContain('exactly one preserve');
  });

  it('records a refusal as a failed analysis', async () => {
    fake.script(reply.refusal());
    expect(await run('success')).toMatchObject({ status: 'failed', error: 'the model refused the analysis' });
  });

  it('retries 429 and 500 with backoff and reports them', async () => {
    fake.script(reply.rateLimited(0), reply.serverError(), reply.overloaded(), reply.tool('final_patch', { patches: [preserve] }));
    const r = await run('success');
    expect(r).toMatchObject({ status: 'ok', retries: { rateLimited: 1, serverErrors: 2 } });
    expect(fake.requests).toHaveLength(4);
  });

  it('gives up after the retry budget and records the API error', async () => {
    fake.script(reply.serverError(), reply.serverError(), reply.serverError(), reply.serverError());
    const r = await run('success');
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/HTTP 500/);
    expect(r.retries.serverErrors).toBe(3);
  });

  it('records a malformed response body as a failed analysis', async () => {
    fake.script(reply.malformedBody());
    const r = await run('success', { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
    expect(r.status).toBe('failed');
  });

  it('does not retry a 400', async () => {
    fake.script({ kind: 'error', status: 400, type: 'invalid_request_error', message: 'bad' });
    const r = await run('success');
    expect(r).toMatchObject({ status: 'failed', retries: { rateLimited: 0, serverErrors: 0 } });
  });
});

describe('error analyst', () => {
  it('inspects mismatches and the gold snippet, keeping the full task context on every turn', async () => {
    fake.script(
      reply.tool('inspect_mismatches', {}, 'Let me look at the mismatches.'),
      reply.tool('read_gold_snippet', { label: 'gold' }),
      reply.tool('final_patch', { patches: [repair] }),
    );
    const r = await run('error');
    expect(r).toMatchObject({ status: 'ok', analyst: 'error', turns: 3 });
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]?.body.tools?.map((t) => t.name)).toEqual(['inspect_mismatches', 'read_gold_snippet', 'final_patch']);
    // The same full context (task, evidence catalogue, card) on every request.
    for (let i = 0; i < 3; i++) {
      expect(systemOf(i)).toBe(systemOf(0));
      expect(systemOf(i)).toContain('task B');
      expect(systemOf(i)).toContain('repair:args_differ:book:amount');
    }
    const second = JSON.stringify(fake.requests[1]?.body.messages);
    expect(second).toContain('f1:3');
    expect(second).toContain('args_differ');
    const third = JSON.stringify(fake.requests[2]?.body.messages);
    expect(third).toContain('gold actions');
  });

  it('fails when no final_patch comes within the turn budget', async () => {
    fake.script(reply.tool('inspect_mismatches', {}), reply.tool('inspect_mismatches', {}));
    const r = await run('error', { maxTurns: 2 });
    expect(r).toMatchObject({ status: 'failed', turns: 2 });
    expect(r.error).toMatch(/within 2 turns/);
  });
});
