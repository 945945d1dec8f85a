// Redundancy findings (DESIGN §7) on hand-made sessions: every kind, and every exclusion
// (pagination, polling whose result changed, state changed between two reads, retry with a changed
// argument). Each test ingests through the real pipeline into its own project, so materialisation
// runs exactly as on import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricer } from '../../src/domain/cost/index.ts';
import { mergeBatches, type NormalisedBatch } from '../../src/domain/model.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { redundancyFindings, redundancySummary, type RedundancyFinding } from '../../src/graph/redundancy.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { llmCall, sessionIdOf, sessionWith, spawnCall, subSession, toolCall } from '../helpers/factories.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

let graph: Graph;
const pricer = createPricer();

beforeAll(async () => {
  graph = await connectTestGraph();
});
afterAll(async () => graph?.close());

async function ingest(...batches: NormalisedBatch[]): Promise<string> {
  const projectId = randomProjectId('redundancy');
  await ingestBatch(graph, projectId, mergeBatches(batches), pricer);
  return projectId;
}

/** `kind repeatedSpan -> originalSpan`, by span-id suffix, sorted: compact and readable in diffs. */
function pairs(findings: RedundancyFinding[]): string[] {
  const short = (id: string) => id.replace(/^test:/, '');
  return findings.map((f) => `${f.kind} ${short(f.spanId)} -> ${short(f.repeatsSpanId)}`).sort();
}

async function findingsOf(batch: NormalisedBatch): Promise<RedundancyFinding[]> {
  return redundancyFindings(graph, await ingest(batch));
}

const read = (path: string, result: string, extra: Record<string, unknown> = {}) => toolCall('read', { path, ...extra }, { result });

describe('exact_duplicate', () => {
  it('flags the same call with the same result and nothing changed in between, with its waste', async () => {
    const content = 'x'.repeat(401);
    const projectId = await ingest(
      sessionWith({ name: 'dup' }, [
        llmCall({ costUsd: 0.03, calls: [read('/repo/a.ts', content), read('/repo/b.ts', 'b'), read('/repo/c.ts', 'c')] }),
        // `//` and a trailing `/` spell the same path: canonical args make it the same call.
        llmCall({ costUsd: 0.5, calls: [toolCall('read', { path: '/repo//a.ts/' }, { result: content, durationMs: 250 })] }),
      ]),
    );
    const findings = await redundancyFindings(graph, projectId);
    expect(pairs(findings)).toEqual(['exact_duplicate dup:6 -> dup:2']);
    expect(findings[0]).toMatchObject({
      sessionId: sessionIdOf('dup'),
      toolName: 'read',
      model: null,
      // The requesting call ($0.50) made one tool call: all of it is attributed.
      wastedUsd: 0.5,
      wastedTokens: 101, // ceil(401 / 4): the result re-added to the context, estimated
      tokensEstimated: true,
      wastedMs: 250,
    });
  });

  it('splits the requesting call over the tool calls of its response', async () => {
    const findings = await findingsOf(
      sessionWith({ name: 'split' }, [
        llmCall({ costUsd: 0.1, calls: [read('/a', 'a')] }),
        llmCall({ costUsd: 0.09, calls: [read('/a', 'a'), read('/b', 'b'), read('/c', 'c')] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['exact_duplicate split:4 -> split:2']);
    expect(findings[0]!.wastedUsd).toBeCloseTo(0.03, 10);
  });

  it('reports unknown waste as null, not $0, when the requesting call is unpriced', async () => {
    const findings = await findingsOf(
      sessionWith({ name: 'unpriced' }, [llmCall({ calls: [read('/a', 'a')] }), llmCall({ calls: [read('/a', 'a')] })]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.wastedUsd).toBeNull();
  });

  it('points each repeat at the nearest earlier one', async () => {
    const findings = await findingsOf(
      sessionWith({ name: 'chain' }, [
        llmCall({ costUsd: 0.01, calls: [read('/a', 'a')] }),
        llmCall({ costUsd: 0.01, calls: [read('/a', 'a')] }),
        llmCall({ costUsd: 0.01, calls: [read('/a', 'a')] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['exact_duplicate chain:4 -> chain:2', 'exact_duplicate chain:6 -> chain:4']);
  });
});

describe('poll_loop', () => {
  const poll = (result: string) => toolCall('process', { action: 'poll', sessionId: 'build-1', timeout: 30000 }, { result });
  const STILL = '(no new output)\n\nProcess still running.';

  it('flags every poll after the first while the process is still running, charging the turns spent waiting', async () => {
    const projectId = await ingest(
      sessionWith({ name: 'wait' }, [
        llmCall({ costUsd: 0.01, calls: [poll(STILL)] }),
        llmCall({ costUsd: 0.02, usage: { input: 5000, output: 20 }, calls: [poll(STILL)] }),
        // Output grew, but the process is still running: still waiting.
        llmCall({ costUsd: 0.02, calls: [toolCall('process', { action: 'poll', sessionId: 'build-1', timeout: 60000 }, { result: 'compiling…\nProcess still running.' })] }),
        llmCall({ costUsd: 0.02, calls: [poll('Process exited with code 0.')] }),
      ]),
    );
    const findings = await redundancyFindings(graph, projectId);
    // The poll that waited longer (timeout 60000) is the same poll; the last one saw the exit, but
    // the turn was still spent waiting for it: one blocking wait would have replaced all three.
    expect(pairs(findings)).toEqual(['poll_loop wait:4 -> wait:2', 'poll_loop wait:6 -> wait:4', 'poll_loop wait:8 -> wait:6']);
    const first = findings.find((f) => f.spanId.endsWith('wait:4'));
    // The waste is the model turn that asked for the poll: its cost and its reported tokens.
    expect(first).toMatchObject({ kind: 'poll_loop', wastedUsd: 0.02, wastedTokens: 5020, tokensEstimated: false });
  });

  it('does not count a `log` after a `poll` (another action) as a repeat', async () => {
    const findings = await findingsOf(
      sessionWith({ name: 'log' }, [
        llmCall({ costUsd: 0.01, calls: [poll('line 1\nline 2')] }),
        llmCall({ costUsd: 0.01, calls: [toolCall('process', { action: 'log', sessionId: 'build-1', offset: 0, limit: 4000 }, { result: 'line 1\nline 2' })] }),
      ]),
    );
    expect(pairs(findings)).toEqual([]);
  });

  it('flags an unchanged status check, and the same check script re-run after a wait with nothing in between', async () => {
    const check = () => toolCall('Bash', { command: 'sleep 60 && gh pr checks 75' }, { result: 'build\tpending\t0\ttests\tpending' });
    const script = () => toolCall('exec', { command: 'python3 patrol.py' }, { result: 'PR #75: 0 actionable' });
    const findings = await findingsOf(
      sessionWith({ name: 'checks' }, [
        llmCall({ costUsd: 0.01, calls: [check()] }),
        llmCall({ costUsd: 0.01, calls: [check()] }),
        llmCall({ costUsd: 0.01, durationMs: 60_000, calls: [script()] }),
        // Fifteen minutes later (a cron turn): the same script, the same answer.
        llmCall({ costUsd: 0.01, durationMs: 900_000, calls: [script()] }),
        // Run again at once, it is not waiting: that is a plain duplicate.
        llmCall({ costUsd: 0.01, calls: [script()] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['exact_duplicate checks:10 -> checks:8', 'poll_loop checks:4 -> checks:2', 'poll_loop checks:8 -> checks:6']);
  });

  it('never calls a file read a poll, whatever its content says', async () => {
    const findings = await findingsOf(
      sessionWith({ name: 'file' }, [
        llmCall({ costUsd: 0.01, durationMs: 60_000, calls: [read('/repo/STATUS.md', 'status: running')] }),
        llmCall({ costUsd: 0.01, calls: [read('/repo/STATUS.md', 'status: running')] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['exact_duplicate file:4 -> file:2']);
  });
});

describe('handoff', () => {
  it('reports a sub-agent reading what its parent read as a hand-off, apart from rereads', async () => {
    const child = subSession({ name: 'tree-child' }, [
      llmCall({ costUsd: 0.01, calls: [read('/repo/spec.md', 'spec')] }),
      // Its own second read is a duplicate within its own context.
      llmCall({ costUsd: 0.01, calls: [read('/repo/spec.md', 'spec')] }),
    ]);
    const projectId = await ingest(
      sessionWith({ name: 'tree' }, [
        llmCall({ costUsd: 0.02, calls: [read('/repo/spec.md', 'spec')] }),
        llmCall({ costUsd: 0.02, calls: [spawnCall('summarise the spec', child)] }),
      ]),
    );
    const inTree = await redundancyFindings(graph, projectId, { sessionId: sessionIdOf('tree') });
    expect(pairs(inTree)).toEqual(['exact_duplicate tree-child:4 -> tree-child:2', 'handoff tree-child:2 -> tree:2']);
    expect(inTree.find((f) => f.kind === 'handoff')).toMatchObject({ sessionId: sessionIdOf('tree-child'), repeatsSessionId: sessionIdOf('tree') });
    // Asked from the child, the findings are still there: the repeated spans are in the child.
    expect(await redundancyFindings(graph, projectId, { sessionId: sessionIdOf('tree-child') })).toHaveLength(2);
  });

  it('also covers a parent reading what its sub-agent read, and not a failed read', async () => {
    const missing = () => toolCall('read', { path: '/repo/missing.ts' }, { result: 'ENOENT', status: 'error' });
    const child = subSession({ name: 'explore' }, [
      llmCall({ costUsd: 0.01, calls: [read('/repo/a.ts', 'a'), missing()] }),
    ]);
    const findings = await findingsOf(
      sessionWith({ name: 'lead' }, [
        llmCall({ costUsd: 0.02, calls: [spawnCall('explore the repo', child)] }),
        llmCall({ costUsd: 0.02, calls: [read('/repo/a.ts', 'a'), missing()] }),
      ]),
    );
    // The failed read failed in another context: neither a hand-off nor a failed retry here.
    expect(pairs(findings)).toEqual(['handoff lead:4 -> explore:2']);
  });
});

describe('exclusions', () => {
  it('does not flag pagination (another page or range is another call)', async () => {
    const findings = await findingsOf(
      sessionWith({ name: 'pages' }, [
        llmCall({ costUsd: 0.01, calls: [toolCall('list_issues', { repo: 'r', page: 1 }, { result: 'issues 1-30' })] }),
        llmCall({ costUsd: 0.01, calls: [toolCall('list_issues', { repo: 'r', page: 2 }, { result: 'issues 31-60' })] }),
        llmCall({ costUsd: 0.01, calls: [read('/big.log', 'lines 1-100', { offset: 1, limit: 100 })] }),
        llmCall({ costUsd: 0.01, calls: [read('/big.log', 'lines 101-200', { offset: 101, limit: 100 })] }),
      ]),
    );
    expect(findings).toEqual([]);
  });

  it('does not flag a poll whose result changed, and flags a re-check of a finished process as a duplicate', async () => {
    const poll = (result: string) => toolCall('process', { action: 'poll', sessionId: 'build-1' }, { result });
    const findings = await findingsOf(
      sessionWith({ name: 'poll' }, [
        llmCall({ costUsd: 0.01, calls: [poll('running')] }),
        llmCall({ costUsd: 0.01, calls: [poll('done: 3 tests passed')] }),
        llmCall({ costUsd: 0.01, calls: [poll('done: 3 tests passed')] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['exact_duplicate poll:6 -> poll:4']);
  });

  it('does not flag a read after a write to the same file, nor after an exec that may have written it', async () => {
    const findings = await findingsOf(
      sessionWith({ name: 'state' }, [
        llmCall({ costUsd: 0.01, calls: [read('/repo/a.ts', 'v1')] }),
        llmCall({ costUsd: 0.01, calls: [toolCall('edit', { path: '/repo/a.ts', oldText: 'x', newText: 'y' }, { result: 'ok' })] }),
        // Even an identical result is not flagged: the agent could not know the edit changed nothing.
        llmCall({ costUsd: 0.01, calls: [read('/repo/a.ts', 'v1')] }),
        llmCall({ costUsd: 0.01, calls: [toolCall('exec', { command: 'npm run format' }, { result: 'formatted' })] }),
        llmCall({ costUsd: 0.01, calls: [read('/repo/a.ts', 'v1')] }),
        // A write to another file does not change this one: the next read is a repeat.
        llmCall({ costUsd: 0.01, calls: [toolCall('write', { path: '/repo/b.ts', content: 'b' }, { result: 'ok' })] }),
        llmCall({ costUsd: 0.01, calls: [read('/repo/a.ts', 'v1')] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['exact_duplicate state:14 -> state:10']);
  });

  it('treats a write to a folder, or inside a listed folder, as a change', async () => {
    const ls = () => toolCall('ls', { path: '/repo/src' }, { result: 'a.ts' });
    const findings = await findingsOf(
      sessionWith({ name: 'folders' }, [
        llmCall({ costUsd: 0.01, calls: [ls()] }),
        llmCall({ costUsd: 0.01, calls: [toolCall('write', { path: '/repo/src/new.ts', content: '' }, { result: 'ok' })] }),
        llmCall({ costUsd: 0.01, calls: [ls()] }),
      ]),
    );
    expect(findings).toEqual([]);
  });

  it('treats any write as a change for a read-only shell command (it may see any file)', async () => {
    const status = (result: string) => toolCall('exec', { command: 'git status --short', workdir: '/repo' }, { result });
    const findings = await findingsOf(
      sessionWith({ name: 'shell' }, [
        llmCall({ costUsd: 0.01, calls: [status('')] }),
        llmCall({ costUsd: 0.01, calls: [toolCall('write', { path: '/elsewhere/notes.md', content: 'n' }, { result: 'ok' })] }),
        llmCall({ costUsd: 0.01, calls: [status('')] }),
        llmCall({ costUsd: 0.01, calls: [status('')] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['exact_duplicate shell:8 -> shell:6']);
  });

  it('does not flag a retry with a changed argument, nor a rerun after a fix', async () => {
    const failing = (command: string) => toolCall('exec', { command }, { status: 'error', result: 'exit 1' });
    const findings = await findingsOf(
      sessionWith({ name: 'retry' }, [
        llmCall({ costUsd: 0.01, calls: [failing('npm test')] }),
        llmCall({ costUsd: 0.01, calls: [failing('npm test -- --run')] }),
        llmCall({ costUsd: 0.01, calls: [toolCall('edit', { path: '/repo/a.ts', oldText: 'a', newText: 'b' }, { result: 'ok' })] }),
        llmCall({ costUsd: 0.01, calls: [failing('npm test -- --run')] }),
      ]),
    );
    expect(findings).toEqual([]);
  });
});

describe('failed_retry', () => {
  it('flags an unchanged retry of a failed call, whatever its own outcome', async () => {
    const push = (status: 'ok' | 'error', result: string) => toolCall('exec', { command: 'git push origin main' }, { status, result });
    const findings = await findingsOf(
      sessionWith({ name: 'push' }, [
        llmCall({ costUsd: 0.02, calls: [push('error', 'auth failed')] }),
        llmCall({ costUsd: 0.02, calls: [push('error', 'auth failed')] }),
        // Thinking about it (a call on no resource) changes nothing.
        llmCall({ costUsd: 0.02, calls: [toolCall('think', { thought: 'try again' }, { result: '' })] }),
        llmCall({ costUsd: 0.02, calls: [push('ok', 'pushed')] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['failed_retry push:4 -> push:2', 'failed_retry push:8 -> push:4']);
    expect(findings.every((f) => f.wastedUsd === 0.02)).toBe(true);
  });

  it('flags a retry after other attempts that failed too: a failed write changed nothing', async () => {
    const update = (flight: string) =>
      toolCall('update_reservation_flights', { reservation_id: 'XEWRD9', flight }, { status: 'error', result: 'Error: flight HAT030 not available' });
    const findings = await findingsOf(
      sessionWith({ name: 'attempts' }, [
        llmCall({ costUsd: 0.02, calls: [update('HAT030')] }),
        llmCall({ costUsd: 0.02, calls: [update('HAT031')] }),
        llmCall({ costUsd: 0.02, calls: [update('HAT030')] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['failed_retry attempts:6 -> attempts:2']);
  });

  it('does not flag a retry after the agent acted on the error through the same resource', async () => {
    // Claude Code refuses an Edit of a file not read yet; the agent reads it and sends the same Edit.
    const edit = (status: 'ok' | 'error', result: string) =>
      toolCall('Edit', { file_path: '/repo/README.md', old_string: 'a', new_string: 'b' }, { status, result });
    const findings = await findingsOf(
      sessionWith({ name: 'unread' }, [
        llmCall({ costUsd: 0.02, calls: [edit('error', 'File has not been read yet. Read it first before writing to it.')] }),
        llmCall({ costUsd: 0.02, calls: [toolCall('Read', { file_path: '/repo/README.md' }, { result: 'a' })] }),
        llmCall({ costUsd: 0.02, calls: [edit('ok', 'updated')] }),
      ]),
    );
    expect(pairs(findings)).toEqual([]);
  });
});

describe('reread', () => {
  it('flags a part of a file read whole before, and not a whole read after a partial one', async () => {
    const findings = await findingsOf(
      sessionWith({ name: 'reread' }, [
        llmCall({ costUsd: 0.01, calls: [read('/repo/a.ts', 'all of a')] }),
        llmCall({ costUsd: 0.01, calls: [read('/repo/a.ts', 'part of a', { offset: 10, limit: 5 })] }),
        llmCall({ costUsd: 0.01, calls: [read('/repo/b.ts', 'part of b', { limit: 5 })] }),
        llmCall({ costUsd: 0.01, calls: [read('/repo/b.ts', 'all of b')] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['reread reread:4 -> reread:2']);
  });

  it('flags the same content returned by a different request, unless the file changed', async () => {
    const findings = await findingsOf(
      sessionWith({ name: 'content' }, [
        llmCall({ costUsd: 0.01, calls: [read('/repo/a.ts', 'same text', { limit: 2000 })] }),
        llmCall({ costUsd: 0.01, calls: [read('/repo/a.ts', 'same text', { offset: 1 })] }),
        llmCall({ costUsd: 0.01, calls: [toolCall('edit', { path: '/repo/a.ts', oldText: 'a', newText: 'b' }, { result: 'ok' })] }),
        llmCall({ costUsd: 0.01, calls: [read('/repo/a.ts', 'same text', { offset: 2 })] }),
      ]),
    );
    expect(pairs(findings)).toEqual(['reread content:4 -> content:2']);
  });
});

describe('repeated_llm_request', () => {
  it('flags the same request to the same model, with the call cost and tokens as waste', async () => {
    const request = { messages: [{ role: 'user', content: 'hi' }] };
    const findings = await findingsOf(
      sessionWith({ name: 'llm' }, [
        llmCall({ model: 'model-a', costUsd: 0.04, args: request }),
        llmCall({ model: 'model-b', costUsd: 0.04, args: request }),
        llmCall({ model: 'model-a', costUsd: 0.05, args: request, usage: { input: 700, output: 50, cacheRead: 200 }, durationMs: 900 }),
        llmCall({ model: 'model-a', costUsd: 0.05, args: { messages: [{ role: 'user', content: 'hello' }] } }),
      ]),
    );
    expect(pairs(findings)).toEqual(['repeated_llm_request llm:3 -> llm:1']);
    expect(findings[0]).toMatchObject({ model: 'model-a', wastedUsd: 0.05, wastedTokens: 950, tokensEstimated: false, wastedMs: 900 });
  });
});

describe('duplicate_subagent', () => {
  it('flags a sub-agent spawned again with the same task (case and spacing aside), charging the whole child', async () => {
    const child = (name: string, cost: number) => subSession({ name }, [llmCall({ costUsd: cost, usage: { input: 300, output: 30 } })]);
    const projectId = await ingest(
      sessionWith({ name: 'spawns' }, [
        llmCall({ costUsd: 0.1, calls: [spawnCall('Fix the failing tests', child('spawns-a', 1))] }),
        llmCall({ costUsd: 0.1, calls: [spawnCall('fix   the failing\ntests ', child('spawns-b', 2))] }),
        llmCall({ costUsd: 0.1, calls: [spawnCall('Review the docs', child('spawns-c', 4))] }),
        // Refused (no child ran), then spawned again: not a duplicate of anything.
        llmCall({ costUsd: 0.1, calls: [spawnCall('Write the changelog', undefined, { spawnStatus: 'refused' })] }),
        llmCall({ costUsd: 0.1, calls: [spawnCall('Write the changelog', child('spawns-d', 8))] }),
      ]),
    );
    const findings = await redundancyFindings(graph, projectId, { kind: 'duplicate_subagent' });
    expect(pairs(findings)).toEqual(['duplicate_subagent spawns:4 -> spawns:2']);
    expect(findings[0]!.toolName).toBe('sessions_spawn');
    expect(findings[0]!.wastedUsd).toBeCloseTo(0.1 + 2, 10); // the spawn call's share + the child's total
    expect(findings[0]!.wastedTokens).toBe(330);
    expect(findings[0]!.tokensEstimated).toBe(false);
    expect(findings[0]!.wastedMs).toBeGreaterThan(0);
  });

  it('does not flag a respawn after the first sub-agent\'s model call failed (a retry after a failure)', async () => {
    // OpenClaw announces a sub-agent as failed when its model call fails (401, rate limit); the
    // parent respawns it with the same task, as its policy says.
    const failed = subSession({ name: 'retry-a' }, [llmCall({ status: 'error' })]);
    const ok = subSession({ name: 'retry-b' }, [llmCall({ costUsd: 1 })]);
    const findings = await findingsOf(
      sessionWith({ name: 'respawn' }, [
        llmCall({ costUsd: 0.1, calls: [spawnCall('Fix batch 1 of PR 75', failed)] }),
        llmCall({ costUsd: 0.1, calls: [spawnCall('Fix batch 1 of PR 75', ok)] }),
      ]),
    );
    expect(pairs(findings)).toEqual([]);
  });
});

describe('materialisation', () => {
  it('never duplicates findings on re-ingest, and drops findings that no longer hold', async () => {
    const session = (secondResult: string) =>
      sessionWith({ name: 'again' }, [llmCall({ costUsd: 0.01, calls: [read('/a', 'a')] }), llmCall({ costUsd: 0.01, calls: [read('/a', secondResult)] })]);
    const projectId = randomProjectId('redundancy');
    await ingestBatch(graph, projectId, session('a'), pricer);
    await ingestBatch(graph, projectId, session('a'), pricer);
    expect(await redundancyFindings(graph, projectId)).toHaveLength(1);
    // The same spans arrive again with another result for the second read: no longer a repeat.
    await ingestBatch(graph, projectId, session('a, changed'), pricer);
    expect(await redundancyFindings(graph, projectId)).toEqual([]);
  });

  it('summarises count and waste per kind for a session tree', async () => {
    const projectId = await ingest(
      sessionWith({ name: 'sum' }, [
        // The failing `make` runs are the first and last calls, so no exec falls between the reads.
        llmCall({ costUsd: 0.02, calls: [toolCall('exec', { command: 'make' }, { status: 'error', result: 'e' }), read('/a', 'aaaa')] }),
        llmCall({ costUsd: 0.02, calls: [read('/a', 'aaaa'), toolCall('exec', { command: 'make' }, { status: 'error', result: 'e' })] }),
      ]),
    );
    const summary = await redundancySummary(graph, projectId, sessionIdOf('sum'));
    expect(summary).toEqual([
      { kind: 'exact_duplicate', findings: 1, wastedUsd: 0.01, unpricedFindings: 0, wastedTokens: 1, estimatedTokenFindings: 1, wastedMs: 100 },
      { kind: 'failed_retry', findings: 1, wastedUsd: 0.01, unpricedFindings: 0, wastedTokens: 1, estimatedTokenFindings: 1, wastedMs: 100 },
    ]);
    expect(await redundancyFindings(graph, projectId, { kind: 'failed_retry', limit: 5 })).toHaveLength(1);
    expect(await redundancyFindings(graph, projectId, { limit: 1 })).toHaveLength(1);
  });
});
