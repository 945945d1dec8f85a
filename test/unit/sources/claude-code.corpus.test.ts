// The Claude Code adapter against the real transcripts in ../shared/corpora (read in place):
// token totals after streaming de-duplication, sub-agent linking in both file layouts, warm-up and
// compaction agents, and order independence.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionRecordSchema, SpanRecordSchema, SpawnRecordSchema, type NormalisedBatch } from '../../../src/domain/model.ts';
import { parseClaudeCode } from '../../../src/sources/claude-code/index.ts';
import type { SourceFile } from '../../../src/sources/types.ts';
import { corpus } from '../../helpers/corpora.ts';

const CODERABBIT = '-Users-dain-workspace-coderabbit-review-helper';
const CLAUDE_P = '-src-experiments-claude_p';
const CODERABBIT_SID = 'cb2e607c-c758-415a-8b45-c49e4631906a';
const CLAUDE_P_SID = '29ccd257-68b1-427f-ae5f-6524b7cb6f20';
const SPOTTER_SID = 'fa812bfe-b295-4cca-9c2f-fdf01028cb46';

function readFolder(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...readFolder(full));
    else if (entry.name !== 'SOURCES.md') out.push({ path: full, text: fs.readFileSync(full, 'utf8') });
  }
  return out;
}

const coderabbit = readFolder(corpus('claude-code-log-real-projects', CODERABBIT));
const claudeP = readFolder(corpus('claude-code-log-real-projects', CLAUDE_P));
const spotter = readFolder(corpus('claude-code-spotter'));

interface Totals {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** Figures per transcript file: usage rows / unique message ids and tokens after de-duplication. */
interface Expected extends Totals {
  sessionId: string;
  file: string;
  rows: number;
  unique: number;
}

// rows / unique from the SOURCES.md tables; spotter main tokens from its SOURCES.md ("Token totals
// after dedup by message.id"); the other token figures are the de-duplicated sums of the files
// (SOURCES.md gives none), cross-checked below by an independent plain-JSON sum.
const EXPECTED: Expected[] = [
  { sessionId: `claude-code:${SPOTTER_SID}`, file: `${SPOTTER_SID}.jsonl`, rows: 314, unique: 157, input: 1_502, output: 36_256, cacheRead: 15_373_675, cacheWrite: 260_212 },
  { sessionId: `claude-code:${SPOTTER_SID}:agent-a93ccab`, file: 'agent-a93ccab.jsonl', rows: 36, unique: 11, input: 70, output: 28, cacheRead: 329_070, cacheWrite: 45_621 },
  { sessionId: `claude-code:${SPOTTER_SID}:agent-aa84377`, file: 'agent-aa84377.jsonl', rows: 30, unique: 9, input: 52, output: 17, cacheRead: 306_055, cacheWrite: 52_562 },
  { sessionId: `claude-code:${SPOTTER_SID}:agent-acompact-70d8e7`, file: 'agent-acompact-70d8e7.jsonl', rows: 1, unique: 1, input: 3, output: 6, cacheRead: 166_873, cacheWrite: 2_414 },
  { sessionId: `claude-code:${CODERABBIT_SID}`, file: `${CODERABBIT_SID}.jsonl`, rows: 200, unique: 80, input: 735, output: 23_714, cacheRead: 3_483_153, cacheWrite: 152_097 },
  { sessionId: `claude-code:${CODERABBIT_SID}:agent-ea02459f`, file: 'agent-ea02459f.jsonl', rows: 18, unique: 5, input: 3_289, output: 1_799, cacheRead: 76_673, cacheWrite: 36_957 },
  { sessionId: `claude-code:${CODERABBIT_SID}:agent-2b93909d`, file: 'agent-2b93909d.jsonl', rows: 1, unique: 1, input: 1_004, output: 48, cacheRead: 0, cacheWrite: 0 },
  { sessionId: `claude-code:${CODERABBIT_SID}:agent-645808c9`, file: 'agent-645808c9.jsonl', rows: 1, unique: 1, input: 993, output: 110, cacheRead: 0, cacheWrite: 0 },
  { sessionId: `claude-code:${CLAUDE_P_SID}`, file: `${CLAUDE_P_SID}.jsonl`, rows: 2, unique: 2, input: 2, output: 2, cacheRead: 36_009, cacheWrite: 7_996 },
  // SOURCES.md: "output_tokens sum to only 18 over 10 messages, an upstream logging quirk".
  { sessionId: `claude-code:${CLAUDE_P_SID}:agent-a2271d1`, file: 'agent-a2271d1.jsonl', rows: 34, unique: 10, input: 4_466, output: 18, cacheRead: 236_968, cacheWrite: 42_768 },
];

const ALL_FILES = [...coderabbit, ...claudeP, ...spotter];
const batch = parseClaudeCode(ALL_FILES);

function fileNamed(name: string): SourceFile {
  const found = ALL_FILES.find((f) => path.basename(f.path) === name);
  if (!found) throw new Error(`corpus file ${name} not found`);
  return found;
}

function llmSpans(b: NormalisedBatch, sessionId: string) {
  return b.spans.filter((s) => s.sessionId === sessionId && s.kind === 'LLM');
}

function adapterTotals(b: NormalisedBatch, sessionId: string): Totals {
  const totals: Totals = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  for (const span of llmSpans(b, sessionId)) {
    totals.input += span.usage?.input ?? 0;
    totals.output += span.usage?.output ?? 0;
    totals.cacheRead += span.usage?.cacheRead ?? 0;
    totals.cacheWrite += (span.usage?.cacheWrite ?? 0) + (span.usage?.cacheWrite1h ?? 0);
  }
  return totals;
}

/**
 * Independent of the adapter: plain JSON.parse, last line per `message.id:requestId` wins (instead
 * of the adapter's per-field maximum), top-level assistant lines only.
 */
function independentSum(text: string): Totals & { rows: number; unique: number } {
  const last = new Map<string, Record<string, number>>();
  let rows = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line);
    const usage = entry.type === 'assistant' ? entry.message?.usage : undefined;
    if (!usage || entry.message.model === '<synthetic>') continue;
    rows += 1;
    last.set(`${entry.message.id}:${entry.requestId}`, usage);
  }
  const sum = (field: string) => [...last.values()].reduce((acc, u) => acc + (u[field] ?? 0), 0);
  return {
    rows,
    unique: last.size,
    input: sum('input_tokens'),
    output: sum('output_tokens'),
    cacheRead: sum('cache_read_input_tokens'),
    cacheWrite: sum('cache_creation_input_tokens'),
  };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The same files with `edit` applied to every JSON line of the named file. */
function editLines(files: SourceFile[], name: string, edit: (entry: Record<string, unknown>) => Record<string, unknown>): SourceFile[] {
  return files.map((f) => {
    if (path.basename(f.path) !== name) return f;
    const text = f.text
      .split('\n')
      .map((line) => (line.trim() === '' ? line : JSON.stringify(edit(JSON.parse(line)))))
      .join('\n');
    return { ...f, text };
  });
}

function withoutToolUseResult(entry: Record<string, unknown>): Record<string, unknown> {
  const { toolUseResult: _dropped, ...rest } = entry;
  return rest;
}

function withoutAgentProgress(entry: Record<string, unknown>): Record<string, unknown> {
  const data = entry.data as { type?: string } | undefined;
  return data?.type === 'agent_progress' ? { ...entry, data: { type: 'hook_progress' } } : entry;
}

describe('Claude Code adapter on real transcripts', () => {
  it('reads every corpus line without rejections and emits records valid against the model', () => {
    expect(batch.rejections).toEqual([]);
    for (const s of batch.sessions) SessionRecordSchema.parse(s);
    for (const s of batch.spans) SpanRecordSchema.parse(s);
    for (const s of batch.spawns) SpawnRecordSchema.parse(s);
    expect(batch.sessions.map((s) => s.id).sort()).toEqual(EXPECTED.map((e) => e.sessionId).sort());
    expect(new Set(batch.spans.map((s) => s.id)).size).toBe(batch.spans.length);
  });

  describe.each(EXPECTED)('$file', (expected) => {
    it('has one LLM span per unique message id and the de-duplicated token totals', () => {
      expect(llmSpans(batch, expected.sessionId)).toHaveLength(expected.unique);
      const { sessionId: _s, file: _f, rows: _r, unique: _u, ...tokens } = expected;
      expect(adapterTotals(batch, expected.sessionId)).toEqual(tokens);
    });

    it('agrees with an independent plain-JSON sum (usage rows vs unique as in SOURCES.md)', () => {
      const independent = independentSum(fileNamed(expected.file).text);
      expect(independent.rows).toBe(expected.rows);
      expect(independent.unique).toBe(expected.unique);
      const { rows: _r, unique: _u, ...tokens } = independent;
      expect(adapterTotals(batch, expected.sessionId)).toEqual(tokens);
    });
  });

  it('numbers spans 0..n-1 in transcript order under one AGENT root per session', () => {
    for (const session of batch.sessions) {
      const spans = batch.spans.filter((s) => s.sessionId === session.id);
      expect(spans.map((s) => s.seq)).toEqual(spans.map((_, i) => i));
      const [root, ...rest] = spans;
      expect(root).toMatchObject({ id: `${session.id}:root`, kind: 'AGENT', seq: 0, parentId: null });
      const llmIds = new Set(rest.filter((s) => s.kind === 'LLM').map((s) => s.id));
      for (const span of rest) {
        // LLM calls and compaction runs (which no call started) hang off the root; tools off their call.
        if (span.kind === 'LLM' || span.attributes?.internalRun) expect(span.parentId).toBe(root?.id);
        else expect(llmIds.has(span.parentId ?? '')).toBe(true);
      }
    }
  });

  it('turns every tool_use into one TOOL/SUBAGENT span answered by its tool_result', () => {
    const main = batch.spans.filter((s) => s.sessionId === `claude-code:${SPOTTER_SID}`);
    const tools = main.filter((s) => (s.kind === 'TOOL' || s.kind === 'SUBAGENT') && !s.attributes?.internalRun);
    expect(tools).toHaveLength(197);
    expect(tools.filter((s) => s.kind === 'SUBAGENT').map((s) => s.name)).toEqual(['Task', 'Task']);
    expect(tools.every((s) => s.endedAt && s.result !== undefined)).toBe(true);
    expect(tools.filter((s) => s.status === 'error')).toHaveLength(8);
    const coderabbitErrors = batch.spans.filter((s) => s.sessionId === `claude-code:${CODERABBIT_SID}` && s.status === 'error');
    expect(coderabbitErrors).toHaveLength(7);
    expect(coderabbitErrors.every((s) => s.kind === 'TOOL' && s.errorMessage)).toBe(true);
  });

  it('spotter: 157 calls from 314 usage rows, two Explore sub-agents linked, one compaction agent', () => {
    expect(llmSpans(batch, `claude-code:${SPOTTER_SID}`)).toHaveLength(157);
    const spawns = batch.spawns.filter((s) => s.parentSessionId === `claude-code:${SPOTTER_SID}`);
    expect(spawns.map((s) => [s.childSessionId, s.status, s.linkedBy])).toEqual([
      [`claude-code:${SPOTTER_SID}:agent-acompact-70d8e7`, 'linked', 'compact_boundary'],
      [`claude-code:${SPOTTER_SID}:agent-aa84377`, 'linked', 'toolUseResult.agentId'],
      [`claude-code:${SPOTTER_SID}:agent-a93ccab`, 'linked', 'toolUseResult.agentId'],
    ]);
    const explore = batch.sessions.filter((s) => s.id.startsWith(`claude-code:${SPOTTER_SID}:`) && s.role === 'subagent');
    expect(explore.map((s) => s.agentName)).toEqual(['Explore', 'Explore']);
    const compaction = batch.sessions.find((s) => s.id.endsWith(':agent-acompact-70d8e7'));
    expect(compaction).toMatchObject({ role: 'compaction', agentName: 'compaction' });
    expect(compaction?.task).toMatch(/^Your task is to create a detailed summary/);
    // No Task call started it; the parent pays for it: a SUBAGENT span at the parent's
    // compact_boundary line links it, with no task (so it is never a "duplicate spawn").
    const spawn = batch.spawns.find((s) => s.childSessionId === compaction?.id);
    expect(spawn).toMatchObject({ status: 'linked', linkedBy: 'compact_boundary', task: null, label: 'compaction', childAgent: 'compaction' });
    const span = batch.spans.find((s) => s.id === spawn?.spanId);
    expect(span).toMatchObject({ kind: 'SUBAGENT', name: 'compaction', parentId: `claude-code:${SPOTTER_SID}:root`, startedAt: compaction?.startedAt });
  });

  it.each([
    ['aside_question', 'side_question'],
    ['aprompt_suggestion', 'prompt_suggestion'],
  ] as const)(
    'an internal run (agent-%s-*, DERIVED by renaming the real compaction file) is linked to its parent as %s',
    (prefix, kind) => {
      const renamedId = `${prefix}-70d8e7`;
      const files = spotter.map((f) =>
        f.path.endsWith('agent-acompact-70d8e7.jsonl')
          ? { path: f.path.replace('agent-acompact-70d8e7', `agent-${renamedId}`), text: f.text.replaceAll('"acompact-70d8e7"', `"${renamedId}"`) }
          : f,
      );
      const derived = parseClaudeCode(files);
      const run = derived.sessions.find((s) => s.id === `claude-code:${SPOTTER_SID}:agent-${renamedId}`);
      expect(run).toMatchObject({ role: 'internal', agentName: kind });
      const spawn = derived.spawns.find((s) => s.childSessionId === run?.id);
      // No compact_boundary applies to it: placed at the first parent line after it started.
      expect(spawn).toMatchObject({ status: 'linked', linkedBy: 'sessionId+time', task: null, label: kind });
      expect(derived.spans.find((s) => s.id === spawn?.spanId)).toMatchObject({ kind: 'SUBAGENT', name: kind, attributes: { internalRun: kind } });
      // The same calls as with the compaction name: only the link's kind changes.
      const calls = (b: NormalisedBatch) => b.spans.filter((s) => s.kind === 'LLM').length;
      expect(calls(derived)).toBe(calls(parseClaudeCode(spotter)));
    },
  );

  it('spotter: agent_progress lines link the sub-agents when tool results do not name them', () => {
    const stripped = parseClaudeCode(editLines(spotter, `${SPOTTER_SID}.jsonl`, withoutToolUseResult));
    expect(stripped.spawns.map((s) => [s.childSessionId?.split(':').at(-1), s.status, s.linkedBy])).toEqual([
      ['agent-acompact-70d8e7', 'linked', 'compact_boundary'],
      ['agent-aa84377', 'linked', 'agent_progress'],
      ['agent-a93ccab', 'linked', 'agent_progress'],
    ]);
  });

  it('old layout (sibling agent-*.jsonl): the Plan sub-agent is linked to its Task call, warm-ups are labelled', () => {
    const spawns = batch.spawns.filter((s) => s.parentSessionId === `claude-code:${CODERABBIT_SID}`);
    expect(spawns).toHaveLength(1);
    expect(spawns[0]).toMatchObject({
      spanId: `claude-code:${CODERABBIT_SID}:tool:toolu_01HD7PpSCWhP2gP8dXvJiyZN`,
      childSessionId: `claude-code:${CODERABBIT_SID}:agent-ea02459f`,
      status: 'linked',
      linkedBy: 'toolUseResult.agentId',
      label: 'Explore project structure for packaging',
    });
    const child = batch.sessions.find((s) => s.id === spawns[0]?.childSessionId);
    expect(child).toMatchObject({ role: 'subagent', agentName: 'Plan', cwd: '/Users/dain/workspace/coderabbit-review-helper' });
    expect(child?.origin).toMatch(/agent-ea02459f\.jsonl$/);
    for (const warmup of ['agent-2b93909d', 'agent-645808c9']) {
      const session = batch.sessions.find((s) => s.id === `claude-code:${CODERABBIT_SID}:${warmup}`);
      expect(session).toMatchObject({ role: 'warmup', agentName: 'warmup', task: 'Warmup' });
      expect(batch.spawns.some((s) => s.childSessionId === session?.id)).toBe(false);
    }
  });

  it('old layout without toolUseResult: linked by the Task prompt and start time', () => {
    const stripped = parseClaudeCode(editLines(coderabbit, `${CODERABBIT_SID}.jsonl`, withoutToolUseResult));
    expect(stripped.spawns).toHaveLength(1);
    expect(stripped.spawns[0]).toMatchObject({ childSessionId: `claude-code:${CODERABBIT_SID}:agent-ea02459f`, status: 'linked', linkedBy: 'task-prompt+time' });
    // Warm-ups share no prompt with the Task call and stay unlinked.
    expect(stripped.sessions.filter((s) => s.role === 'warmup')).toHaveLength(2);
  });

  it('new layout (<sid>/subagents/): the Explore sub-agent is linked to its Task call', () => {
    const spawns = batch.spawns.filter((s) => s.parentSessionId === `claude-code:${CLAUDE_P_SID}`);
    expect(spawns).toEqual([
      expect.objectContaining({
        spanId: `claude-code:${CLAUDE_P_SID}:tool:toolu_01SXaWzD5YZ73zGwchbcxeWi`,
        childSessionId: `claude-code:${CLAUDE_P_SID}:agent-a2271d1`,
        status: 'linked',
        linkedBy: 'toolUseResult.agentId',
      }),
    ]);
    const task = batch.spans.find((s) => s.id === spawns[0]?.spanId);
    expect(task).toMatchObject({ kind: 'SUBAGENT', toolName: 'Task', attributes: expect.objectContaining({ subagentType: 'Explore', requestedModel: 'haiku' }) });
    expect(batch.sessions.find((s) => s.id === spawns[0]?.childSessionId)).toMatchObject({ role: 'subagent', agentName: 'Explore' });
  });

  it('new layout: a meta.json toolUseId links the sub-agent when the transcript lines do not', () => {
    const meta: SourceFile = {
      path: path.join(path.dirname(fileNamed('agent-a2271d1.jsonl').path), 'agent-a2271d1.meta.json'),
      text: JSON.stringify({ agentType: 'Explore', description: 'Explore codebase structure', toolUseId: 'toolu_01SXaWzD5YZ73zGwchbcxeWi', spawnDepth: 1 }),
    };
    const files = [...editLines(claudeP, `${CLAUDE_P_SID}.jsonl`, withoutToolUseResult), meta];
    const result = parseClaudeCode(files);
    expect(result.rejections).toEqual([]);
    expect(result.spawns).toEqual([expect.objectContaining({ status: 'linked', linkedBy: 'meta.json' })]);
  });

  it('without any naming evidence and with a missing child transcript, the spawn is reported missing', () => {
    const files = editLines(spotter, `${SPOTTER_SID}.jsonl`, (e) => withoutAgentProgress(withoutToolUseResult(e))).filter(
      (f) => !f.path.endsWith('agent-a93ccab.jsonl'),
    );
    const result = parseClaudeCode(files);
    expect(result.spawns.map((s) => [s.childSessionId?.split(':').at(-1) ?? null, s.status, s.linkedBy ?? null])).toEqual([
      ['agent-acompact-70d8e7', 'linked', 'compact_boundary'],
      ['agent-aa84377', 'linked', 'task-prompt+time'],
      [null, 'missing', null],
    ]);
  });

  it('does not depend on the order of the input files', () => {
    expect(parseClaudeCode([...ALL_FILES].reverse())).toEqual(batch);
    expect(parseClaudeCode(shuffled(ALL_FILES, 7))).toEqual(batch);
  });

  it('is idempotent: the same files give the same ids', () => {
    const again = parseClaudeCode(ALL_FILES);
    expect(again.spans.map((s) => s.id)).toEqual(batch.spans.map((s) => s.id));
    expect(again.sessions.map((s) => s.id)).toEqual(batch.sessions.map((s) => s.id));
  });

  it('keeps first real prompts, cwd and ISO timestamps on sessions', () => {
    const main = batch.sessions.find((s) => s.id === `claude-code:${CODERABBIT_SID}`);
    // The first user line also carries an <ide_selection> block, which is context, not the task.
    expect(main).toMatchObject({
      role: 'main',
      source: 'claude-code',
      externalId: CODERABBIT_SID,
      task: 'How can I make this possible to install as a library with `uv` so I can run from any directory?',
      startedAt: '2025-11-17T11:23:23.498Z',
    });
    for (const s of batch.sessions) expect(s.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
