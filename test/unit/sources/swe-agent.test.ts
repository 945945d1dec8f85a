// The SWE-agent trajectory adapter on corpora/swe-agent-traj, read in place: one session, an LLM
// span per step and a TOOL span per command, and the recorded model_stats (SOURCES.md: $1.26719,
// 122,612 tokens sent, 1,369 received, 12 API calls) spread over the calls so that they add up to
// exactly the recorded totals. Hostile files give located rejections and never throw.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apportion } from '../../../src/sources/swe-agent/apportion.ts';
import { parseSweAgentTrajectory } from '../../../src/sources/swe-agent/index.ts';
import { corpus } from '../../helpers/corpora.ts';

const FILE = path.join(corpus('swe-agent-traj'), 'pydicom__pydicom-1458.traj');
const text = fs.readFileSync(FILE, 'utf8');
// The run directory the file was committed under upstream (SOURCES.md); the corpus keeps only the
// file, so the adapter is told the original path (the text is still read in place).
const RUN_DIR = 'gpt4__swe-bench-dev-easy_first_only__default__t-0.00__p-0.95__c-3.00__install-1';
const upstream = { path: `/trajectories/${RUN_DIR}/pydicom__pydicom-1458.traj`, text };
const RECORDED = { costUsd: 1.26719, sent: 122_612, received: 1_369, apiCalls: 12 };

describe('pydicom__pydicom-1458.traj', () => {
  const batch = parseSweAgentTrajectory(upstream);
  const llm = batch.spans.filter((s) => s.kind === 'LLM');
  const tools = batch.spans.filter((s) => s.kind === 'TOOL');

  it('one session, one LLM span per API call and one TOOL span per command', () => {
    expect(batch.rejections).toEqual([]);
    expect(batch.sessions).toHaveLength(1);
    expect(batch.sessions[0]).toMatchObject({
      id: `swe-agent:${RUN_DIR}/pydicom__pydicom-1458`,
      source: 'swe-agent',
      externalId: 'pydicom__pydicom-1458',
      agentName: 'SWE-agent',
      status: 'completed',
      task: expect.stringMatching(/^Pixel Representation attribute should be optional for pixel data handler/),
    });
    expect(llm).toHaveLength(RECORDED.apiCalls);
    expect(tools).toHaveLength(12);
    expect(tools.map((t) => t.toolName)).toEqual(['create', 'edit', 'python', 'find_file', 'open', 'edit', 'edit', 'edit', 'edit', 'python', 'rm', 'submit']);
    // Each command is the child of the call that chose it; calls are roots; order alternates.
    tools.forEach((tool, i) => expect(tool.parentId).toBe(llm[i]!.id));
    for (const call of llm) expect(call.parentId ?? null).toBeNull();
    expect(batch.spans.map((s) => s.seq)).toEqual(batch.spans.map((_, i) => i));
  });

  it('tokens and cost add up to exactly the recorded model_stats', () => {
    expect(llm.reduce((t, s) => t + s.usage!.input, 0)).toBe(RECORDED.sent);
    expect(llm.reduce((t, s) => t + s.usage!.output, 0)).toBe(RECORDED.received);
    const cost = llm.reduce((t, s) => t + s.reportedCostUsd!, 0);
    expect(Math.round(cost * 100)).toBe(Math.round(RECORDED.costUsd * 100));
    expect(cost).toBeCloseTo(RECORDED.costUsd, 9);
    // Apportioned, and said so on every call; later calls resend a longer history, so they get more.
    for (const call of llm) expect(call.attributes?.usageApportioned).toMatch(/apportioned|spread/);
    expect(llm[11]!.usage!.input).toBeGreaterThan(llm[0]!.usage!.input);
  });

  it('the model comes from the run directory: SWE-agent’s gpt4 shortcut is gpt-4-1106-preview', () => {
    for (const call of llm) expect(call).toMatchObject({ model: 'gpt-4-1106-preview', provider: 'openai', name: 'gpt-4-1106-preview' });
    // Its list price ($10 / $30 per million) reproduces the recorded cost exactly.
    expect((RECORDED.sent * 10 + RECORDED.received * 30) / 1e6).toBeCloseTo(RECORDED.costUsd, 12);
  });

  it('without the run directory the model is unknown, and the recorded cost still stands', () => {
    const inPlace = parseSweAgentTrajectory({ path: FILE, text });
    expect(inPlace.spans.filter((s) => s.kind === 'LLM').every((s) => s.model === null)).toBe(true);
    expect(inPlace.spans.reduce((t, s) => t + (s.reportedCostUsd ?? 0), 0)).toBeCloseTo(RECORDED.costUsd, 9);
    expect(inPlace.sessions[0]!.id).toBe('swe-agent:swe-agent-traj/pydicom__pydicom-1458');
  });

  it('commands SWE-agent refused (its edit linter) are errors; a script failing on purpose is not', () => {
    expect(tools.filter((t) => t.status === 'error').map((t) => t.seq)).toEqual([11, 13, 15]);
    expect(tools[2]).toMatchObject({ toolName: 'python', status: 'ok' });
    expect(tools[2]!.result).toMatch(/^Traceback/);
    expect(tools[5]!.args).toEqual({ command: expect.stringMatching(/^edit 287:295\n/) });
  });
});

describe('apportion', () => {
  it('splits exactly, in proportion, whatever the weights', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(122_612, [1, 2, 3, 0])).toEqual([20435, 40871, 61306, 0]);
    expect(apportion(7, [0, 0])).toEqual([4, 3]);
    expect(apportion(5, [])).toEqual([]);
    for (const total of [0, 1, 999, 1_267_190_000]) expect(apportion(total, [3, 1e-9, 7, 7]).reduce((a, b) => a + b, 0)).toBe(total);
  });
});

describe('hostile trajectories', () => {
  it('truncated: the steps before the cut land (no figures: model_stats is at the end), the cut is located', () => {
    const cut = text.indexOf('"action"', text.indexOf('"action"', text.indexOf('"action"') + 1) + 1) - 10;
    const batch = parseSweAgentTrajectory({ path: 't.traj', text: text.slice(0, cut) });
    expect(batch.rejections).toEqual([{ location: expect.stringMatching(/^t\.traj:\d+$/), reason: expect.stringMatching(/truncated/) }]);
    expect(batch.spans.filter((s) => s.kind === 'LLM')).toHaveLength(2);
    expect(batch.spans.every((s) => (s.usage ?? null) === null && (s.reportedCostUsd ?? null) === null)).toBe(true);
  });

  it('huge numbers in model_stats: located rejection, steps still land, usage left unknown', () => {
    const batch = parseSweAgentTrajectory({ path: 'h.traj', text: text.replace('"tokens_sent": 122612', '"tokens_sent": 1e400').replace('"api_calls": 12', '"api_calls": 123456789012345678901234567890') });
    expect(batch.rejections).toEqual([{ location: 'h.traj: info', reason: expect.stringMatching(/tokens_sent.*api_calls|api_calls.*tokens_sent/s) }]);
    expect(batch.spans).toHaveLength(24);
    expect(batch.spans.every((s) => (s.usage ?? null) === null)).toBe(true);
  });

  it('a malformed step is rejected with its line; __proto__ keys stay data', () => {
    const doc = JSON.parse(text) as { trajectory: Array<Record<string, unknown>> };
    doc.trajectory[4]!.action = 42;
    const pretty = JSON.stringify(doc, null, 2).replace('"info": {', '"info": {"__proto__": {"polluted": true},').replace('"environment": "swe_main"', '"__proto__": 1, "environment": "swe_main"');
    const batch = parseSweAgentTrajectory({ path: 'm.traj', text: pretty });
    const line = pretty.slice(0, pretty.indexOf('"action": 42')).split('\n').length - 1;
    expect(batch.rejections).toEqual([{ location: `m.traj:${line}`, reason: expect.stringMatching(/trajectory\[4\]: action/) }]);
    expect(batch.spans.filter((s) => s.kind === 'LLM')).toHaveLength(11);
    // The recorded totals are still whole over the 11 calls that remain.
    expect(batch.spans.reduce((t, s) => t + (s.reportedCostUsd ?? 0), 0)).toBeCloseTo(RECORDED.costUsd, 9);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('not JSON or another shape: a rejection naming the file, never a throw', () => {
    expect(parseSweAgentTrajectory({ path: 'a.traj', text: 'nope' }).rejections).toEqual([{ location: 'a.traj:1', reason: expect.stringMatching(/not readable JSON/) }]);
    const odd = parseSweAgentTrajectory({ path: 'b.traj', text: '{"trajectory": [1], "history": "x", "info": []}' });
    expect(odd.rejections.map((r) => r.location)).toEqual(['b.traj: info', 'b.traj:1']);
  });

  it('a replay (model_stats all zero, as in SWE-agent demonstrations) has no model calls', () => {
    const replay = parseSweAgentTrajectory({ path: 'r.traj', text: text.replace(/"model_stats": \{[^}]*\}/, '"model_stats": {"total_cost": 0, "instance_cost": 0, "tokens_sent": 0, "tokens_received": 0, "api_calls": 0}') });
    expect(replay.spans.filter((s) => s.kind === 'LLM')).toHaveLength(0);
    expect(replay.spans.filter((s) => s.kind === 'OTHER')).toHaveLength(12);
  });
});
