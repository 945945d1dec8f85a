// The OpenClaw adapter on small hand-built transcripts: the cases the real corpus does not contain
// (delivery-mirror, isError, runs.json, pending spawns) and everything malformed.
import { describe, expect, it } from 'vitest';
import { SessionRecordSchema, SpanRecordSchema, SpawnRecordSchema, type NormalisedBatch } from '../../../src/domain/model.ts';
import { isOpenClawTranscript, parseOpenClaw } from '../../../src/sources/openclaw/index.ts';
import type { SourceFile } from '../../../src/sources/types.ts';

// ---- a tiny transcript factory ------------------------------------------------------------------

const T0 = Date.parse('2026-02-18T10:00:00.000Z');
const iso = (offsetMs: number): string => new Date(T0 + offsetMs).toISOString();
const SESSIONS_DIR = '/home/u/.openclaw/agents/main/sessions';

type Line = Record<string, unknown>;

function header(id: string, atMs = 0): Line {
  return { type: 'session', version: 3, id, timestamp: iso(atMs), cwd: '/work' };
}

function user(id: string, atMs: number, text: string): Line {
  return { type: 'message', id, parentId: null, timestamp: iso(atMs), message: { role: 'user', content: [{ type: 'text', text }] } };
}

interface AssistantOptions {
  content?: unknown[];
  provider?: string;
  model?: string;
  cost?: number;
  input?: number;
  stopReason?: string;
  errorMessage?: string;
}

function assistant(id: string, atMs: number, o: AssistantOptions = {}): Line {
  return {
    type: 'message',
    id,
    parentId: null,
    timestamp: iso(atMs),
    message: {
      role: 'assistant',
      content: o.content ?? [{ type: 'text', text: 'ok' }],
      api: 'openai-completions',
      provider: o.provider ?? 'zai',
      model: o.model ?? 'glm-5',
      usage: { input: o.input ?? 100, output: 10, cacheRead: 5, cacheWrite: 0, totalTokens: 115, cost: { total: o.cost ?? 0.01 } },
      stopReason: o.stopReason ?? 'stop',
      ...(o.errorMessage ? { errorMessage: o.errorMessage } : {}),
      timestamp: T0 + atMs - 500,
    },
  };
}

const toolCall = (id: string, name: string, args: unknown): Line => ({ type: 'toolCall', id, name, arguments: args });

function toolResult(id: string, atMs: number, toolCallId: string, text: string, extra: Line = {}): Line {
  return {
    type: 'message',
    id,
    parentId: null,
    timestamp: iso(atMs),
    message: { role: 'toolResult', toolCallId, toolName: 'exec', content: [{ type: 'text', text }], isError: false, ...extra },
  };
}

function transcript(name: string, lines: (Line | string)[]): SourceFile {
  const text = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
  return { path: `${SESSIONS_DIR}/${name}`, text: `${text}\n` };
}

const spawnResult = (id: string, atMs: number, callId: string, details: Line): Line =>
  toolResult(id, atMs, callId, JSON.stringify(details), { toolName: 'sessions_spawn', details });

/** A parent that spawns `task` (label `label`) at `atMs`, and the answer OpenClaw gave. */
function parentWithSpawns(sessionId: string, spawns: { callId: string; atMs: number; task: string; label: string; details?: Line }[]): SourceFile {
  const lines: Line[] = [header(sessionId), user('u0', 10, 'do the work')];
  spawns.forEach((s, i) => {
    lines.push(assistant(`a${i}`, s.atMs, { content: [toolCall(s.callId, 'sessions_spawn', { task: s.task, label: s.label })] }));
    if (s.details) lines.push(spawnResult(`r${i}`, s.atMs + 300, s.callId, s.details));
  });
  return transcript(`${sessionId}.jsonl`, lines);
}

function child(sessionId: string, startMs: number, task: string): SourceFile {
  return transcript(`${sessionId}.jsonl.deleted.2026-02-18T11-00-00.000Z`, [
    header(sessionId, startMs),
    user('c0', startMs + 10, `[Wed 2026-02-18 05:00 EST] [Subagent Context] You are running as a subagent (depth 1/1).\n\n[Subagent Task]: ${task}`),
    assistant('c1', startMs + 2000, { cost: 0.5 }),
  ]);
}

const accepted = (n: number): Line => ({ status: 'accepted', childSessionKey: `agent:main:subagent:key-${n}`, runId: `run-${n}` });

function expectValidRecords(batch: NormalisedBatch): void {
  for (const s of batch.sessions) SessionRecordSchema.parse(s);
  for (const s of batch.spans) SpanRecordSchema.parse(s);
  for (const s of batch.spawns) SpawnRecordSchema.parse(s);
}

// ---- tests -------------------------------------------------------------------------------------

describe('isOpenClawTranscript', () => {
  const head = JSON.stringify(header('s1'));
  it.each([
    ['s1.jsonl', true],
    ['/x/agents/main/sessions/s1.jsonl', true],
    ['s1.jsonl.deleted.2026-02-18T15-18-04.119Z', true],
    ['s1.jsonl.reset.2026-02-18T15-18-04.119Z', true],
    ['s1.jsonl.lock', false],
    ['s1.jsonl.deleted.2026-02-18T15-18-04.119Z.lock', false],
    ['s1.json', false],
    ['s1.jsonl.bak', false],
  ])('%s → %s', (name, expected) => {
    expect(isOpenClawTranscript(name, head)).toBe(expected);
  });

  it('requires a v3 session header on the first line', () => {
    expect(isOpenClawTranscript('s.jsonl', JSON.stringify({ type: 'session', version: 2, id: 's' }))).toBe(false);
    expect(isOpenClawTranscript('s.jsonl', JSON.stringify({ type: 'user', uuid: 'x' }))).toBe(false);
    expect(isOpenClawTranscript('s.jsonl', '{"type":"session","version":3')).toBe(false);
    expect(isOpenClawTranscript('s.jsonl', '')).toBe(false);
  });
});

describe('parseOpenClaw on hand-built transcripts', () => {
  it('builds the session, root, LLM and tool spans with stable ids, times and usage', () => {
    const file = transcript('s1.jsonl', [
      header('s1'),
      { type: 'model_change', id: 'm0', parentId: null, timestamp: iso(1), provider: 'zai', modelId: 'glm-5' },
      user('u0', 10, 'List the files'),
      assistant('a1', 3000, { content: [{ type: 'thinking', thinking: 'let me look' }, toolCall('call-1', 'exec', { command: 'ls' })], cost: 0.02 }),
      toolResult('r1', 3400, 'call-1', 'a.txt\nb.txt', { details: { status: 'completed', exitCode: 0, durationMs: 12 } }),
      assistant('a2', 5000, { content: [{ type: 'text', text: 'Two files.' }], cost: 0.03 }),
    ]);
    const batch = parseOpenClaw([file]);
    expectValidRecords(batch);
    expect(batch.rejections).toEqual([]);
    expect(batch.sessions).toEqual([
      {
        id: 'openclaw:s1',
        source: 'openclaw',
        externalId: 's1',
        agentId: 'main',
        sessionKey: null,
        task: 'List the files',
        cwd: '/work',
        startedAt: iso(0),
        endedAt: iso(5000),
        status: 'completed',
        role: 'main',
        origin: file.path,
      },
    ]);
    expect(batch.spans.map((s) => [s.id, s.kind, s.seq, s.parentId])).toEqual([
      ['openclaw:s1:root', 'AGENT', 0, null],
      ['openclaw:s1:a1', 'LLM', 1, 'openclaw:s1:root'],
      ['openclaw:s1:tool:call-1', 'TOOL', 2, 'openclaw:s1:a1'],
      ['openclaw:s1:a2', 'LLM', 3, 'openclaw:s1:root'],
    ]);
    const [, llm, tool] = batch.spans;
    expect(llm).toMatchObject({
      model: 'glm-5',
      provider: 'zai',
      usage: { input: 100, output: 10, cacheRead: 5, cacheWrite: 0 },
      reportedCostUsd: 0.02,
      status: 'ok',
      // the message timestamp is the request start, the entry timestamp the answer
      startedAt: iso(2500),
      endedAt: iso(3000),
      durationMs: 500,
      textPreview: '[thinking] let me look',
      attributes: { stopReason: 'stop', api: 'openai-completions' },
    });
    expect(tool).toMatchObject({
      toolName: 'exec',
      toolCallId: 'call-1',
      args: { command: 'ls' },
      result: 'a.txt\nb.txt',
      startedAt: iso(3000),
      endedAt: iso(3400),
      durationMs: 400,
      status: 'ok',
      attributes: { resultStatus: 'completed', exitCode: 0, toolDurationMs: 12 },
    });
    expect(batch.spans[3]).toMatchObject({ textPreview: 'Two files.', result: 'Two files.' });
  });

  it('skips delivery-mirror messages: they are not model calls and cost nothing', () => {
    const batch = parseOpenClaw([
      transcript('s1.jsonl', [
        header('s1'),
        user('u0', 10, 'hi'),
        assistant('a1', 1000, { cost: 0.25 }),
        assistant('a2', 1100, { provider: 'openclaw', model: 'delivery-mirror', input: 0, cost: 0 }),
      ]),
    ]);
    expect(batch.spans.filter((s) => s.kind === 'LLM').map((s) => s.id)).toEqual(['openclaw:s1:a1']);
    expect(batch.spans.reduce((sum, s) => sum + (s.reportedCostUsd ?? 0), 0)).toBe(0.25);
  });

  it('marks tool spans failed from message-level isError, details status and exit codes', () => {
    const batch = parseOpenClaw([
      transcript('s1.jsonl', [
        header('s1'),
        user('u0', 10, 'go'),
        assistant('a1', 1000, {
          content: [
            toolCall('c1', 'read', { path: 'x' }),
            toolCall('c2', 'exec', { command: 'false' }),
            toolCall('c3', 'edit', { path: 'y' }),
            toolCall('c4', 'exec', { command: 'true' }),
            toolCall('c5', 'exec', { command: 'sleep 999' }),
          ],
        }),
        toolResult('r1', 1100, 'c1', 'ENOENT: no such file', { isError: true }),
        toolResult('r2', 1200, 'c2', '(Command exited with code 1)', { details: { status: 'completed', exitCode: 1 } }),
        toolResult('r3', 1300, 'c3', '{"status":"error"}', { details: { status: 'error', error: 'Could not find the text' } }),
        toolResult('r4', 1400, 'c4', '', { details: { status: 'completed', exitCode: 0 } }),
      ]),
    ]);
    const byCall = new Map(batch.spans.filter((s) => s.kind === 'TOOL').map((s) => [s.toolCallId, s]));
    expect(byCall.get('c1')).toMatchObject({ status: 'error', errorMessage: 'ENOENT: no such file' });
    expect(byCall.get('c2')).toMatchObject({ status: 'error', errorMessage: '(Command exited with code 1)' });
    expect(byCall.get('c3')).toMatchObject({ status: 'error', errorMessage: 'Could not find the text' });
    expect(byCall.get('c4')).toMatchObject({ status: 'ok', errorMessage: null });
    // no result recorded: kept, still open
    expect(byCall.get('c5')).toMatchObject({ status: 'ok', endedAt: null, durationMs: null });
    expect(byCall.get('c5')).not.toHaveProperty('result');
  });

  it('keeps failed and aborted model calls as error LLM spans', () => {
    const batch = parseOpenClaw([
      transcript('s1.jsonl', [
        header('s1'),
        user('u0', 10, 'go'),
        assistant('a1', 1000, { content: [], stopReason: 'error', errorMessage: '401 unauthorized', input: 0, cost: 0, provider: 'anthropic', model: 'claude-opus-4-6' }),
        assistant('a2', 2000, { content: [], stopReason: 'aborted', input: 0, cost: 0 }),
        assistant('a3', 3000, { provider: 'openai-codex', model: 'gpt-5.3-codex' }),
      ]),
    ]);
    const llm = batch.spans.filter((s) => s.kind === 'LLM');
    expect(llm.map((s) => [s.provider, s.model, s.status, s.errorMessage])).toEqual([
      ['anthropic', 'claude-opus-4-6', 'error', '401 unauthorized'],
      ['zai', 'glm-5', 'error', 'model call ended with stopReason "aborted"'],
      ['openai-codex', 'gpt-5.3-codex', 'ok', null],
    ]);
    expect(batch.sessions[0]?.status).toBe('completed');
  });

  it('accepts string user content, CRLF line ends and a byte-order mark', () => {
    const lines = [
      header('s1'),
      { type: 'message', id: 'u0', parentId: null, timestamp: iso(10), message: { role: 'user', content: 'plain string task' } },
      assistant('a1', 1000),
    ].map((l) => JSON.stringify(l));
    const batch = parseOpenClaw([{ path: `${SESSIONS_DIR}/s1.jsonl`, text: `\uFEFF${lines.join('\r\n')}\r\n` }]);
    expect(batch.rejections).toEqual([]);
    expect(batch.sessions[0]?.task).toBe('plain string task');
    expect(batch.spans).toHaveLength(2);
  });

  it('truncates long tasks and previews', () => {
    const long = 'x'.repeat(2000);
    const batch = parseOpenClaw([
      transcript('s1.jsonl', [header('s1'), user('u0', 10, long), assistant('a1', 1000, { content: [{ type: 'text', text: long }] })]),
    ]);
    expect(batch.sessions[0]?.task?.length).toBe(500);
    expect(batch.spans[1]?.textPreview?.length).toBe(300);
    expect(batch.spans[1]?.textPreview?.endsWith('…')).toBe(true);
  });

  it('takes session keys from sessions.json, preferring the key that is not a per-run alias', () => {
    const sessionsJson: SourceFile = {
      path: `${SESSIONS_DIR}/sessions.json`,
      text: JSON.stringify({
        'agent:main:cron:job:run:s1': { sessionId: 's1' },
        'agent:main:cron:job': { sessionId: 's1', inputTokens: 7 },
        'agent:main:main': { sessionId: 'other' },
        broken: 'not an entry',
      }),
    };
    const batch = parseOpenClaw([transcript('s1.jsonl', [header('s1'), user('u0', 10, 'hi')])], { sessionsJson });
    expect(batch.sessions[0]?.sessionKey).toBe('agent:main:cron:job');
    expect(batch.rejections).toEqual([{ location: `${SESSIONS_DIR}/sessions.json#broken`, reason: 'session entry without a string sessionId' }]);
  });
});

describe('sub-agent spawns', () => {
  it('links a child by task text and time (its header may precede the spawn call)', () => {
    const parent = parentWithSpawns('p', [{ callId: 'sp1', atMs: 60_000, task: 'Fix batch 1', label: 'b1', details: accepted(1) }]);
    const batch = parseOpenClaw([parent, child('c1', 59_100, 'Fix batch 1\n')]);
    expectValidRecords(batch);
    expect(batch.spawns).toEqual([
      {
        spanId: 'openclaw:p:tool:sp1',
        parentSessionId: 'openclaw:p',
        childSessionId: 'openclaw:c1',
        status: 'linked',
        task: 'Fix batch 1',
        label: 'b1',
        linkedBy: 'task-text+time',
        childSessionKey: 'agent:main:subagent:key-1',
      },
    ]);
    expect(batch.spans.find((s) => s.id === 'openclaw:p:tool:sp1')).toMatchObject({
      kind: 'SUBAGENT',
      toolName: 'sessions_spawn',
      attributes: { resultStatus: 'accepted', childSessionKey: 'agent:main:subagent:key-1', runId: 'run-1' },
    });
    expect(batch.sessions.find((s) => s.id === 'openclaw:c1')).toMatchObject({
      role: 'subagent',
      sessionKey: 'agent:main:subagent:key-1',
      task: 'Fix batch 1',
    });
  });

  it('gives retries with the same task to the nearest child, never one child to two spawns', () => {
    const parent = parentWithSpawns('p', [
      { callId: 'sp1', atMs: 60_000, task: 'Same task', label: 'try1', details: accepted(1) },
      { callId: 'sp2', atMs: 63_000, task: 'Same task', label: 'try2', details: accepted(2) },
      { callId: 'sp3', atMs: 200_000, task: 'Same task', label: 'try3', details: accepted(3) },
    ]);
    // children listed in the "wrong" order; the third spawn's child never made it to disk
    const batch = parseOpenClaw([child('late', 63_400, 'Same task'), child('early', 60_400, 'Same task'), parent]);
    expect(batch.spawns.map((s) => [s.label, s.status, s.childSessionId ?? null])).toEqual([
      ['try1', 'linked', 'openclaw:early'],
      ['try2', 'linked', 'openclaw:late'],
      ['try3', 'missing', null],
    ]);
  });

  it('does not link a child whose header is far from the spawn, or whose task differs', () => {
    const parent = parentWithSpawns('p', [{ callId: 'sp1', atMs: 60_000, task: 'Fix batch 1', label: 'b1', details: accepted(1) }]);
    const batch = parseOpenClaw([parent, child('far', 120_000, 'Fix batch 1'), child('other', 60_200, 'Fix batch 2')]);
    expect(batch.spawns[0]).toMatchObject({ status: 'missing', childSessionId: null, linkedBy: null });
    // a transcript that starts with a sub-agent task is a sub-agent even when unlinked
    expect(batch.sessions.filter((s) => s.role === 'subagent').map((s) => s.id).sort()).toEqual(['openclaw:far', 'openclaw:other']);
  });

  it('records refused and unanswered spawns', () => {
    const parent = parentWithSpawns('p', [
      { callId: 'sp1', atMs: 60_000, task: 'A', label: 'refused', details: { status: 'forbidden', error: 'max active children for this session (5/5)' } },
      { callId: 'sp2', atMs: 61_000, task: 'B', label: 'unanswered' },
    ]);
    const batch = parseOpenClaw([parent]);
    expect(batch.spawns.map((s) => [s.label, s.status])).toEqual([
      ['refused', 'refused'],
      ['unanswered', 'pending'],
    ]);
    expect(batch.spans.find((s) => s.id === 'openclaw:p:tool:sp1')).toMatchObject({
      status: 'error',
      errorMessage: 'max active children for this session (5/5)',
    });
  });

  it('lets runs.json win over task text and time', () => {
    const parent = parentWithSpawns('p', [{ callId: 'sp1', atMs: 60_000, task: 'Same', label: 'b1', details: accepted(1) }]);
    const near = child('near', 60_100, 'Same');
    const named = child('named', 90_000, 'Same');
    const flat: SourceFile = { path: '/home/u/.openclaw/subagents/runs.json', text: JSON.stringify({ 'run-1': 'named' }) };
    expect(parseOpenClaw([parent, near, named], { runsJson: flat }).spawns[0]).toMatchObject({
      status: 'linked',
      childSessionId: 'openclaw:named',
      linkedBy: 'runs.json',
    });

    // OpenClaw's own registry names the child by session key; sessions.json resolves the key.
    const registry: SourceFile = {
      path: '/home/u/.openclaw/subagents/runs.json',
      text: JSON.stringify({ version: 2, runs: { 'run-1': { runId: 'run-1', childSessionKey: 'agent:main:subagent:key-x', task: 'Same' } } }),
    };
    const sessionsJson: SourceFile = { path: `${SESSIONS_DIR}/sessions.json`, text: JSON.stringify({ 'agent:main:subagent:key-x': { sessionId: 'named' } }) };
    expect(parseOpenClaw([parent, near, named], { runsJson: registry, sessionsJson }).spawns[0]).toMatchObject({
      childSessionId: 'openclaw:named',
      linkedBy: 'runs.json',
    });
  });

  it("links by the child's own run id events", () => {
    const parent = parentWithSpawns('p', [{ callId: 'sp1', atMs: 60_000, task: 'Same', label: 'b1', details: accepted(1) }]);
    const evidenced = child('evidenced', 61_500, 'Same');
    evidenced.text += `${JSON.stringify({
      type: 'custom',
      customType: 'openclaw:prompt-error',
      data: { runId: 'run-1', sessionId: 'evidenced', error: 'aborted' },
      id: 'e1',
      parentId: 'c1',
      timestamp: iso(70_000),
    })}\n`;
    const batch = parseOpenClaw([parent, child('closer', 60_100, 'Same'), evidenced]);
    expect(batch.spawns[0]).toMatchObject({ childSessionId: 'openclaw:evidenced', linkedBy: 'transcript-runId' });
  });

  it('rejects unreadable index files with their path and still links by text and time', () => {
    const parent = parentWithSpawns('p', [{ callId: 'sp1', atMs: 60_000, task: 'T', label: 'b1', details: accepted(1) }]);
    const batch = parseOpenClaw([parent, child('c', 60_200, 'T')], {
      runsJson: { path: '/r/runs.json', text: '{"version":2,' },
      sessionsJson: { path: '/s/sessions.json', text: '[]' },
    });
    expect(batch.rejections.map((r) => r.location)).toEqual(['/s/sessions.json', '/r/runs.json']);
    expect(batch.spawns[0]).toMatchObject({ status: 'linked', linkedBy: 'task-text+time' });
  });
});

describe('malformed input', () => {
  it('rejects bad lines by file:line and keeps the good ones', () => {
    const file = transcript('s1.jsonl', [
      header('s1'), // 1
      user('u0', 10, 'go'), // 2
      'this is not json', // 3
      assistant('a1', 1000, { cost: 0.1 }), // 4
      { ...assistant('a2', 2000), message: { role: 'assistant', content: [], usage: { input: 'many', output: 1 } } }, // 5
      { type: 'message', id: 'u1', parentId: null, timestamp: iso(2100), message: { role: 'user', content: 5 } }, // 6
      assistant('a3', 2200, { content: [{ type: 'toolCall', id: 'c1', name: 42, arguments: {} }] }), // 7
      { type: 'message', id: 'u2', parentId: null, timestamp: 'yesterday', message: { role: 'user', content: 'x' } }, // 8
      { type: 'message', parentId: null, timestamp: iso(2300), message: { role: 'user', content: 'no id' } }, // 9
      assistant('a1', 2400), // 10: same entry id as line 4
      { type: 'session', version: 3, id: 's1', timestamp: iso(0) }, // 11
      { type: 'thinking_level_change', id: 't1', parentId: null, timestamp: iso(2500), thinkingLevel: 'high' }, // 12: valid, unused
      { type: 'message', id: 'x1', parentId: null, timestamp: iso(2600), message: { role: 'bashExecution', command: 'ls' } }, // 13: unknown role, skipped
      assistant('a4', 3000, { cost: 0.2 }), // 14
      '{"type":"message","id":"a5","parentId":null,"timestamp":"2026-02-18T10:00:04.000Z","message":{"role":"assist', // 15: truncated
    ]);
    let batch: NormalisedBatch | undefined;
    expect(() => (batch = parseOpenClaw([file]))).not.toThrow();
    const at = (line: number): string => `${file.path}:${line}`;
    expect(batch!.rejections.map((r) => r.location)).toEqual([3, 5, 6, 7, 8, 9, 10, 11, 15].map(at));
    const reasons = new Map(batch!.rejections.map((r) => [r.location, r.reason]));
    expect(reasons.get(at(3))).toMatch(/^invalid JSON/);
    expect(reasons.get(at(5))).toMatch(/message\.usage\.input/);
    expect(reasons.get(at(6))).toMatch(/message\.content/);
    expect(reasons.get(at(7))).toMatch(/message\.content/);
    expect(reasons.get(at(8))).toMatch(/timestamp: not a valid timestamp/);
    expect(reasons.get(at(9))).toMatch(/^unexpected shape: id/);
    expect(reasons.get(at(10))).toBe('duplicate entry id a1 (first used on line 4)');
    expect(reasons.get(at(11))).toMatch(/second session header/);
    expect(reasons.get(at(15))).toMatch(/^invalid JSON/);
    expect(batch!.spans.map((s) => s.id)).toEqual(['openclaw:s1:root', 'openclaw:s1:a1', 'openclaw:s1:a4']);
    expect(batch!.sessions[0]?.endedAt).toBe(iso(3000));
    expectValidRecords(batch!);
  });

  it('rejects a file without a valid header as a whole, and reads the other files', () => {
    const good = transcript('good.jsonl', [header('good'), user('u0', 10, 'hi'), assistant('a1', 1000)]);
    // Not an entry either: a headerless continuation starts with an entry (see the reset tests).
    const noHeader = transcript('no-header.jsonl', [{ type: 'session', version: 3 }, user('u0', 10, 'hi'), assistant('a1', 1000)]);
    const oldVersion = transcript('v2.jsonl', [{ ...header('v2'), version: 2 }, user('u0', 10, 'hi')]);
    const garbage = { path: `${SESSIONS_DIR}/garbage.jsonl`, text: '\u0000\u0001 binary junk\n' };
    const empty = { path: `${SESSIONS_DIR}/empty.jsonl`, text: '\n\n' };
    const batch = parseOpenClaw([good, noHeader, oldVersion, garbage, empty]);
    expect(batch.sessions.map((s) => s.id)).toEqual(['openclaw:good']);
    expect(batch.rejections.map((r) => r.location)).toEqual([
      `${SESSIONS_DIR}/empty.jsonl:1`,
      `${SESSIONS_DIR}/garbage.jsonl:1`,
      `${SESSIONS_DIR}/no-header.jsonl:1`,
      `${SESSIONS_DIR}/v2.jsonl:1`,
    ]);
    for (const r of batch.rejections.slice(1)) expect(r.reason).toMatch(/^not an OpenClaw v3 transcript \(whole file rejected\)/);
    expect(batch.rejections[3]?.reason).toMatch(/unsupported transcript version 2/);
  });

  it('reads a session that appears in two files once: a copy never counts a call twice', () => {
    const full = transcript('s1.jsonl', [header('s1'), user('u0', 10, 'hi'), assistant('a1', 1000), assistant('a2', 2000)]);
    const partial = { ...transcript('s1.jsonl.bak.2026-02-18T12-00-00.000Z', [header('s1'), user('u0', 10, 'hi'), assistant('a1', 1000)]) };
    const batch = parseOpenClaw([partial, full]);
    expect(batch.sessions.map((s) => s.origin)).toEqual([full.path]);
    expect(batch.rejections).toEqual([]);
    expect(batch).toEqual(parseOpenClaw([full]));
  });

  it('never throws on random garbage lines, and rejects exactly those lines', () => {
    // Deterministic pseudo-random generator (mulberry32), so a failure is reproducible.
    let seed = 20260218;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = '{}[]":,0123456789abcdefnulltrue \\u"type"message"role"assistant"usage"';
    const garbageLine = (): string => {
      let s = '';
      const length = 1 + Math.floor(random() * 80);
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
      return s.trim() === '' ? '{' : s;
    };
    for (let round = 0; round < 20; round++) {
      const lines: (Line | string)[] = [header('s1'), user('u0', 10, 'hi')];
      const garbageAt: number[] = [];
      for (let i = 0; i < 30; i++) {
        if (random() < 0.5) {
          lines.push(garbageLine());
          garbageAt.push(lines.length);
        } else {
          lines.push(assistant(`a${i}`, 1000 + i));
        }
      }
      const file = transcript('s1.jsonl', lines);
      const batch = parseOpenClaw([file]);
      const llmCount = lines.length - 2 - garbageAt.length;
      expect(batch.rejections.map((r) => r.location)).toEqual(garbageAt.map((n) => `${file.path}:${n}`));
      expect(batch.spans.filter((s) => s.kind === 'LLM')).toHaveLength(llmCount);
    }
  });
});
