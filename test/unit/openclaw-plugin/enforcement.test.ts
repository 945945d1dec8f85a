// The plugin's decisions from a known budget state: what each deciding OpenClaw hook gets back
// under enforce off|warn|block, the one-time warning, sub-agents inheriting a parent's limit, and
// the registration (enforcement hooks only when asked for; a failure answers "no objection").
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BudgetPoller } from '../../../packages/openclaw-plugin/src/budget-poller.ts';
import type { BudgetState, BudgetStatus } from '../../../packages/openclaw-plugin/src/budget-state.ts';
import type { EnforceMode } from '../../../packages/openclaw-plugin/src/config.ts';
import { Enforcement } from '../../../packages/openclaw-plugin/src/enforcement.ts';
import { SessionIdentity } from '../../../packages/openclaw-plugin/src/identity.ts';
import { register } from '../../../packages/openclaw-plugin/src/index.ts';

function budgetState(sessionId: string, status: BudgetStatus): BudgetState {
  const level = status === 'OK' ? [] : [{ id: 'a1', kind: 'BUDGET', level: status, message: '', ruleName: 'Team daily', observedUsd: status === 'LIMIT' ? 12.5 : 8.1, thresholdUsd: status === 'LIMIT' ? 10 : 8, firedAt: '2026-01-01T00:00:00Z', sessionId, spanId: null }];
  return { sessionId, rootSessionId: sessionId, status, spentUsd: 12.5, alerts: level, checkedAt: '2026-01-01T00:00:00Z' };
}

/** A poller whose cache is filled by hand (its fetch is never reached: nothing is tracked). */
function setup(mode: EnforceMode, states: Record<string, BudgetStatus>) {
  const budgets = new BudgetPoller({ endpoint: 'http://ct.test', pollMs: 60_000, requestTimeoutMs: 100, fetch: (() => Promise.reject(new Error('no network'))) as unknown as typeof fetch });
  const cache = budgets as unknown as { sessions: Map<string, { state: BudgetState; atMs: number }> };
  for (const [id, status] of Object.entries(states)) cache.sessions.set(id, { state: budgetState(id, status), atMs: Date.now() });
  const identity = new SessionIdentity();
  return { enforcement: new Enforcement(mode, budgets, identity), identity };
}

describe('Enforcement decisions', () => {
  it('block + LIMIT: refuses tool calls and new runs, naming the budget and its figures', () => {
    const { enforcement } = setup('block', { s1: 'LIMIT' });
    const tool = enforcement.toolCall({ sessionId: 's1' });
    expect(tool?.block).toBe(true);
    expect(tool?.blockReason).toContain('budget "Team daily" has reached $12.50 against its $10.00 limit');
    const run = enforcement.agentRun({ sessionId: 's1' });
    expect(run).toMatchObject({ outcome: 'block', category: 'cost_limit' });
    expect(run?.message).toContain('Team daily');
    // Exactly the keys OpenClaw's isHookDecision accepts (any other key turns into an "invalid decision").
    expect(Object.keys(run!).sort()).toEqual(['category', 'message', 'outcome', 'reason']);
  });

  it('block + WARNING or OK, or an unknown session: refuses nothing', () => {
    const { enforcement } = setup('block', { s1: 'WARNING', s2: 'OK' });
    for (const sessionId of ['s1', 's2', 'unknown', undefined]) {
      expect(enforcement.toolCall({ sessionId })).toBeUndefined();
      expect(enforcement.agentRun({ sessionId })).toBeUndefined();
    }
  });

  it('warn + LIMIT: never refuses, only warns', () => {
    const { enforcement } = setup('warn', { s1: 'LIMIT' });
    expect(enforcement.toolCall({ sessionId: 's1' })).toBeUndefined();
    expect(enforcement.agentRun({ sessionId: 's1' })).toBeUndefined();
    expect(enforcement.promptBuild({ sessionId: 's1' })?.prependContext).toContain('[ClawTrace budget limit]');
  });

  it('off: returns nothing for any state', () => {
    const { enforcement } = setup('off', { s1: 'LIMIT' });
    expect(enforcement.toolCall({ sessionId: 's1' })).toBeUndefined();
    expect(enforcement.agentRun({ sessionId: 's1' })).toBeUndefined();
    expect(enforcement.promptBuild({ sessionId: 's1' })).toBeUndefined();
  });

  it('warns once per session and level: WARNING once, then LIMIT once', () => {
    const { enforcement } = setup('warn', { s1: 'WARNING' });
    const first = enforcement.promptBuild({ sessionId: 's1' });
    expect(first?.prependContext).toContain('[ClawTrace budget warning] ClawTrace budget "Team daily" has reached $8.10 against its $8.00 warning threshold');
    expect(enforcement.promptBuild({ sessionId: 's1' })).toBeUndefined();
    const cache = (enforcement as unknown as { budgets: { sessions: Map<string, { state: BudgetState; atMs: number; warned?: string }> } }).budgets.sessions;
    cache.set('s1', { ...cache.get('s1')!, state: budgetState('s1', 'LIMIT') });
    expect(enforcement.promptBuild({ sessionId: 's1' })?.prependContext).toContain('[ClawTrace budget limit]');
    expect(enforcement.promptBuild({ sessionId: 's1' })).toBeUndefined();
  });

  it("a sub-agent is refused when its parent (or grandparent) is at LIMIT, even before the server knows the child", () => {
    const { enforcement, identity } = setup('block', { root: 'LIMIT', child: 'OK' });
    identity.learn('agent:main:main', 'root');
    identity.learn('agent:main:subagent:1', 'child');
    identity.learn('agent:main:subagent:2', 'grandchild');
    enforcement.spawned('agent:main:subagent:1', 'agent:main:main');
    enforcement.spawned('agent:main:subagent:2', 'agent:main:subagent:1');
    expect(enforcement.toolCall({ sessionId: 'child', sessionKey: 'agent:main:subagent:1' })?.blockReason).toContain('Team daily');
    expect(enforcement.toolCall({ sessionId: 'grandchild', sessionKey: 'agent:main:subagent:2' })?.block).toBe(true);
    // Without the spawn link the child stands on its own state.
    expect(enforcement.toolCall({ sessionId: 'child' })).toBeUndefined();
  });

  it('a spawn cycle in bad data does not loop', () => {
    const { enforcement, identity } = setup('block', { a: 'OK' });
    identity.learn('k:a', 'a');
    identity.learn('k:b', 'b');
    enforcement.spawned('k:a', 'k:b');
    enforcement.spawned('k:b', 'k:a');
    expect(enforcement.toolCall({ sessionId: 'a', sessionKey: 'k:a' })).toBeUndefined();
  });
});

describe('registration with OpenClaw', () => {
  function registered(config: Record<string, unknown>) {
    const hooks = new Map<string, (event: never, ctx: never) => unknown>();
    register({ pluginConfig: { spoolDir: path.join(os.tmpdir(), `ct-unit-enforce-${process.pid}`), ...config }, on: (name, handler) => void hooks.set(name, handler) });
    return hooks;
  }

  it('subscribes to before_prompt_build and before_agent_run only when enforcing', () => {
    expect(registered({}).has('before_agent_run')).toBe(false);
    expect(registered({}).has('before_prompt_build')).toBe(false);
    expect(registered({ enforce: 'warn' }).has('before_agent_run')).toBe(true);
    expect(registered({ enforce: 'block' }).has('before_prompt_build')).toBe(true);
  });

  it('answers undefined (never null, which before_agent_run would take as a block) when it has no objection', () => {
    const hooks = registered({ enforce: 'block', endpoint: 'http://127.0.0.1:9' });
    expect(hooks.get('before_agent_run')!({} as never, { sessionId: 'fresh' } as never)).toBeUndefined();
    expect(hooks.get('before_tool_call')!({ toolName: 'read', params: {} } as never, { toolName: 'read', sessionId: 'fresh' } as never)).toBeUndefined();
    expect(hooks.get('before_prompt_build')!(null as never, undefined as never)).toBeUndefined();
  });

  it('refuses a bad enforce value at load', () => {
    expect(() => registered({ enforce: 'strict' })).toThrow(/enforce must be one of off, warn, block/);
    expect(() => registered({ budgetPollMs: 1 })).toThrow(/budgetPollMs/);
  });
});
