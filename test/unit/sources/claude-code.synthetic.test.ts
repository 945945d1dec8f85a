// The Claude Code adapter on small hand-written transcripts: streaming de-duplication, usage
// conventions, API errors, tool results, spawn states, inline sidechains, replayed history,
// malformed input.
import { describe, expect, it } from 'vitest';
import { SessionRecordSchema, SpanRecordSchema, SpawnRecordSchema, type NormalisedBatch } from '../../../src/domain/model.ts';
import { createPricer } from '../../../src/domain/cost/index.ts';
import { skillContentHash } from '../../../src/domain/insights/skill-version.ts';
import { prepareBatch } from '../../../src/ingest/prepare.ts';
import { validateBatch } from '../../../src/ingest/validate.ts';
import { parseClaudeCode } from '../../../src/sources/claude-code/index.ts';
import type { SourceFile } from '../../../src/sources/types.ts';

const SID = '11111111-2222-3333-4444-555555555555';
const PROJECT = '/home/u/.claude/projects/-work-demo';
const MAIN = `${PROJECT}/${SID}.jsonl`;
const SESSION = `claude-code:${SID}`;

type Line = Record<string, unknown>;

let clock = Date.parse('2026-03-01T10:00:00.000Z');
/** Each line one second after the previous one. */
function tick(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

let uuidCounter = 0;
/** Lines chain through parentUuid, as Claude Code writes them. */
function base(type: string, extra: Line = {}): Line {
  uuidCounter += 1;
  const parentUuid = uuidCounter > 1 ? `u-${uuidCounter - 1}` : null;
  return { type, uuid: `u-${uuidCounter}`, parentUuid, sessionId: SID, cwd: '/work/demo', version: '2.1.39', timestamp: tick(), isSidechain: false, ...extra };
}

function user(content: unknown, extra: Line = {}): Line {
  return base('user', { message: { role: 'user', content }, ...extra });
}

interface AssistantOptions {
  id: string;
  req?: string;
  model?: string;
  content?: unknown[];
  usage?: Line;
  stop?: string | null;
  extra?: Line;
}

function assistant({ id, req = `req_${id}`, model = 'claude-sonnet-4-5', content = [], usage, stop = null, extra = {} }: AssistantOptions): Line {
  return base('assistant', {
    requestId: req,
    message: { id, model, role: 'assistant', type: 'message', content, stop_reason: stop, usage: usage ?? { input_tokens: 1, output_tokens: 1 } },
    ...extra,
  });
}

function toolUse(id: string, name: string, input: unknown): Line {
  return { type: 'tool_use', id, name, input };
}

function toolResult(id: string, content: unknown, isError = false, extra: Line = {}): Line {
  return user([{ type: 'tool_result', tool_use_id: id, content, is_error: isError }], extra);
}

function jsonl(...lines: Array<Line | string>): string {
  return `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;
}

function parse(...files: SourceFile[]): NormalisedBatch {
  const batch = parseClaudeCode(files);
  // Whatever the input, the output must satisfy the normalised model.
  batch.sessions.forEach((s) => SessionRecordSchema.parse(s));
  batch.spans.forEach((s) => SpanRecordSchema.parse(s));
  batch.spawns.forEach((s) => SpawnRecordSchema.parse(s));
  return batch;
}

function spansOf(batch: NormalisedBatch, kind: string, sessionId = SESSION) {
  return batch.spans.filter((s) => s.sessionId === sessionId && s.kind === kind);
}

describe('Claude Code adapter: streaming and usage', () => {
  it('folds the streamed lines of one response into one LLM span with the final output count', () => {
    const usage = (output: number) => ({ input_tokens: 3, output_tokens: output, cache_read_input_tokens: 100, cache_creation_input_tokens: 50 });
    const batch = parse({
      path: MAIN,
      text: jsonl(
        user('Fix the bug'),
        assistant({ id: 'msg_1', content: [{ type: 'thinking', thinking: 'Let me look.' }], usage: usage(1) }),
        assistant({ id: 'msg_1', content: [{ type: 'text', text: 'Looking now.' }], usage: usage(1) }),
        assistant({ id: 'msg_1', content: [toolUse('toolu_1', 'Read', { file_path: '/a.ts' })], usage: usage(120), stop: 'tool_use' }),
        toolResult('toolu_1', 'file text'),
      ),
    });
    const [llm] = spansOf(batch, 'LLM');
    expect(spansOf(batch, 'LLM')).toHaveLength(1);
    expect(llm).toMatchObject({
      id: `${SESSION}:msg_1:req_msg_1`,
      parentId: `${SESSION}:root`,
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      usage: { input: 3, output: 120, cacheRead: 100, cacheWrite: 50, cacheWrite1h: 0, reasoning: 0 },
      result: 'Looking now.',
      textPreview: '[thinking] Let me look.\nLooking now.',
      attributes: expect.objectContaining({ stopReason: 'tool_use', streamedLines: 3 }),
    });
    // The request was sent when the prompt line was written.
    expect(llm?.startedAt).toBe(batch.spans.find((s) => s.kind === 'AGENT')?.startedAt);
    const [tool] = spansOf(batch, 'TOOL');
    expect(tool).toMatchObject({ id: `${SESSION}:tool:toolu_1`, parentId: llm?.id, name: 'Read', args: { file_path: '/a.ts' }, result: 'file text', status: 'ok', durationMs: 1000 });
  });

  it('splits cache writes by lifetime, keeping unaccounted tokens in the default bucket', () => {
    const batch = parse({
      path: MAIN,
      text: jsonl(
        user('go'),
        assistant({ id: 'msg_a', usage: { input_tokens: 5, output_tokens: 7, cache_creation_input_tokens: 300, cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 } } }),
        assistant({ id: 'msg_b', usage: { input_tokens: 5, output_tokens: 7, cache_creation_input_tokens: 300, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 200 } } }),
        assistant({ id: 'msg_c', usage: { input_tokens: 5, output_tokens: 7, cache_creation_input_tokens: 300 } }),
      ),
    });
    expect(spansOf(batch, 'LLM').map((s) => [s.usage?.cacheWrite, s.usage?.cacheWrite1h])).toEqual([
      [100, 200],
      [100, 200],
      [300, 0],
    ]);
  });

  it('skips <synthetic> lines, keeps legacy costUSD as the reported cost, and keys calls without requestId by message id', () => {
    const legacy = assistant({ id: 'msg_old', req: 'r', extra: { costUSD: 0.0123 } });
    const noRequest = assistant({ id: 'msg_nr', usage: { input_tokens: 2, output_tokens: 4 } });
    delete noRequest.requestId;
    const batch = parse({
      path: MAIN,
      text: jsonl(user('go'), legacy, assistant({ id: 'msg_syn', model: '<synthetic>', content: [{ type: 'text', text: 'No response requested.' }] }), noRequest, { ...noRequest, uuid: 'u-copy' }),
    });
    const llm = spansOf(batch, 'LLM');
    expect(llm.map((s) => s.id)).toEqual([`${SESSION}:msg_old:r`, `${SESSION}:msg_nr`]);
    expect(llm[0]?.reportedCostUsd).toBe(0.0123);
    expect(llm[1]?.usage).toMatchObject({ input: 2, output: 4 });
  });
});

describe('Claude Code adapter: errors', () => {
  it('records each failed API attempt as an error LLM span without usage', () => {
    const batch = parse({
      path: MAIN,
      text: jsonl(
        user('go'),
        base('system', { subtype: 'api_error', level: 'error', retryAttempt: 1, maxRetries: 10, error: { status: 529, error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } } }),
        assistant({ id: 'msg_ok', content: [{ type: 'text', text: 'done' }] }),
        user('again'),
        base('assistant', {
          isApiErrorMessage: true,
          error: 'rate_limit',
          apiErrorStatus: 429,
          message: { id: 'x', model: '<synthetic>', role: 'assistant', content: [{ type: 'text', text: 'API Error: Rate limited' }] },
        }),
      ),
    });
    const llm = spansOf(batch, 'LLM');
    expect(llm.map((s) => [s.name, s.status, s.usage ?? null])).toEqual([
      ['api_error', 'error', null],
      ['claude-sonnet-4-5', 'ok', { input: 1, output: 1, cacheRead: 0, cacheWrite: 0, cacheWrite1h: 0, reasoning: 0 }],
      ['api_error', 'error', null],
    ]);
    expect(llm[0]).toMatchObject({ errorMessage: 'HTTP 529: Overloaded', attributes: { apiError: 'retry', httpStatus: 529, retryAttempt: 1, maxRetries: 10 } });
    expect(llm[2]).toMatchObject({ errorMessage: 'API Error: Rate limited', attributes: { apiError: 'final', errorCode: 'rate_limit', httpStatus: 429 } });
  });

  it('marks tool errors and tool calls that never got a result', () => {
    const batch = parse({
      path: MAIN,
      text: jsonl(
        user('go'),
        assistant({ id: 'msg_1', content: [toolUse('t_err', 'Bash', { command: 'false' }), toolUse('t_open', 'Bash', { command: 'sleep 99' })] }),
        toolResult('t_err', [{ type: 'text', text: 'Exit code 1' }], true),
      ),
    });
    const [failed, open] = spansOf(batch, 'TOOL');
    expect(failed).toMatchObject({ status: 'error', errorMessage: 'Exit code 1', result: 'Exit code 1' });
    expect(open).toMatchObject({ status: 'ok', endedAt: null, attributes: { resultMissing: true } });
  });
});

describe('Claude Code adapter: sub-agents', () => {
  const task = (id: string, prompt: string) => toolUse(id, 'Agent', { description: `do ${id}`, prompt, subagent_type: 'general-purpose' });

  it('reports refused, pending and missing spawns, keeping the expected child id when known', () => {
    const batch = parse({
      path: MAIN,
      text: jsonl(
        user('go'),
        assistant({ id: 'msg_1', content: [task('t_refused', 'a'), task('t_pending', 'b'), task('t_missing', 'c')] }),
        toolResult('t_refused', "The user doesn't want to proceed with this tool use.", true),
        toolResult('t_missing', 'done', false, { toolUseResult: { status: 'completed', agentId: 'abc1234', totalTokens: 99 } }),
      ),
    });
    expect(spansOf(batch, 'SUBAGENT').map((s) => s.name)).toEqual(['Agent', 'Agent', 'Agent']);
    expect(batch.spawns.map((s) => [s.spanId.split(':').at(-1), s.status, s.childSessionId ?? null, s.linkedBy ?? null])).toEqual([
      ['t_missing', 'missing', `${SESSION}:agent-abc1234`, 'toolUseResult.agentId'],
      ['t_pending', 'pending', null, null],
      ['t_refused', 'refused', null, null],
    ]);
    expect(spansOf(batch, 'SUBAGENT')[2]?.attributes).toMatchObject({ reportedTotalTokens: 99, subagentType: 'general-purpose' });
  });

  it('makes inline sidechain lines their own sub-agent session, linked by prompt and time', () => {
    const prompt = 'Find all callers of foo()';
    const batch = parse({
      path: MAIN,
      text: jsonl(
        user('refactor foo'),
        assistant({ id: 'msg_1', content: [toolUse('t_1', 'Task', { description: 'callers', prompt, subagent_type: 'Explore' })] }),
        user(prompt, { isSidechain: true, agentId: 'side01' }),
        assistant({ id: 'msg_side', extra: { isSidechain: true, agentId: 'side01' }, usage: { input_tokens: 10, output_tokens: 20 } }),
        // Warm-up sidechains start a chain of their own (no parent).
        user('Warmup', { isSidechain: true, parentUuid: null }),
        assistant({ id: 'msg_warm', extra: { isSidechain: true } }),
        toolResult('t_1', 'callers: a, b'),
        assistant({ id: 'msg_2' }),
      ),
    });
    const sub = batch.sessions.find((s) => s.id === `${SESSION}:agent-side01`);
    expect(sub).toMatchObject({ role: 'subagent', agentName: 'Explore', task: prompt, externalId: `${SID}:agent-side01`, origin: MAIN });
    expect(spansOf(batch, 'LLM', sub?.id)).toHaveLength(1);
    expect(spansOf(batch, 'LLM')).toHaveLength(2);
    expect(batch.spawns).toEqual([expect.objectContaining({ childSessionId: sub?.id, status: 'linked', linkedBy: 'task-prompt+time' })]);
    // A sidechain with no agentId (oldest versions) is grouped by its chain of parent uuids.
    const warmup = batch.sessions.find((s) => s.role === 'warmup');
    expect(warmup?.id).toMatch(new RegExp(`^${SESSION}:agent-sidechain-u-\\d+$`));
    expect(spansOf(batch, 'LLM', warmup?.id)).toHaveLength(1);
  });
});

describe('Claude Code adapter: replayed history', () => {
  it('counts a call replayed into a resumed session once, in the session that started first', () => {
    const first = [user('start'), assistant({ id: 'msg_shared', usage: { input_tokens: 10, output_tokens: 10 }, content: [toolUse('t_s', 'Read', {})] }), toolResult('t_s', 'x')];
    const resumedId = '99999999-2222-3333-4444-555555555555';
    const replay = first.map((l) => ({ ...l, sessionId: resumedId }));
    const later = [user('continue', { sessionId: resumedId }), assistant({ id: 'msg_new', usage: { input_tokens: 1, output_tokens: 1 }, extra: { sessionId: resumedId } })];
    const batch = parse({ path: `${PROJECT}/${resumedId}.jsonl`, text: jsonl(...replay, ...later) }, { path: MAIN, text: jsonl(...first) });
    expect(spansOf(batch, 'LLM').map((s) => s.id)).toEqual([`${SESSION}:msg_shared:req_msg_shared`]);
    const resumed = `claude-code:${resumedId}`;
    expect(spansOf(batch, 'LLM', resumed).map((s) => s.id)).toEqual([`${resumed}:msg_new:req_msg_new`]);
    expect(spansOf(batch, 'TOOL', resumed)).toEqual([]);
    expect(spansOf(batch, 'AGENT', resumed)[0]?.attributes).toMatchObject({ copiedCallsSkipped: 1 });
  });
});

describe('Claude Code adapter: sessions', () => {
  it('takes the first real prompt as the task, truncated, and normalises timestamps to ISO', () => {
    const long = `Please ${'do a lot of work '.repeat(60)}`;
    const batch = parse({
      path: MAIN,
      text: jsonl(
        user('<system-reminder>hook output</system-reminder>', { isMeta: true }),
        user([
          { type: 'text', text: '<ide_selection>line 5</ide_selection>' },
          { type: 'text', text: long },
        ]),
        assistant({ id: 'msg_1', extra: { timestamp: '2026-03-01T12:00:00+02:00' } }),
      ),
    });
    const [session] = batch.sessions;
    expect(session?.task).toHaveLength(500);
    expect(session?.task?.startsWith('Please do a lot')).toBe(true);
    expect(session?.task?.endsWith('…')).toBe(true);
    expect(spansOf(batch, 'LLM')[0]?.endedAt).toBe('2026-03-01T10:00:00.000Z');
  });
});

describe('Claude Code adapter: malformed input', () => {
  it('rejects bad lines with file:line and still reads the good ones', () => {
    const batch = parse({
      path: MAIN,
      text: jsonl(
        user('go'),
        '{"type":"assistant", "message": {',
        '[1,2,3]',
        '{"uuid":"no-type"}',
        assistant({ id: 'msg_bad', usage: { input_tokens: -4, output_tokens: 'many' } }),
        base('assistant', { message: { id: 'msg_blocks', content: 'not blocks', model: 'm' }, requestId: 'r', timestamp: 'yesterday-ish' }),
        assistant({ id: 'msg_good', usage: { input_tokens: 7, output_tokens: 8 } }),
      ),
    });
    expect(batch.rejections.map((r) => r.location)).toEqual([`${MAIN}:2`, `${MAIN}:3`, `${MAIN}:4`, `${MAIN}:5`]);
    expect(batch.rejections[0]?.reason).toMatch(/^invalid JSON/);
    expect(batch.rejections[1]?.reason).toMatch(/JSON object/);
    expect(batch.rejections[2]?.reason).toMatch(/type/);
    expect(batch.rejections[3]?.reason).toMatch(/message\.usage\.input_tokens/);
    // The string-content assistant line is odd but usable; its unparseable timestamp is dropped.
    expect(spansOf(batch, 'LLM').map((s) => [s.id.split(':').slice(-2).join(':'), s.endedAt ?? null])).toEqual([
      ['msg_blocks:r', null],
      ['msg_good:req_msg_good', expect.any(String)],
    ]);
  });

  it('never throws on garbage, empty files, stray files or broken meta files', () => {
    const garbage = '\u0000\u0001binary\uFFFD{{{\n\n\r\n';
    const run = () =>
      parse(
        { path: MAIN, text: garbage },
        { path: `${PROJECT}/empty.jsonl`, text: '' },
        { path: `${PROJECT}/notes.txt`, text: 'hello' },
        { path: `${PROJECT}/${SID}/subagents/agent-x1.meta.json`, text: '{oops' },
        { path: `${PROJECT}/${SID}/subagents/agent-x2.meta.json`, text: '[1]' },
        { path: `${PROJECT}/agent-orphan.jsonl`, text: jsonl(user('Warmup', { sessionId: undefined, isSidechain: true })) },
      );
    expect(run).not.toThrow();
    const batch = run();
    expect(batch.rejections.map((r) => r.location)).toEqual([
      `${MAIN}:1`,
      `${PROJECT}/${SID}/subagents/agent-x1.meta.json`,
      `${PROJECT}/${SID}/subagents/agent-x2.meta.json`,
      `${PROJECT}/notes.txt`,
    ]);
    // Empty and unreadable main transcripts are still sessions (partial sessions are data).
    expect(batch.sessions.map((s) => [s.id, s.role])).toEqual([
      [SESSION, 'main'],
      // An old-layout sub-agent whose lines name no parent session: kept, under no parent.
      ['claude-code:agent-orphan', 'warmup'],
      ['claude-code:empty', 'main'],
    ]);
    expect(batch.spans.filter((s) => s.sessionId === SESSION).map((s) => s.kind)).toEqual(['AGENT']);
    expect(parseClaudeCode([])).toEqual({ sessions: [], spans: [], spawns: [], rejections: [] });
  });
});

describe('Claude Code adapter: skills invoked with the Skill tool', () => {
  // The shape Claude Code writes (2.1.x): the call, its "Launching skill" result, then the skill
  // itself as a meta user line naming the call in sourceToolUseID.
  const SKILL_BODY = '# PDF skill\n\nRead PDFs with pdftotext before anything else.\n';
  const lines = () => [
    user('Summarise report.pdf'),
    assistant({ id: 'msg_skill', content: [toolUse('toolu_skill', 'Skill', { skill: 'pdf' })], stop: 'tool_use' }),
    toolResult('toolu_skill', 'Launching skill: pdf'),
    user([{ type: 'text', text: `Base directory for this skill: /home/u/.claude/skills/pdf\n\n${SKILL_BODY}` }], { isMeta: true, sourceToolUseID: 'toolu_skill' }),
    assistant({ id: 'msg_done', content: [{ type: 'text', text: 'Done.' }], stop: 'end_turn' }),
  ];

  it('joins the injected SKILL.md to the call, and the version hashed at ingest is the body’s', () => {
    const batch = parse({ path: MAIN, text: jsonl(...lines()) });
    const [skill] = spansOf(batch, 'TOOL');
    expect(skill).toMatchObject({ toolName: 'Skill' });
    expect(String(skill!.result)).toContain('Launching skill: pdf');
    expect(String(skill!.result)).toContain(SKILL_BODY.trim());
    const prepared = prepareBatch(validateBatch(batch), createPricer());
    const row = prepared.spans.find((s) => s.props.toolName === 'Skill' || s.props.name === 'Skill');
    expect(row?.props.skillContentHash).toBe(skillContentHash(SKILL_BODY));
  });

  it('a Skill call with no injected text has no version', () => {
    const batch = parse({ path: MAIN, text: jsonl(...lines().filter((l) => !(l as { isMeta?: boolean }).isMeta)) });
    const prepared = prepareBatch(validateBatch(batch), createPricer());
    expect(prepared.spans.every((s) => s.props.skillContentHash === null)).toBe(true);
  });
});

describe('Claude Code adapter: skills loaded by a slash command', () => {
  const SKILL_BODY = '# Release skill\n\nTag, then publish.\n';

  it('an injected skill with no call behind it is an OTHER span whose version is hashed at ingest', () => {
    const batch = parse({
      path: MAIN,
      text: jsonl(
        user('<command-name>/release</command-name>'),
        user([{ type: 'text', text: `Base directory for this skill: /work/demo/.claude/skills/release\n\n${SKILL_BODY}` }], { isMeta: true }),
        assistant({ id: 'msg_r', content: [{ type: 'text', text: 'Tagging.' }], stop: 'end_turn' }),
      ),
    });
    const [loaded] = spansOf(batch, 'OTHER');
    expect(loaded).toMatchObject({ name: 'skill release', attributes: { skillInjected: 'release' }, parentId: `${SESSION}:root` });
    const prepared = prepareBatch(validateBatch(batch), createPricer());
    expect(prepared.spans.find((s) => s.props.kind === 'OTHER')?.props.skillContentHash).toBe(skillContentHash(SKILL_BODY));
  });
});
