// Hand-made TraceCard inputs: a parent session with two sub-agents (one with a nested sub-agent),
// a refused spawn, failures, a redundancy finding, and cost rows. Numbers are chosen so totals are
// easy to check by hand.
import type { CardInput, SessionStats, TreeSession } from '../../src/tracecard/types.ts';

export function stats(partial: Partial<SessionStats> = {}): SessionStats {
  return {
    spans: 0,
    llmCalls: 0,
    toolCalls: 0,
    subagentCalls: 0,
    errors: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costUsd: 0,
    unpricedCalls: 0,
    unpricedTokens: 0,
    costSources: { reported: 0, computed: 0, override: 0, unpriced: 0 },
    priceVersions: [],
    firstSpanAt: null,
    lastSpanAt: null,
    ...partial,
  };
}

export function session(id: string, depth: number, partial: Partial<TreeSession> = {}): TreeSession {
  return {
    id,
    externalId: id.replace(/^test:/, ''),
    source: 'openclaw',
    agentId: 'build',
    agentName: 'build',
    task: null,
    skill: null,
    outcome: null,
    status: 'completed',
    role: depth === 0 ? 'main' : 'subagent',
    pending: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:10:00.000Z',
    origin: null,
    depth,
    parentSpanId: null,
    parentSessionId: null,
    ownCostUsd: null,
    totalCostUsd: null,
    stats: stats(),
    lastLlmStatus: 'ok',
    lastLlmText: null,
    ...partial,
  };
}

export function sampleInput(): CardInput {
  return {
    sessionId: 'test:parent',
    tree: [
      session('test:parent', 0, {
        task: 'Review PR 75\nand fix   the failing tests',
        stats: stats({
          spans: 12, llmCalls: 4, toolCalls: 5, subagentCalls: 3, errors: 2,
          inputTokens: 1000, outputTokens: 200, cacheReadTokens: 5000,
          costUsd: 0.1, costSources: { reported: 4, computed: 0, override: 0, unpriced: 0 },
          firstSpanAt: '2026-01-01T00:00:00.000Z', lastSpanAt: '2026-01-01T00:10:00.000Z',
        }),
      }),
      session('test:child-a', 1, {
        stats: stats({ llmCalls: 3, toolCalls: 2, subagentCalls: 1, inputTokens: 300, outputTokens: 30, costUsd: 0.2, costSources: { reported: 3, computed: 0, override: 0, unpriced: 0 } }),
        lastLlmText: 'Found the flaky assertion in parser.spec.ts: timezoneOffset mismatch; patched normaliseDates helper',
      }),
      session('test:child-b', 1, {
        stats: stats({ llmCalls: 2, errors: 1, inputTokens: 100, outputTokens: 10, costUsd: 0.05, unpricedCalls: 1, unpricedTokens: 77, costSources: { reported: 0, computed: 1, override: 0, unpriced: 1 }, priceVersions: ['genai-prices@0.1.8'] }),
        lastLlmStatus: 'error',
        lastLlmText: 'Nothing relevant: unrelated quokka zeppelin marmalade output',
      }),
      session('test:grandchild', 2, {
        stats: stats({ llmCalls: 1, inputTokens: 50, outputTokens: 5, costUsd: 0.15, costSources: { reported: 1, computed: 0, override: 0, unpriced: 0 } }),
      }),
    ],
    spawns: [
      { spanId: 'test:parent:s1', sessionId: 'test:parent', seq: 3, status: 'ok', spawnStatus: 'linked', label: 'fix-tests', task: 'fix the failing tests', childSessionId: 'test:child-a', resultPreview: '{"status":"accepted"}', argsCanonical: '{"task":"fix the failing tests"}' },
      { spanId: 'test:parent:s2', sessionId: 'test:parent', seq: 5, status: 'ok', spawnStatus: 'linked', label: 'explore', task: 'explore repo', childSessionId: 'test:child-b', resultPreview: null, argsCanonical: '{"task":"explore repo"}' },
      { spanId: 'test:parent:s3', sessionId: 'test:parent', seq: 7, status: 'error', spawnStatus: 'refused', label: 'extra', task: 'another one', childSessionId: null, resultPreview: 'forbidden: max children', argsCanonical: '{"task":"another one"}' },
      { spanId: 'test:child-a:s1', sessionId: 'test:child-a', seq: 2, status: 'ok', spawnStatus: 'linked', label: null, task: 'dig deeper', childSessionId: 'test:grandchild', resultPreview: null, argsCanonical: '{"task":"dig deeper"}' },
    ],
    activity: [
      { sessionId: 'test:parent', seq: 8, kind: 'TOOL', argsCanonical: '{"path":"parser.spec.ts","edit":"normaliseDates"}', textPreview: null },
      { sessionId: 'test:parent', seq: 9, kind: 'LLM', argsCanonical: null, textPreview: 'Applied the timezoneOffset fix from the sub-agent.' },
    ],
    failures: [
      { spanId: 'test:parent:e1', sessionId: 'test:parent', seq: 4, kind: 'TOOL', name: 'exec', model: null, toolName: 'exec', errorMessage: 'exit code 1', retryStatus: 'ok', retrySameArgs: false },
      { spanId: 'test:parent:e2', sessionId: 'test:parent', seq: 6, kind: 'TOOL', name: 'exec', model: null, toolName: 'exec', errorMessage: 'exit code 2', retryStatus: null, retrySameArgs: null },
      { spanId: 'test:child-b:e1', sessionId: 'test:child-b', seq: 1, kind: 'LLM', name: 'gpt', model: 'gpt-x', toolName: null, errorMessage: 'rate\u001b[1m limited\u001b[0m', retryStatus: 'error', retrySameArgs: null },
    ],
    repeats: [
      { dupId: 'test:child-a:r2', dupSessionId: 'test:child-a', dupSeq: 4, originalId: 'test:child-a:r1', originalSessionId: 'test:child-a', originalSeq: 1, kind: 'exact_duplicate', spanKind: 'TOOL', toolName: 'read', model: null, resource: '/repo/a.ts', argsPreview: '{"path":"/repo/a.ts"}', wastedUsd: 0.01, wastedTokens: 100, wastedMs: 5 },
    ],
    byModel: [
      { key: 'gpt-x', costUsd: 0.35, calls: 8, errors: 1, unpricedCalls: 1, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
      { key: 'glm-5', costUsd: 0.15, calls: 2, errors: 0, unpricedCalls: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    ],
    byTool: [
      { key: 'exec', costUsd: 0.04, calls: 4, errors: 2, unpricedCalls: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
      { key: 'read', costUsd: 0.02, calls: 3, errors: 0, unpricedCalls: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    ],
    topSteps: [
      { spanId: 'test:grandchild:l1', sessionId: 'test:grandchild', kind: 'LLM', model: 'glm-5', toolName: null, costUsd: 0.15, share: 0.3, inputTokens: 50, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, status: 'ok', seq: 1 },
      { spanId: 'test:child-a:r2', sessionId: 'test:child-a', kind: 'LLM', model: 'gpt-x', toolName: null, costUsd: 0.1, share: 0.2, inputTokens: 100, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, status: 'ok', seq: 4 },
      { spanId: 'test:parent:l1', sessionId: 'test:parent', kind: 'LLM', model: 'gpt-x', toolName: null, costUsd: 0.1, share: 0.2, inputTokens: 500, outputTokens: 100, cacheReadTokens: 5000, cacheWriteTokens: 0, status: 'error', seq: 1 },
    ],
  };
}

/** The same input with every row list reversed: the card must not change. */
export function shuffled(input: CardInput): CardInput {
  return {
    ...input,
    tree: [...input.tree].reverse(),
    spawns: [...input.spawns].reverse(),
    activity: [...input.activity].reverse(),
    failures: [...input.failures].reverse(),
    repeats: [...input.repeats].reverse(),
    byModel: [...input.byModel].reverse(),
    byTool: [...input.byTool].reverse(),
    topSteps: [...input.topSteps].reverse(),
  };
}

/** The sample input with long free text everywhere the budget's `previews` compaction clips. */
export function longTexts(input: CardInput): CardInput {
  const long = (what: string) => `${what}: ${'the quick brown fox jumps over the lazy dog '.repeat(3)}`.trim();
  input.tree[0]!.task = long('Review PR 75 and fix the failing tests');
  for (const s of input.spawns) s.label = s.label === null ? null : long(s.label);
  for (const f of input.failures) f.errorMessage = f.errorMessage === null ? null : long(f.errorMessage);
  for (const r of input.repeats) r.resource = `/repo/${'deeply/nested/'.repeat(6)}a.ts`;
  return input;
}
