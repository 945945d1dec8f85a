// Every rollup against an independent computation in TypeScript over the same spans: cost by each
// dimension (and two at once, with filters), attributed cost by tool, own and inclusive cost of
// every span across sub-agent sessions, and the top steps of a session tree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { costRollup, hourBounds, LLM_DIMENSIONS, spanCosts, topSteps, type LlmDimension, type RollupFilter } from '../../src/graph/rollups.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

interface FlatSpan {
  id: string;
  sessionId: string;
  agentId: string | null;
  skill: string | null;
  source: string;
  kind: string;
  model: string | null;
  provider: string | null;
  toolName: string | null;
  startedAt: string | null;
  costUsd: number | null;
  status: string;
  inputTokens: number | null;
  outputTokens: number | null;
  parentId: string | null;
  spawnedSessionId: string | null;
}

let graph: Graph;
const projectId = randomProjectId('rollups');
let spans: FlatSpan[];

beforeAll(async () => {
  graph = await connectTestGraph();
  await importFiles(graph, {
    paths: [corpus('openclaw-volvox-bot'), corpus('claude-code-log-real-projects'), corpus('tau-bench')],
    projectId,
    pricer: createPricer(),
  });
  spans = (await graph.read('test-support/rollup-inputs', { projectId })) as unknown as FlatSpan[];
});
afterAll(async () => graph?.close());

/** The dimension's key of a span, computed here without Cypher. */
function keyOf(span: FlatSpan, dimension: LlmDimension): string | null {
  switch (dimension) {
    case 'model':
      return span.model;
    case 'provider':
      return span.provider;
    case 'agent':
      return span.agentId;
    case 'skill':
      return span.skill;
    case 'session':
      return span.sessionId;
    case 'source':
      return span.source;
    case 'day':
      return span.startedAt?.slice(0, 10) ?? null;
    case 'week': {
      if (!span.startedAt) return null;
      const day = Date.parse(span.startedAt.slice(0, 10));
      const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
      return new Date(day - sinceMonday * 86_400_000).toISOString().slice(0, 10);
    }
    case 'hour':
      return span.startedAt ? `${span.startedAt.slice(0, 13)}:00` : null;
  }
}

function matches(span: FlatSpan, filter: RollupFilter): boolean {
  if (filter.from && !(span.startedAt && span.startedAt >= filter.from)) return false;
  if (filter.to && !(span.startedAt && span.startedAt < filter.to)) return false;
  if (filter.agentId && span.agentId !== filter.agentId) return false;
  if (filter.source && span.source !== filter.source) return false;
  return true;
}

function expectedRollup(dims: LlmDimension[], filter: RollupFilter = {}) {
  const rows = new Map<string, { costUsd: number; llmCalls: number; inputTokens: number; outputTokens: number; unpricedCalls: number }>();
  for (const span of spans) {
    if (span.kind !== 'LLM' || !matches(span, filter)) continue;
    const key = JSON.stringify(dims.map((d) => keyOf(span, d)));
    const row = rows.get(key) ?? { costUsd: 0, llmCalls: 0, inputTokens: 0, outputTokens: 0, unpricedCalls: 0 };
    row.costUsd += span.costUsd ?? 0;
    row.llmCalls += 1;
    row.inputTokens += span.inputTokens ?? 0;
    row.outputTokens += span.outputTokens ?? 0;
    if (span.costUsd === null) row.unpricedCalls += 1;
    rows.set(key, row);
  }
  return rows;
}

function compare(actual: Awaited<ReturnType<typeof costRollup>>, expected: ReturnType<typeof expectedRollup>, width: number) {
  expect(actual).toHaveLength(expected.size);
  for (const row of actual) {
    const key = JSON.stringify([row.key1, row.key2].slice(0, width));
    const want = expected.get(key);
    expect(want, `a row for ${key}`).toBeDefined();
    expect(row.costUsd).toBeCloseTo(want!.costUsd, 9);
    expect(row.llmCalls).toBe(want!.llmCalls);
    expect(row.inputTokens).toBe(want!.inputTokens);
    expect(row.outputTokens).toBe(want!.outputTokens);
    expect(row.unpricedCalls).toBe(want!.unpricedCalls);
  }
}

describe('cost rollups equal an independent TypeScript computation', () => {
  it('has data from three sources', () => {
    expect(new Set(spans.map((s) => s.source))).toEqual(new Set(['openclaw', 'claude-code', 'tau-bench']));
  });

  for (const dimension of LLM_DIMENSIONS) {
    it(`by ${dimension}`, async () => {
      compare(await costRollup(graph, projectId, [dimension]), expectedRollup([dimension]), 1);
    });
  }

  it('by day × model, within a time range and for one source', async () => {
    const filter: RollupFilter = { from: '2026-02-18T05:00:00.000Z', to: '2026-02-18T10:00:00.000Z', source: 'openclaw' };
    const expected = expectedRollup(['day', 'model'], filter);
    expect(expected.size).toBeGreaterThan(1);
    compare(await costRollup(graph, projectId, ['day', 'model'], filter), expected, 2);
  });

  it('a range that cuts through hours is read from the spans, with the same result as computed here', async () => {
    const filter: RollupFilter = { from: '2026-02-18T05:17:00.000Z', to: '2026-02-18T09:42:31.500Z' };
    expect(hourBounds(filter)).toBeNull();
    const expected = expectedRollup(['hour', 'model'], filter);
    expect(expected.size).toBeGreaterThan(1);
    compare(await costRollup(graph, projectId, ['hour', 'model'], filter), expected, 2);
  });

  it('usage cells (whole-hour ranges) and spans (any range) give the same rows for every dimension', async () => {
    const byCells: RollupFilter = { from: '2000-01-01T00:00:00.000Z' };
    const bySpans: RollupFilter = { from: '2000-01-01T00:00:00.001Z' };
    expect(hourBounds(byCells)).toEqual({ fromHour: '2000-01-01T00', toHour: null });
    expect(hourBounds(bySpans)).toBeNull();
    for (const dimension of LLM_DIMENSIONS) {
      const cells = await costRollup(graph, projectId, [dimension, 'model'], byCells);
      const fromSpans = await costRollup(graph, projectId, [dimension, 'model'], bySpans);
      expect(cells.map((r) => [r.key1, r.key2, r.llmCalls, r.errors, r.inputTokens, r.cacheWriteTokens, r.unpricedTokens, r.sessions, r.durationMs])).toEqual(
        fromSpans.map((r) => [r.key1, r.key2, r.llmCalls, r.errors, r.inputTokens, r.cacheWriteTokens, r.unpricedTokens, r.sessions, r.durationMs]),
      );
      cells.forEach((row, i) => expect(row.costUsd).toBeCloseTo(fromSpans[i]!.costUsd, 9));
    }
    for (const second of ['model', 'agent', 'session', 'day', 'hour'] as const) {
      const cells = await costRollup(graph, projectId, ['tool', second], byCells);
      const fromSpans = await costRollup(graph, projectId, ['tool', second], bySpans);
      expect(cells.length).toBeGreaterThan(1);
      expect(cells.map((r) => [r.key1, r.key2, r.toolCalls, r.errors, r.sessions, r.durationMs])).toEqual(
        fromSpans.map((r) => [r.key1, r.key2, r.toolCalls, r.errors, r.sessions, r.durationMs]),
      );
      cells.forEach((row, i) => expect(row.costUsd).toBeCloseTo(fromSpans[i]!.costUsd, 9));
    }
  });

  it('by tool: each LLM call’s cost split evenly over the tool calls it requested', async () => {
    const toolsOf = new Map<string, FlatSpan[]>();
    for (const span of spans) {
      if ((span.kind === 'TOOL' || span.kind === 'SUBAGENT') && span.parentId) toolsOf.set(span.parentId, [...(toolsOf.get(span.parentId) ?? []), span]);
    }
    const byId = new Map(spans.map((s) => [s.id, s]));
    const expected = new Map<string, { cost: number; calls: number }>();
    for (const span of spans) {
      if ((span.kind !== 'TOOL' && span.kind !== 'SUBAGENT') || !span.toolName) continue;
      const llm = span.parentId ? byId.get(span.parentId) : undefined;
      const share = llm?.kind === 'LLM' ? (llm.costUsd ?? 0) / toolsOf.get(llm.id)!.length : 0;
      const row = expected.get(span.toolName) ?? { cost: 0, calls: 0 };
      row.cost += share;
      row.calls += 1;
      expected.set(span.toolName, row);
    }
    const rows = await costRollup(graph, projectId, ['tool']);
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      expect(row.costBasis).toBe('attributed');
      expect(row.costUsd).toBeCloseTo(expected.get(row.key1!)!.cost, 9);
      expect(row.toolCalls).toBe(expected.get(row.key1!)!.calls);
    }
  });

  it('own and inclusive cost of every span of tree B, across its sub-agent sessions', async () => {
    const root = 'openclaw:684637ff-e673-46e4-a1a9-0de622f22f21';
    const children = new Map<string, string[]>();
    const spansOfSession = new Map<string, FlatSpan[]>();
    for (const span of spans) {
      if (span.parentId) children.set(span.parentId, [...(children.get(span.parentId) ?? []), span.id]);
      spansOfSession.set(span.sessionId, [...(spansOfSession.get(span.sessionId) ?? []), span]);
    }
    const byId = new Map(spans.map((s) => [s.id, s]));
    const inclusive = (id: string, seen = new Set<string>()): number => {
      if (seen.has(id)) return 0;
      seen.add(id);
      const span = byId.get(id)!;
      let total = span.costUsd ?? 0;
      for (const child of children.get(id) ?? []) total += inclusive(child, seen);
      if (span.spawnedSessionId) {
        for (const s of spansOfSession.get(span.spawnedSessionId) ?? []) total += inclusive(s.id, seen);
      }
      return total;
    };
    const rows = await spanCosts(graph, projectId, root);
    expect(rows.length).toBe(spansOfSession.get(root)!.length);
    for (const row of rows) {
      expect(row.ownCostUsd).toBe(byId.get(row.spanId)!.costUsd);
      expect(row.inclusiveCostUsd).toBeCloseTo(inclusive(row.spanId), 9);
    }
    const rootSpan = rows.find((r) => r.spanId === `${root}:root`)!;
    expect(rootSpan.inclusiveCostUsd).toBeCloseTo(31.5347, 3);
  });

  it('top steps of tree A are its most expensive spans, with their share of the tree total', async () => {
    const root = 'openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b';
    const tree = new Set([root, ...spans.filter((s) => s.sessionId === root && s.spawnedSessionId).map((s) => s.spawnedSessionId!)]);
    const inTree = spans.filter((s) => tree.has(s.sessionId));
    const total = inTree.reduce((t, s) => t + (s.costUsd ?? 0), 0);
    const expected = inTree.filter((s) => (s.costUsd ?? 0) > 0).sort((a, b) => b.costUsd! - a.costUsd! || (a.id < b.id ? -1 : 1)).slice(0, 10);
    const top = await topSteps(graph, projectId, root, 10);
    expect(top.map((t) => t.spanId)).toEqual(expected.map((s) => s.id));
    for (const step of top) expect(step.share).toBeCloseTo(step.costUsd / total, 9);
  });
});
