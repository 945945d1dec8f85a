// The budget-state cache of the OpenClaw plugin: polls in the background, never needs the
// network to answer, keeps the last state through failures (logging once), forgets idle
// sessions, and hands its last states to the next process through a file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBudgetFile, MAX_AGE_MS } from '../../../packages/openclaw-plugin/src/budget-file.ts';
import { ACTIVE_MS, BudgetPoller } from '../../../packages/openclaw-plugin/src/budget-poller.ts';
import { parseBudgetState } from '../../../packages/openclaw-plugin/src/budget-state.ts';

type Answer = { status: number; body: unknown } | Error;

function fakeFetch(answer: (sessionId: string) => Answer) {
  const asked: Array<{ url: string; auth: string | undefined }> = [];
  const fn = (async (url: string, init?: RequestInit) => {
    const sessionId = new URL(url).searchParams.get('sessionId')!;
    asked.push({ url, auth: (init?.headers as Record<string, string>).authorization });
    const a = answer(sessionId);
    if (a instanceof Error) throw a;
    return new Response(JSON.stringify(a.body), { status: a.status });
  }) as unknown as typeof fetch;
  return { fn, asked };
}

const state = (status: string, extra: Record<string, unknown> = {}) => ({ status: 200, body: { sessionId: 's', rootSessionId: 's', status, spentUsd: 1, alerts: [], checkedAt: '2026-01-01T00:00:00Z', ...extra } });
const settle = () => new Promise((r) => setTimeout(r, 5));

let pollers: BudgetPoller[] = [];
afterEach(() => {
  for (const p of pollers) p.close();
  pollers = [];
});

function poller(fetchFn: typeof fetch, extra: Partial<ConstructorParameters<typeof BudgetPoller>[0]> = {}, log?: (l: string, m: string) => void) {
  const p = new BudgetPoller({ endpoint: 'http://ct.test', pollMs: 60_000, requestTimeoutMs: 1000, fetch: fetchFn, ...extra }, log);
  pollers.push(p);
  return p;
}

describe('BudgetPoller', () => {
  it('asks about a newly seen session at once, with the session id encoded and the API key', async () => {
    const f = fakeFetch(() => state('WARNING'));
    const p = poller(f.fn, { apiKey: 'ctk_1' });
    expect(p.state('a b')).toBeUndefined(); // nothing known yet: the hook answers without waiting
    p.track('a b');
    await settle();
    expect(f.asked).toEqual([{ url: 'http://ct.test/v1/budget-state?sessionId=a%20b', auth: 'Bearer ctk_1' }]);
    expect(p.state('a b')?.status).toBe('WARNING');
  });

  it('asks once per session however many hooks see it, until the next poll round', async () => {
    const f = fakeFetch(() => state('OK'));
    const p = poller(f.fn);
    for (let i = 0; i < 5; i++) p.track('s1');
    await settle();
    expect(f.asked).toHaveLength(1);
    await p.pollOnce();
    expect(f.asked).toHaveLength(2);
  });

  it('keeps the last state through errors, timeouts and bad answers, and logs once per run of failures', async () => {
    let answer: Answer = state('LIMIT');
    const f = fakeFetch(() => answer);
    const logs: string[] = [];
    const p = poller(f.fn, {}, (level, m) => logs.push(`${level}: ${m}`));
    p.track('s1');
    await settle();
    for (const bad of [new Error('ECONNREFUSED'), { status: 503, body: {} }, { status: 200, body: { status: 'MAYBE' } }] as Answer[]) {
      answer = bad;
      await p.pollOnce();
      expect(p.state('s1')?.status).toBe('LIMIT');
    }
    expect(logs.filter((l) => l.startsWith('warn'))).toHaveLength(1);
    expect(logs[0]).toContain('ECONNREFUSED');
    answer = state('OK');
    await p.pollOnce();
    expect(p.state('s1')?.status).toBe('OK');
    expect(logs.at(-1)).toContain('readable again');
  });

  it('stops polling sessions idle for longer than ACTIVE_MS', async () => {
    let now = 1_000_000;
    const f = fakeFetch(() => state('OK'));
    const p = poller(f.fn, { now: () => now });
    p.track('old');
    now += ACTIVE_MS - 1;
    p.track('new');
    await settle();
    now += 2;
    f.asked.length = 0;
    await p.pollOnce();
    expect(f.asked.map((a) => new URL(a.url).searchParams.get('sessionId'))).toEqual(['new']);
  });

  it('polls on its own every pollMs once a session is seen', async () => {
    const f = fakeFetch(() => state('OK'));
    const p = poller(f.fn, { pollMs: 20 });
    p.track('s1');
    await new Promise((r) => setTimeout(r, 120));
    expect(f.asked.length).toBeGreaterThanOrEqual(3);
    p.close();
    const after = f.asked.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(f.asked.length).toBe(after);
  });
});

describe('the budget-state file', () => {
  it('gives the next process the last states and warnings, and drops entries older than MAX_AGE_MS', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-budget-file-'));
    const file = path.join(dir, 'spool', 'budget-state.json');
    let now = 5_000_000;
    const first = poller(fakeFetch(() => state('LIMIT')).fn, { file, now: () => now });
    first.track('s1');
    await settle();
    first.markWarned('s1', 'LIMIT');
    const next = poller(fakeFetch(() => new Error('down')).fn, { file, now: () => now });
    expect(next.state('s1')?.status).toBe('LIMIT');
    expect(next.warned('s1')).toBe('LIMIT');
    now += MAX_AGE_MS + 1;
    expect(loadBudgetFile(file, now).size).toBe(0);
    fs.writeFileSync(file, '{not json');
    expect(loadBudgetFile(file, now).size).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('parseBudgetState', () => {
  it('reads the contract shape and keeps only alerts with a known level', () => {
    const parsed = parseBudgetState(
      {
        sessionId: 'x',
        rootSessionId: 'r',
        status: 'LIMIT',
        spentUsd: 2.5,
        checkedAt: 'now',
        alerts: [{ id: 'a', kind: 'BUDGET', level: 'LIMIT', message: 'm', ruleName: 'B', observedUsd: 2.5, thresholdUsd: 2, firedAt: 't', sessionId: 'x', spanId: null }, { level: 'INFO' }, 'junk'],
      },
      'x',
    );
    expect(parsed?.status).toBe('LIMIT');
    expect(parsed?.rootSessionId).toBe('r');
    expect(parsed?.alerts.map((a) => a.ruleName)).toEqual(['B']);
    expect(parseBudgetState({ status: 'ok' }, 'x')).toBeUndefined();
    expect(parseBudgetState(null, 'x')).toBeUndefined();
  });
});
