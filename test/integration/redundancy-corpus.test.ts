// Redundancy findings on the real OpenClaw corpus (corpora/openclaw-volvox-bot): its README counts
// 165 exact repeated tool calls (same tool name and identical arguments within one session file).
// Every one of them is either flagged or not flagged for a stated reason, with counts; the reasons
// are computed with the TypeScript copy of the state-change rule, which also re-checks every tool
// finding the Cypher queries made.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical/index.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { stateChangedBetween } from '../../src/domain/redundancy/state-change.ts';
import type { Graph } from '../../src/graph/driver.ts';
import {
  redundancyFindings,
  redundancySummary,
  redundancyTimeline,
  type RedundancyFinding,
  type TimelineSpan,
} from '../../src/graph/redundancy.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

const SESSIONS_DIR = corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions');
/** The two sub-agent trees of the corpus (README: tree A, cron parent; tree B, interactive parent). */
const ROOTS = ['openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b', 'openclaw:684637ff-e673-46e4-a1a9-0de622f22f21'];

interface RawRepeat {
  sessionId: string;
  toolCallId: string;
}

/**
 * The README's count, recomputed from the files: a tool call whose tool name and arguments (as
 * JSON, key order aside) equal those of an earlier call in the same transcript.
 */
function rawRepeats(): RawRepeat[] {
  const repeats: RawRepeat[] = [];
  for (const file of fs.readdirSync(SESSIONS_DIR).filter((f) => f.includes('.jsonl')).sort()) {
    const sessionId = `openclaw:${file.split('.jsonl')[0]}`;
    const seen = new Set<string>();
    for (const line of fs.readFileSync(path.join(SESSIONS_DIR, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const entry = JSON.parse(line) as { type?: string; message?: { role?: string; content?: unknown } };
      if (entry.type !== 'message' || entry.message?.role !== 'assistant' || !Array.isArray(entry.message.content)) continue;
      for (const item of entry.message.content as Array<{ type?: string; id?: string; name?: string; arguments?: unknown }>) {
        if (item.type !== 'toolCall') continue;
        const key = `${item.name} ${canonicalJson(item.arguments)}`;
        if (seen.has(key)) repeats.push({ sessionId, toolCallId: String(item.id) });
        seen.add(key);
      }
    }
  }
  return repeats;
}

let graph: Graph;
let projectId: string;
let findings: RedundancyFinding[];
const timelines: TimelineSpan[][] = [];

beforeAll(async () => {
  graph = await connectTestGraph();
  projectId = randomProjectId('redundancy-corpus');
  await importFiles(graph, { paths: [SESSIONS_DIR], projectId, pricer: createPricer() });
  findings = await redundancyFindings(graph, projectId, { limit: 10_000 });
  for (const root of ROOTS) timelines.push(await redundancyTimeline(graph, projectId, root));
});
afterAll(async () => graph?.close());

/** Where a span is: its tree's timeline and its position in it. */
function locate(match: (s: TimelineSpan) => boolean): { timeline: TimelineSpan[]; at: number } {
  const hits = timelines.flatMap((timeline) => timeline.flatMap((s, at) => (match(s) ? [{ timeline, at }] : [])));
  expect(hits).toHaveLength(1);
  return hits[0]!;
}

/** The nearest earlier call of the same tool with the same canonical arguments in the tree. */
function previousIdentical(timeline: TimelineSpan[], at: number): number {
  const call = timeline[at]!;
  for (let i = at - 1; i >= 0; i--) {
    const s = timeline[i]!;
    if (s.kind === call.kind && s.toolName === call.toolName && s.argsHash === call.argsHash) return i;
  }
  return -1;
}

const resultsDiffer = (a: TimelineSpan, b: TimelineSpan) => a.resultHash !== null && b.resultHash !== null && a.resultHash !== b.resultHash;

describe('redundancy on the OpenClaw corpus', () => {
  it('imports both trees whole (22 sessions)', () => {
    expect(new Set(timelines.flat().map((s) => s.sessionId)).size).toBe(22);
  });

  it('accounts for each of the 165 exact repeated tool calls of the README', () => {
    const repeats = rawRepeats();
    expect(repeats).toHaveLength(165);

    const flagged = new Map(findings.map((f) => [f.spanId, f]));
    const reasons = new Map<string, number>();
    const count = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    for (const repeat of repeats) {
      const { timeline, at } = locate((s) => s.sessionId === repeat.sessionId && s.toolCallId === repeat.toolCallId);
      const call = timeline[at]!;
      const finding = flagged.get(call.spanId);
      if (finding) {
        count(`flagged ${finding.kind}`);
        continue;
      }
      const before = previousIdentical(timeline, at);
      expect(before).toBeGreaterThanOrEqual(0); // a repeat in its session is a repeat in its tree
      const original = timeline[before]!;
      const changed = stateChangedBetween(timeline, before, at);
      if (original.status === 'error') count(changed ? 'not flagged: earlier call failed, retried after a change' : 'UNEXPLAINED');
      else if (changed && resultsDiffer(original, call)) count('not flagged: a write/exec in between may have changed it, and the result differs');
      else if (changed) count('not flagged: a write/exec in between may have changed it (result the same anyway)');
      else if (resultsDiffer(original, call)) count('not flagged: nothing changed in the trace, but the result differs (poll saw progress)');
      else count('UNEXPLAINED');
    }

    expect(Object.fromEntries([...reasons].sort())).toEqual({
      // A python monitor script re-run every ~15 min by a cron turn of the interactive parent,
      // printing the same "PR #75: 0 actionable" each time, with nothing in between: the agent is
      // waiting for review comments (a poll loop, not a duplicate: each answer decided the turn).
      'flagged poll_loop': 12,
      // `git status`/`git diff` between edits and commits, test and typecheck re-runs, `gh` queries,
      // edits re-applied to a file that changed: the state may have changed and the result did.
      'not flagged: a write/exec in between may have changed it, and the result differs': 101,
      // Rereads of files and `git status` after an exec whose target is unknown (`pnpm test`,
      // `git add`, a sibling sub-agent's commands): conservatively a possible change, though the
      // result came back identical (a looser rule trusting equal results would flag these).
      'not flagged: a write/exec in between may have changed it (result the same anyway)': 38,
      // `git push` re-run after commits, `pnpm outdated` and a grep with no match re-run after
      // edits, an edit re-applied after the file changed: retries after a change, not waste.
      'not flagged: earlier call failed, retried after a change': 13,
      // `cs log-ai ... --json` (records usage and returns a running counter): an exec whose result
      // differs each time, with nothing else in between.
      'not flagged: nothing changed in the trace, but the result differs (poll saw progress)': 1,
    });
  });

  it('finds what the rules say, across sessions of a tree as well', () => {
    const byKind = (kind: string, crossSession: boolean) =>
      findings.filter((f) => f.kind === kind && (f.sessionId !== f.repeatsSessionId) === crossSession).length;
    // Within a session: the 12 polls above; no exact duplicate is left within a session.
    expect([byKind('poll_loop', false), byKind('poll_loop', true)]).toEqual([12, 0]);
    expect([byKind('exact_duplicate', false), byKind('exact_duplicate', true)]).toEqual([0, 0]);
    // Across sessions, hand-offs: sibling sub-agents each reading the same CODING.md and source
    // files, ranged reads of files a sibling had read whole, `git worktree list` (each sub-agent has
    // its own context, so the tree, not one context, paid twice). Never within a session.
    expect([byKind('handoff', false), byKind('handoff', true)]).toEqual([0, 18]);
    // A ranged read of a file read whole 20 s earlier by the same sub-agent.
    expect([byKind('reread', false), byKind('reread', true)]).toEqual([1, 0]);
    // A sibling's failed read of a missing file is not in this context: no failed retry.
    expect([byKind('failed_retry', false), byKind('failed_retry', true)]).toEqual([0, 0]);
    // OpenClaw transcripts keep no request body per API call, so there is no request hash.
    expect(byKind('repeated_llm_request', false) + byKind('repeated_llm_request', true)).toBe(0);
    // Both trees re-spawn a batch worker with the task of an earlier spawn (the "-retry" labels),
    // each right after OpenClaw announced the first as failed (its model call hit a 401 / a usage
    // limit): retries after a failure, not duplicates.
    expect(byKind('duplicate_subagent', false) + byKind('duplicate_subagent', true)).toBe(0);
  });

  it('re-checks every tool finding with the TypeScript copy of the rules', () => {
    for (const f of findings.filter((x) => ['exact_duplicate', 'failed_retry', 'reread', 'poll_loop', 'handoff'].includes(x.kind))) {
      const { timeline, at } = locate((s) => s.spanId === f.spanId);
      const original = timeline.findIndex((s) => s.spanId === f.repeatsSpanId);
      expect(original, f.spanId).toBeGreaterThanOrEqual(0);
      expect(original, f.spanId).toBeLessThan(at);
      expect(stateChangedBetween(timeline, original, at), f.spanId).toBe(false);
      if (f.kind !== 'handoff') expect(timeline[original]!.sessionId, f.spanId).toBe(f.sessionId);
      else expect(timeline[original]!.sessionId, f.spanId).not.toBe(f.sessionId);
      if (f.kind === 'exact_duplicate' || f.kind === 'poll_loop') {
        expect(previousIdentical(timeline, at)).toBe(original);
        expect(resultsDiffer(timeline[original]!, timeline[at]!), f.spanId).toBe(false);
      }
      if (f.kind === 'failed_retry') expect(timeline[original]!.status).toBe('error');
    }
  });

  it('measures the waste of each finding and sums it per tree', async () => {
    for (const f of findings) {
      expect(f.wastedTokens).toBeGreaterThanOrEqual(0);
      expect(f.wastedMs).toBeGreaterThanOrEqual(0);
      // Every call in this corpus has a reported cost, so every finding has a known cost.
      expect(f.wastedUsd, f.spanId).not.toBeNull();
    }
    // A poll-loop repeat is charged the turn that asked for it: the cron turn re-running the script.
    const polls = findings.filter((f) => f.kind === 'poll_loop');
    expect(polls.every((f) => f.wastedUsd! > 0 && !f.tokensEstimated)).toBe(true);

    const summaries = await Promise.all(ROOTS.map((root) => redundancySummary(graph, projectId, root)));
    const total = (kind: string) => summaries.flat().filter((s) => s.kind === kind).reduce((n, s) => n + s.findings, 0);
    for (const kind of ['poll_loop', 'handoff', 'reread']) {
      expect(total(kind), kind).toBe(findings.filter((f) => f.kind === kind).length);
    }
  });

  it('finds the same on a second import (no duplicates, no stale findings)', async () => {
    await importFiles(graph, { paths: [SESSIONS_DIR], projectId, pricer: createPricer() });
    const again = await redundancyFindings(graph, projectId, { limit: 10_000 });
    expect(again.map((f) => `${f.kind} ${f.spanId} ${f.repeatsSpanId}`).sort()).toEqual(
      findings.map((f) => `${f.kind} ${f.spanId} ${f.repeatsSpanId}`).sort(),
    );
  });
});
