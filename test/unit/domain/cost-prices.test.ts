// Computed prices against hand arithmetic from the published per-million rates, and the token
// partition that makes every token priced exactly once.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPricer, priceDataVersion, toGenaiUsage, type PricedCost } from '../../../src/domain/cost/index.ts';
import type { SpanRecord } from '../../../src/domain/model.ts';

const TOL = 1e-9;
const M = 1_000_000;
/** 100k tokens: under every long-context threshold (200k prompt tokens). */
const K100 = 100_000;

interface UsageParts {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  cacheWrite1h?: number;
  reasoning?: number;
}

function llmSpan(model: string, provider: string | null, usage: UsageParts, extra: Partial<SpanRecord> = {}): SpanRecord {
  return {
    id: `span-${model}`,
    sessionId: 's1',
    kind: 'LLM',
    name: 'chat',
    seq: 0,
    model,
    provider,
    startedAt: '2026-02-18T05:00:00.000Z',
    usage: { input: 0, output: 0, ...usage },
    ...extra,
  };
}

const pricer = createPricer();
const cost = (model: string, provider: string | null, usage: UsageParts): PricedCost => pricer.price(llmSpan(model, provider, usage));

describe('price data version', () => {
  it('is the installed genai-prices package version', () => {
    const entry = createRequire(import.meta.url).resolve('@pydantic/genai-prices');
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
    expect(pricer.priceVersion).toBe(`genai-prices@${pkg.version}`);
    expect(priceDataVersion()).toBe(pricer.priceVersion);
    expect(cost('claude-opus-4-6', 'anthropic', { input: 10 }).priceVersion).toBe(pricer.priceVersion);
  });
});

describe('computed prices (published $/Mtok, hand arithmetic)', () => {
  it('prices Claude Opus 4.6 at $5 / $25 with cache write $6.25 and read $0.50', () => {
    // A real OpenClaw message; OpenClaw itself recorded cost.total 0.09295875 for it.
    const c = cost('claude-opus-4-6', 'anthropic', { input: 3, output: 137, cacheWrite: 14323 });
    expect(c.costSource).toBe('computed');
    expect(c.pricedAs).toBe('anthropic/claude-opus-4-6');
    expect(c.costUsd).toBeCloseTo(3 * 5e-6 + 137 * 25e-6 + 14323 * 6.25e-6, 12);
    expect(Math.abs(c.costUsd! - 0.09295875)).toBeLessThan(TOL);
  });

  it('prices opus-4-6 as Opus 4.6, not 3x higher as Opus 4 ($15 / $75)', () => {
    for (const id of ['claude-opus-4-6', 'claude-opus-4.6', 'anthropic/claude-opus-4-6', 'CLAUDE-OPUS-4-6']) {
      const c = cost(id, null, { input: K100, output: K100 });
      expect(c.costUsd, id).toBeCloseTo((5 + 25) / 10, 12);
    }
  });

  it('uses the call’s date for prices that changed over time', () => {
    // Opus 4.6 charged long-context rates above 200k prompt tokens until 2026-03-13. This prompt is
    // 150k uncached + 100k cached = 250k tokens.
    const usage = { input: 150_000, cacheRead: 100_000, output: 1000 };
    const before = pricer.price(llmSpan('claude-opus-4-6', 'anthropic', usage, { startedAt: '2026-02-18T05:00:00Z' }));
    const after = pricer.price(llmSpan('claude-opus-4-6', 'anthropic', usage, { startedAt: '2026-03-20T05:00:00Z' }));
    expect(Math.abs(before.costUsd! - (150_000 * 10e-6 + 100_000 * 1e-6 + 1000 * 37.5e-6))).toBeLessThan(TOL);
    expect(Math.abs(after.costUsd! - (150_000 * 5e-6 + 100_000 * 0.5e-6 + 1000 * 25e-6))).toBeLessThan(TOL);
  });

  it('prices gpt-5.3-codex at $1.75 / $14 with cache read $0.175', () => {
    const c = cost('gpt-5.3-codex', 'openai-codex', { input: 2180, output: 817, cacheRead: 8704 });
    expect(c.pricedAs).toBe('openai/gpt-5.3-codex');
    expect(Math.abs(c.costUsd! - (2180 * 1.75e-6 + 817 * 14e-6 + 8704 * 0.175e-6))).toBeLessThan(TOL);
    expect(Math.abs(c.costUsd! - 0.0167762)).toBeLessThan(TOL);
  });

  it('prices Claude Code dated ids as their family', () => {
    const sonnet = cost('claude-sonnet-4-5-20250929', 'anthropic', { input: 1000, output: 2000, cacheRead: 30000, cacheWrite: 4000 });
    expect(sonnet.pricedAs).toBe('anthropic/claude-sonnet-4-5');
    expect(Math.abs(sonnet.costUsd! - (1000 * 3e-6 + 2000 * 15e-6 + 30000 * 0.3e-6 + 4000 * 3.75e-6))).toBeLessThan(TOL);

    const haiku = cost('claude-haiku-4-5-20251001', null, { input: 1000, output: 2000, cacheRead: 30000, cacheWrite: 4000 });
    expect(haiku.pricedAs).toBe('anthropic/claude-haiku-4-5');
    expect(Math.abs(haiku.costUsd! - (1000 * 1e-6 + 2000 * 5e-6 + 30000 * 0.1e-6 + 4000 * 1.25e-6))).toBeLessThan(TOL);

    const opus45 = cost('claude-opus-4-5-20251101', null, { input: K100, output: K100 });
    expect(opus45.pricedAs).toBe('anthropic/claude-opus-4-5');
    expect(opus45.costUsd).toBeCloseTo(3, 12);

    const old = cost('claude-3-5-sonnet-20241022', 'anthropic', { input: M, output: M });
    expect(old.costUsd).toBeCloseTo(3 + 15, 9);
  });

  it('prices 5-minute and 1-hour cache writes at their own rates', () => {
    // Haiku 4.5: 5m write $1.25, 1h write $2.00 per million.
    const c = cost('claude-haiku-4-5', 'anthropic', { input: 100, output: 200, cacheWrite: 1000, cacheWrite1h: 2000 });
    expect(Math.abs(c.costUsd! - (100 * 1e-6 + 200 * 5e-6 + 1000 * 1.25e-6 + 2000 * 2e-6))).toBeLessThan(TOL);
    const only1h = cost('claude-haiku-4-5', 'anthropic', { cacheWrite1h: M });
    expect(only1h.costUsd).toBeCloseTo(2, 12);
  });

  it('applies the long-context tier on the whole prompt, cache tokens included', () => {
    // Sonnet 4.5 above 200k prompt tokens: $6 input, $0.60 cache read, $22.50 output. The prompt
    // here is 150k uncached + 60k cached = 210k: over the threshold only if cache is counted.
    const c = cost('claude-sonnet-4-5', 'anthropic', { input: 150_000, cacheRead: 60_000, output: 1000 });
    expect(Math.abs(c.costUsd! - (150_000 * 6e-6 + 60_000 * 0.6e-6 + 1000 * 22.5e-6))).toBeLessThan(TOL);
  });

  it('prices corpus models from other frameworks', () => {
    expect(cost('mistral/mistral-small-latest', null, { input: M, output: M }).costUsd).toBeCloseTo(0.1 + 0.3, 9);
    expect(cost('gpt-4o-mini-2024-07-18', 'openai', { input: M, output: M }).costUsd).toBeCloseTo(0.15 + 0.6, 9);
    expect(cost('gemini-2.5-flash', 'gcp.vertex_ai', { input: M, output: M }).costUsd).toBeCloseTo(0.3 + 2.5, 9);
    // A framework name as provider (OpenInference `llm.provider: langchain`) is not binding.
    expect(cost('gpt-4o', 'langchain', { input: M, output: M }).costUsd).toBeCloseTo(2.5 + 10, 9);
  });
});

describe('each token priced exactly once', () => {
  it('maps additive usage to genai-prices partitions of the whole prompt', () => {
    expect(toGenaiUsage({ input: 10, output: 5, cacheRead: 100, cacheWrite: 20, cacheWrite1h: 7, reasoning: 2 })).toEqual({
      input_tokens: 137,
      output_tokens: 5,
      cache_read_tokens: 100,
      cache_write_tokens: 27,
      cache_write_1h_tokens: 7,
      output_reasoning_tokens: 2,
    });
  });

  it('prices uncached input, cache reads and cache writes each once, and additively', () => {
    // 40k of each: the 160k prompt stays under Opus 4.6's 200k long-context threshold.
    const n = 40_000;
    const input = cost('claude-opus-4-6', 'anthropic', { input: n }).costUsd!;
    const read = cost('claude-opus-4-6', 'anthropic', { cacheRead: n }).costUsd!;
    const write = cost('claude-opus-4-6', 'anthropic', { cacheWrite: n }).costUsd!;
    const write1h = cost('claude-opus-4-6', 'anthropic', { cacheWrite1h: n }).costUsd!;
    // Not zero (the paper priced fresh input at 0) and not input + cache rate (priced twice).
    expect(input).toBeCloseTo(n * 5e-6, 12);
    expect(read).toBeCloseTo(n * 0.5e-6, 12);
    expect(write).toBeCloseTo(n * 6.25e-6, 12);
    expect(write1h).toBeCloseTo(n * 10e-6, 12);
    const all = cost('claude-opus-4-6', 'anthropic', { input: n, cacheRead: n, cacheWrite: n, cacheWrite1h: n }).costUsd!;
    expect(Math.abs(all - (input + read + write + write1h))).toBeLessThan(TOL);
  });

  it('prices cache writes at the input rate when the model has no cache-write price', () => {
    // OpenAI bills cached-prompt creation as ordinary input: the token is still priced once.
    expect(cost('gpt-4o-mini', 'openai', { cacheWrite: M }).costUsd).toBeCloseTo(0.15, 12);
  });

  it('does not price reasoning tokens on top of output', () => {
    const plain = cost('gpt-5', 'openai', { output: 1000 }).costUsd!;
    const withReasoning = cost('gpt-5', 'openai', { output: 1000, reasoning: 800 }).costUsd!;
    expect(withReasoning).toBeCloseTo(plain, 12);
  });
});

describe('unknown and unpriceable', () => {
  it('is null and unpriced for an unknown model: never $0, never a flat rate', () => {
    const c = cost('my-private-model-7b', 'acme', { input: 1000, output: 1000 });
    expect(c).toMatchObject({ costUsd: null, costSource: 'unpriced' });
    expect(c.unpricedReason).toMatch(/my-private-model-7b/);
  });

  it('does not borrow another provider’s price: Z.AI glm-5 is not Zhipu mainland glm-5', () => {
    expect(cost('glm-5', 'zai', { input: M }).costSource).toBe('unpriced');
    expect(cost('zai/glm-5', null, { input: M }).costSource).toBe('unpriced');
  });

  it('is unpriced for an LLM call with no usage and no reported cost (τ-bench)', () => {
    const span: SpanRecord = { id: 'x', sessionId: 's', kind: 'LLM', name: 'chat', seq: 0, model: 'gpt-4o' };
    expect(pricer.price(span)).toMatchObject({ costUsd: null, costSource: 'unpriced' });
  });

  it('is exactly $0 for zero tokens, whatever the model (Claude Code <synthetic>)', () => {
    expect(cost('<synthetic>', null, {})).toMatchObject({ costUsd: 0, costSource: 'computed' });
  });

  it('uses the reported cost when there is one and no override', () => {
    const span = llmSpan('glm-5', 'zai', { input: 10450, output: 162, cacheRead: 2944 }, { reportedCostUsd: 0.0115572 });
    expect(pricer.price(span)).toMatchObject({ costUsd: 0.0115572, costSource: 'reported', priceVersion: null });
  });
});

describe('offline', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never fetches price data', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const p = createPricer();
    p.price(llmSpan('claude-opus-4-6', 'anthropic', { input: 10, output: 10 }));
    p.price(llmSpan('unknown-model', null, { input: 10, output: 10 }));
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
