// Which spans count: per-call usage vs aggregate usage on agent spans, tool spans, and the rollup
// that must never count a token twice.
import { describe, expect, it } from 'vitest';
import { createPricer, priceSpans, rollupCosts } from '../../../src/domain/cost/index.ts';
import type { SpanRecord } from '../../../src/domain/model.ts';

const pricer = createPricer();
let seq = 0;

function span(id: string, kind: SpanRecord['kind'], parentId: string | null, extra: Partial<SpanRecord> = {}): SpanRecord {
  return { id, sessionId: 's1', parentId, kind, name: id, seq: seq++, ...extra };
}

// Haiku 4.5: $1 / $5 per million → 1M input + 1M output = $6.
const haiku = { model: 'claude-haiku-4-5', provider: 'anthropic' } as const;
const MILLION = { input: 1_000_000, output: 1_000_000 };

describe('priceSpans', () => {
  it('counts an agent span’s aggregate usage only when no descendant carries usage', () => {
    const spans = [
      // invoke_agent with the aggregate of its two calls below: covered.
      span('agent', 'AGENT', null, { ...haiku, aggregateUsage: { input: 2_000_000, output: 2_000_000 } }),
      span('llm1', 'LLM', 'agent', { ...haiku, usage: MILLION }),
      span('tool', 'TOOL', 'agent', { toolName: 'read' }),
      span('llm2', 'LLM', 'tool', { ...haiku, usage: MILLION }),
      // A remote agent whose calls were not exported: its aggregate is all we have.
      span('remote', 'AGENT', null, { ...haiku, aggregateUsage: MILLION }),
    ];
    const costs = priceSpans(spans, pricer);
    expect(costs.get('agent')).toMatchObject({ costUsd: 0, basis: 'covered' });
    expect(costs.get('llm1')).toMatchObject({ costUsd: 6, costSource: 'computed', basis: 'call' });
    expect(costs.get('llm2')).toMatchObject({ costUsd: 6, basis: 'call' });
    expect(costs.get('tool')).toMatchObject({ costUsd: 0, basis: 'none' });
    expect(costs.get('remote')).toMatchObject({ costUsd: 6, costSource: 'computed', basis: 'aggregate' });

    const rollup = rollupCosts(spans, costs);
    expect(rollup.costUsd).toBeCloseTo(18, 9); // not 30: the agent's $12 aggregate is not added
    expect(rollup.pricedSpans).toBe(3);
    expect(rollup.unpriced.spans).toBe(0);
  });

  it('treats a reported cost on an agent span as an aggregate too', () => {
    const spans = [
      span('agent', 'AGENT', null, { reportedCostUsd: 12 }),
      span('llm', 'LLM', 'agent', { ...haiku, reportedCostUsd: 5 }),
    ];
    const costs = priceSpans(spans, pricer);
    expect(rollupCosts(spans, costs).costUsd).toBeCloseTo(5, 12);
    expect(costs.get('agent')?.basis).toBe('covered');
  });

  it('covers nested aggregates: only the innermost data counts', () => {
    const spans = [
      span('outer', 'AGENT', null, { ...haiku, aggregateUsage: { input: 3_000_000, output: 0 } }),
      span('inner', 'AGENT', 'outer', { ...haiku, aggregateUsage: MILLION }),
    ];
    const costs = priceSpans(spans, pricer);
    expect(costs.get('outer')?.basis).toBe('covered');
    expect(costs.get('inner')).toMatchObject({ costUsd: 6, basis: 'aggregate' });
  });

  it('keeps a tool’s own reported fee without letting it hide the agent’s aggregate usage', () => {
    const spans = [
      span('agent', 'AGENT', null, { ...haiku, aggregateUsage: MILLION }),
      span('search', 'TOOL', 'agent', { toolName: 'web_search', reportedCostUsd: 0.01 }),
    ];
    const costs = priceSpans(spans, pricer);
    expect(costs.get('search')).toMatchObject({ costUsd: 0.01, costSource: 'reported' });
    expect(costs.get('agent')).toMatchObject({ costUsd: 6, basis: 'aggregate' });
  });

  it('counts unpriced usage separately and never as $0', () => {
    const spans = [
      span('a', 'LLM', null, { model: 'glm-5', provider: 'zai', usage: { input: 100, output: 10, cacheRead: 5, cacheWrite: 3, cacheWrite1h: 2 } }),
      span('b', 'LLM', null, { ...haiku, usage: MILLION }),
      span('c', 'LLM', null, { model: 'gpt-4o' }), // τ-bench: a call with no usage at all
    ];
    const costs = priceSpans(spans, pricer);
    expect(costs.get('a')).toMatchObject({ costUsd: null, costSource: 'unpriced' });
    const rollup = rollupCosts(spans, costs);
    expect(rollup.costUsd).toBeCloseTo(6, 12);
    expect(rollup.costBySource.computed).toBeCloseTo(6, 12);
    expect(rollup.unpriced).toEqual({ spans: 2, tokens: { input: 100, output: 10, cacheRead: 5, cacheWrite: 3, cacheWrite1h: 2 } });
  });

  it('survives a parent cycle in bad input', () => {
    const spans = [
      span('x', 'AGENT', 'y', { ...haiku, aggregateUsage: MILLION }),
      span('y', 'AGENT', 'x', { ...haiku, aggregateUsage: MILLION }),
    ];
    const costs = priceSpans(spans, pricer);
    expect(costs.size).toBe(2);
    expect(rollupCosts(spans, costs).costUsd).toBeLessThanOrEqual(12);
  });

  it('gives every span a cost entry', () => {
    const spans = [span('sub', 'SUBAGENT', null, { toolName: 'sessions_spawn' }), span('o', 'OTHER', null)];
    const costs = priceSpans(spans, pricer);
    expect([...costs.keys()].sort()).toEqual(['o', 'sub']);
    expect(costs.get('sub')).toMatchObject({ costUsd: 0, costSource: 'computed', basis: 'none', priceVersion: null });
  });
});
