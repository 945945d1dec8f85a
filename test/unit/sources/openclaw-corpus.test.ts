// The OpenClaw adapter against the real volvox-bot transcripts (../shared/corpora, read in place).
// Expected figures come from corpora/openclaw-volvox-bot/SOURCES.md (ground truth derived there).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SessionRecordSchema,
  SpanRecordSchema,
  SpawnRecordSchema,
  type NormalisedBatch,
  type SpanRecord,
} from '../../../src/domain/model.ts';
import { parseOpenClaw } from '../../../src/sources/openclaw/index.ts';
import type { SourceFile } from '../../../src/sources/types.ts';
import { corpus } from '../../helpers/corpora.ts';

const DIR = corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions');
const read = (name: string): SourceFile => ({ path: path.join(DIR, name), text: fs.readFileSync(path.join(DIR, name), 'utf8') });
const transcripts = fs
  .readdirSync(DIR)
  .filter((name) => name.includes('.jsonl'))
  .sort()
  .map(read);
const sessionsJson = read('sessions.json');
const batch = parseOpenClaw(transcripts, { sessionsJson });

/** Session record id from the first 8 characters of a session id, as SOURCES.md names files. */
function sid(prefix: string): string {
  const found = batch.sessions.filter((s) => s.externalId.startsWith(prefix));
  expect(found, `one session ${prefix}`).toHaveLength(1);
  return found[0]!.id;
}

function spansOf(b: NormalisedBatch, sessionId: string): SpanRecord[] {
  return b.spans.filter((s) => s.sessionId === sessionId);
}

const costOf = (spans: SpanRecord[]): number => spans.reduce((sum, s) => sum + (s.reportedCostUsd ?? 0), 0);
const cents = (usd: number): number => Math.round(usd * 100) / 100;
const sessionCost = (prefix: string): number => costOf(spansOf(batch, sid(prefix)));

/** The parent and every session reachable from it over linked spawns. */
function treeSessions(rootId: string): string[] {
  const tree = [rootId];
  for (let i = 0; i < tree.length; i++) {
    for (const spawn of batch.spawns) {
      if (spawn.parentSessionId === tree[i] && spawn.status === 'linked' && spawn.childSessionId) tree.push(spawn.childSessionId);
    }
  }
  return tree;
}
const treeCost = (rootId: string): number => treeSessions(rootId).reduce((sum, id) => sum + costOf(spansOf(batch, id)), 0);

describe('OpenClaw adapter on the volvox-bot corpus', () => {
  it('reads all 22 transcripts without rejections, into records the model accepts', () => {
    expect(batch.rejections).toEqual([]);
    expect(batch.sessions).toHaveLength(22);
    for (const s of batch.sessions) SessionRecordSchema.parse(s);
    for (const s of batch.spans) SpanRecordSchema.parse(s);
    for (const s of batch.spawns) SpawnRecordSchema.parse(s);
    expect(new Set(batch.spans.map((s) => s.id)).size).toBe(batch.spans.length);
  });

  it('emits one LLM span per assistant message and one tool span per tool call (SOURCES.md totals)', () => {
    const llm = batch.spans.filter((s) => s.kind === 'LLM');
    expect(llm).toHaveLength(1491);
    expect(batch.spans.filter((s) => s.kind === 'TOOL' || s.kind === 'SUBAGENT')).toHaveLength(1616);
    const tokens = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
    for (const s of llm) {
      tokens.input += s.usage?.input ?? 0;
      tokens.output += s.usage?.output ?? 0;
      tokens.cacheRead += s.usage?.cacheRead ?? 0;
      tokens.cacheWrite += s.usage?.cacheWrite ?? 0;
    }
    // "input 14.8M, output 0.39M, cacheRead 75.9M, cacheWrite 19.9K"
    expect(tokens).toEqual({ input: 14_765_476, output: 385_965, cacheRead: 75_921_285, cacheWrite: 19_927 });
    // Usage is on inference spans only (DESIGN §6).
    expect(batch.spans.filter((s) => s.kind !== 'LLM' && s.usage != null)).toEqual([]);
  });

  it('gives each session one root AGENT span and contiguous seq in transcript order', () => {
    for (const session of batch.sessions) {
      const spans = spansOf(batch, session.id);
      const roots = spans.filter((s) => s.parentId == null);
      expect(roots).toHaveLength(1);
      expect(roots[0]).toMatchObject({ id: `${session.id}:root`, kind: 'AGENT', name: 'build', seq: 0 });
      expect(roots[0]).toMatchObject({ startedAt: session.startedAt, endedAt: session.endedAt });
      expect(spans.map((s) => s.seq)).toEqual(spans.map((_, i) => i));
      const ids = new Set(spans.map((s) => s.id));
      for (const s of spans) if (s.parentId != null) expect(ids.has(s.parentId)).toBe(true);
    }
  });

  it('tree A: cron parent 3c0cbde4, 7 spawns each linked to the right child, $1.022 / $5.48', () => {
    const parent = sid('3c0cbde4');
    const spawns = batch.spawns.filter((s) => s.parentSessionId === parent);
    expect(spawns.map((s) => [s.label, s.status, s.childSessionId])).toEqual([
      ['pr-patrol-bills-bot-pr75-b1of1', 'linked', sid('76c023e2')],
      ['pr-patrol-bills-bot-pr75-b1of1', 'linked', sid('44a8ea4c')],
      ['pr-patrol-bills-bot-pr75-b1of3', 'linked', sid('578642d4')],
      ['pr-patrol-bills-bot-pr75-b2of3', 'linked', sid('f7fd085d')],
      ['pr-patrol-bills-bot-pr75-b3of3', 'linked', sid('ec9c0f24')],
      ['pr-patrol-bills-bot-pr75-b1of1', 'linked', sid('fe0e5e48')],
      ['pr-patrol-bills-bot-pr75-b1of1-retry', 'linked', sid('fad2602d')],
    ]);
    expect(treeSessions(parent)).toHaveLength(8);
    expect(cents(sessionCost('3c0cbde4'))).toBe(1.02);
    expect(sessionCost('3c0cbde4')).toBeCloseTo(1.022, 3);
    expect(cents(treeCost(parent))).toBe(5.48);

    const perFile: [string, number, number][] = [
      ['3c0cbde4', 1.022, 44],
      ['76c023e2', 1.016, 59],
      ['44a8ea4c', 0.43, 41],
      ['578642d4', 0.659, 59],
      ['f7fd085d', 1.467, 85],
      ['ec9c0f24', 0.508, 43],
      ['fe0e5e48', 0.245, 31],
      ['fad2602d', 0.134, 29],
    ];
    for (const [prefix, cost, assistantMessages] of perFile) {
      expect(Number(sessionCost(prefix).toFixed(3)), prefix).toBe(cost);
      expect(spansOf(batch, sid(prefix)).filter((s) => s.kind === 'LLM'), prefix).toHaveLength(assistantMessages);
    }
  });

  it('tree B: interactive parent 684637ff, 13 linked, 1 missing, 1 refused, $8.666 / $31.5', () => {
    const parent = sid('684637ff');
    const spawns = batch.spawns.filter((s) => s.parentSessionId === parent);
    const expected: [string, string, string | null][] = [
      ['pr75-review-fix', 'missing', null],
      ['pr75-review-fix-round2', 'linked', 'bd2b2b93'],
      ['pr75-batch-1of5', 'linked', '13b93292'],
      ['pr75-batch-1of5-retry1', 'linked', '6113683f'],
      ['pr75-all-batches-retry-auth-fallback', 'linked', '69cf0233'],
      ['pr75-batch-2of5-parallel', 'linked', 'f87d6cdc'],
      ['pr75-batch-3of5-parallel', 'linked', 'a027c2ff'],
      ['pr75-batch-4of5-parallel', 'linked', '80b804aa'],
      ['pr75-batch-5of5-parallel', 'linked', 'bf06e2b7'],
      ['pr75-batch-6of6-parallel', 'refused', null],
      ['pr75-batch-1of4', 'linked', '550cadeb'],
      ['pr75-batch-2of4', 'linked', 'cc03168c'],
      ['pr75-batch-3of4', 'linked', '1533afda'],
      ['pr75-batch-4of4', 'linked', '31f7743b'],
      ['pr75-final-batch', 'linked', '764982ed'],
    ];
    expect(spawns.map((s) => [s.label, s.status, s.childSessionId ?? null])).toEqual(
      expected.map(([label, status, child]) => [label, status, child ? sid(child) : null]),
    );
    // The refused spawn is a failed SUBAGENT span carrying OpenClaw's reason.
    const refused = batch.spans.find((s) => s.id === spawns[9]!.spanId);
    expect(refused).toMatchObject({ kind: 'SUBAGENT', status: 'error' });
    expect(refused?.errorMessage).toContain('max active children for this session (5/5)');

    expect(treeSessions(parent)).toHaveLength(14);
    // SOURCES.md says "$31.5 in total"; to the cent the recorded costs sum to $31.53 (31.5347).
    expect(cents(treeCost(parent))).toBe(31.53);
    const perFile: [string, number][] = [
      ['684637ff', 8.666],
      ['bd2b2b93', 0.021],
      ['13b93292', 0.22],
      ['6113683f', 5.177],
      ['69cf0233', 6.689],
      ['f87d6cdc', 0.612],
      ['a027c2ff', 3.068],
      ['80b804aa', 1.244],
      ['bf06e2b7', 2.879],
      ['550cadeb', 0.685],
      ['cc03168c', 0.92],
      ['1533afda', 0.233],
      ['31f7743b', 0.569],
      ['764982ed', 0.552],
    ];
    for (const [prefix, cost] of perFile) expect(Number(sessionCost(prefix).toFixed(3)), prefix).toBe(cost);
  });

  it('sums to $37.01 over all 22 transcripts (SOURCES.md rounds per-file figures first: $37.02)', () => {
    const total = costOf(batch.spans);
    // Exact sum of usage.cost.total: 37.0146; the per-file figures rounded to 3 decimals sum to 37.016.
    expect(total).toBeCloseTo(37.0146, 4);
    expect(cents(total)).toBe(37.01);
  });

  it('links children by task text and time alone, with the same result as the run-id evidence', () => {
    // Some tree-B children name their own run id in `openclaw:prompt-error` events; drop those
    // lines and the task-text+time join must still pick the same children.
    const withoutRunIds = transcripts.map((f) => ({
      ...f,
      text: f.text
        .split('\n')
        .filter((line) => !line.includes('"customType":"openclaw:prompt-error"'))
        .join('\n'),
    }));
    const textOnly = parseOpenClaw(withoutRunIds, { sessionsJson });
    expect(batch.spawns.filter((s) => s.linkedBy === 'transcript-runId')).toHaveLength(6);
    expect(textOnly.spawns.filter((s) => s.status === 'linked').map((s) => s.linkedBy)).toEqual(
      Array<string>(20).fill('task-text+time'),
    );
    expect(textOnly.spawns.map((s) => [s.spanId, s.status, s.childSessionId])).toEqual(
      batch.spawns.map((s) => [s.spanId, s.status, s.childSessionId]),
    );
  });

  it('marks linked children as sub-agents with the session key their parent was given', () => {
    const roles = batch.sessions.map((s) => s.role);
    expect(roles.filter((r) => r === 'subagent')).toHaveLength(20);
    expect(batch.sessions.find((s) => s.id === sid('3c0cbde4'))).toMatchObject({
      role: 'main',
      sessionKey: 'agent:build:cron:8b380d56-7314-4ba9-b4c4-ea11d3e5ca6f',
      agentId: 'build',
      source: 'openclaw',
      startedAt: '2026-02-18T09:04:55.838Z',
      endedAt: '2026-02-18T09:54:52.602Z',
      status: 'completed',
    });
    // 684637ff's cron key now points at a later run in sessions.json.
    expect(batch.sessions.find((s) => s.id === sid('684637ff'))?.sessionKey).toBeNull();
    const child = batch.sessions.find((s) => s.id === sid('76c023e2'));
    expect(child).toMatchObject({ role: 'subagent', sessionKey: 'agent:build:subagent:d45e51dc-7ab4-4514-a859-86109e02d0d8' });
    expect(child?.task).toMatch(/^PR patrol batch worker for BillChirico\/bills-bot\./);
    expect(child?.origin).toBe(path.join(DIR, '76c023e2-091c-4ecf-ad2a-ae1b9cd88e62.jsonl.deleted.2026-02-18T15-18-04.119Z'));
  });

  it('keeps failed model calls as error LLM spans (27 stopReason error, 11 aborted)', () => {
    const llm = batch.spans.filter((s) => s.kind === 'LLM');
    const errors = llm.filter((s) => s.attributes?.stopReason === 'error');
    expect(errors).toHaveLength(27);
    for (const s of errors) {
      expect(s.status).toBe('error');
      expect(s.errorMessage).toBeTruthy();
      expect(s.reportedCostUsd).toBe(0);
    }
    expect(llm.filter((s) => s.attributes?.stopReason === 'aborted' && s.status === 'error')).toHaveLength(11);
    expect(llm.filter((s) => s.status === 'error')).toHaveLength(38);
    // fe0e5e48 is glm-5 plus one failed codex call.
    const fe = spansOf(batch, sid('fe0e5e48')).filter((s) => s.kind === 'LLM');
    expect(fe.filter((s) => s.model === 'gpt-5.3-codex').map((s) => s.status)).toEqual(['error']);
  });

  it('reads provider and model per message: fail-over inside 684637ff', () => {
    const llm = spansOf(batch, sid('684637ff')).filter((s) => s.kind === 'LLM');
    expect(new Set(llm.map((s) => `${s.provider}/${s.model}`))).toEqual(
      new Set(['anthropic/claude-opus-4-6', 'openai-codex/gpt-5.3-codex', 'zai/glm-5']),
    );
    const switches = llm.filter((s, i) => i > 0 && s.provider !== llm[i - 1]!.provider).length;
    expect(switches).toBeGreaterThan(2);
  });

  it('does not count delivery-mirror messages (none in this corpus) as model calls', () => {
    expect(batch.spans.filter((s) => s.model === 'delivery-mirror')).toEqual([]);
  });

  it('marks failing tool results as error spans (details status / exit code; no isError in this corpus)', () => {
    const tools = batch.spans.filter((s) => s.kind === 'TOOL');
    const failed = tools.filter((s) => s.status === 'error');
    expect(failed.filter((s) => typeof s.attributes?.exitCode === 'number' && s.attributes.exitCode !== 0)).toHaveLength(139);
    expect(failed.filter((s) => s.attributes?.resultStatus === 'error').map((s) => s.toolName).sort()).toEqual([
      ...Array<string>(4).fill('edit'),
      ...Array<string>(8).fill('read'),
    ]);
    expect(failed.filter((s) => s.attributes?.resultStatus === 'failed')).toHaveLength(1);
    expect(failed).toHaveLength(152);
    for (const s of failed) expect(s.errorMessage).toBeTruthy();
  });

  it('pairs tool calls with results by toolCallId; unanswered calls stay open', () => {
    const tools = batch.spans.filter((s) => s.kind === 'TOOL' || s.kind === 'SUBAGENT');
    const open = tools.filter((s) => s.endedAt == null);
    expect(open.map((s) => s.sessionId)).toEqual([sid('69cf0233'), sid('a027c2ff')]);
    for (const s of open) expect(s.status).toBe('ok');
    const byId = new Map(batch.spans.map((s) => [s.id, s]));
    for (const s of tools) {
      expect(s.id).toBe(`${s.sessionId}:tool:${s.toolCallId}`);
      expect(byId.get(s.parentId ?? '')?.kind).toBe('LLM');
    }
  });

  it('does not depend on input order, and re-parsing gives identical records', () => {
    const reversed = parseOpenClaw([...transcripts].reverse(), { sessionsJson });
    expect(reversed).toEqual(batch);
    const again = parseOpenClaw(transcripts, { sessionsJson });
    expect(again).toEqual(batch);
  });

  it('finds 165 exact repeated tool calls (same tool, same canonical arguments, same session)', () => {
    // Canonical = JSON with object keys sorted. Comparing JSON.stringify of the arguments as written
    // finds 163: two repeats differ only in the order of their keys.
    const canonical = (value: unknown): string =>
      JSON.stringify(value, (_key, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
          : v,
      );
    const countRepeats = (key: (s: SpanRecord) => string): number => {
      let repeats = 0;
      for (const session of batch.sessions) {
        const seen = new Set<string>();
        for (const s of spansOf(batch, session.id)) {
          if (s.kind !== 'TOOL' && s.kind !== 'SUBAGENT') continue;
          const k = key(s);
          if (seen.has(k)) repeats++;
          seen.add(k);
        }
      }
      return repeats;
    };
    expect(countRepeats((s) => `${s.toolName}\u0000${canonical(s.args)}`)).toBe(165);
    expect(countRepeats((s) => `${s.toolName}\u0000${JSON.stringify(s.args)}`)).toBe(163);
  });
});
