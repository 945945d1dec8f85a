// User price overrides: precedence, matching, and errors a user can act on.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPricer, parsePriceOverrides, PriceOverridesError } from '../../../src/domain/cost/index.ts';
import type { SpanRecord } from '../../../src/domain/model.ts';
import { PROJECT_ROOT } from '../../helpers/corpora.ts';

const EXAMPLE = path.join(PROJECT_ROOT, 'examples', 'prices.yaml');
const TOL = 1e-9;

function llmSpan(model: string, provider: string | null, extra: Partial<SpanRecord> = {}): SpanRecord {
  return {
    id: 'span',
    sessionId: 's1',
    kind: 'LLM',
    name: 'chat',
    seq: 0,
    model,
    provider,
    usage: { input: 1_000_000, output: 1_000_000 },
    ...extra,
  };
}

const OPUS_DISCOUNT = `
models:
  - model: claude-opus-4-6
    input_mtok: 4
    output_mtok: 20
  - provider: openai-codex
    model: gpt-5.3-codex
    input_mtok: 0
    output_mtok: 0
    note: subscription
  - model: claude-sonnet-4-5
    input_mtok: 1
    output_mtok: 1
  - model: claude-sonnet-4-5-20250929
    input_mtok: 2
    output_mtok: 2
`;

describe('override precedence', () => {
  const pricer = createPricer({ overridesYaml: OPUS_DISCOUNT });

  it('wins over a cost reported by the source', () => {
    const c = pricer.price(llmSpan('claude-opus-4-6', 'anthropic', { reportedCostUsd: 30 }));
    expect(c.costSource).toBe('override');
    expect(c.costUsd).toBeCloseTo(24, 12);
    expect(c.priceVersion).toMatch(/^overrides@[0-9a-f]{12}$/);
    expect(c.priceVersion).toBe(pricer.overridesVersion);
    expect(c.pricedAs).toBe('override:*/claude-opus-4-6');
  });

  it('wins over bundled prices, under any spelling of the model', () => {
    for (const model of ['anthropic/claude-opus-4-6', 'claude-opus-4.6']) {
      expect(pricer.price(llmSpan(model, null)).costUsd, model).toBeCloseTo(24, 12);
    }
  });

  it('matches the provider as written: openai-codex entry does not price plain openai', () => {
    expect(pricer.price(llmSpan('gpt-5.3-codex', 'openai-codex'))).toMatchObject({ costUsd: 0, costSource: 'override' });
    expect(pricer.price(llmSpan('openai-codex/gpt-5.3-codex', null))).toMatchObject({ costUsd: 0, costSource: 'override' });
    expect(pricer.price(llmSpan('gpt-5.3-codex', 'openai'))).toMatchObject({ costSource: 'computed' });
  });

  it('prefers an entry for the exact snapshot over the family entry', () => {
    expect(pricer.price(llmSpan('claude-sonnet-4-5-20250929', 'anthropic')).costUsd).toBeCloseTo(4, 12);
    expect(pricer.price(llmSpan('claude-sonnet-4-5-20260101', 'anthropic')).costUsd).toBeCloseTo(2, 12);
  });

  it('needs usage: a span with only a reported cost keeps it', () => {
    const span = llmSpan('claude-opus-4-6', 'anthropic', { usage: undefined, reportedCostUsd: 0.5 });
    expect(pricer.price(span)).toMatchObject({ costUsd: 0.5, costSource: 'reported' });
  });

  it('leaves models without an entry to the usual precedence', () => {
    expect(pricer.price(llmSpan('claude-haiku-4-5', 'anthropic'))).toMatchObject({ costUsd: 6, costSource: 'computed' });
  });

  it('has no overrides version without a file', () => {
    expect(createPricer().overridesVersion).toBeNull();
  });
});

describe('examples/prices.yaml', () => {
  const pricer = createPricer({ overridesFile: EXAMPLE });

  it('parses and prices Z.AI glm-5 at the rates OpenClaw recorded', () => {
    // A real OpenClaw message (provider zai) with its recorded usage.cost.total.
    const span = llmSpan('glm-5', 'zai', { usage: { input: 10450, output: 162, cacheRead: 2944 }, reportedCostUsd: 0.0115572 });
    const c = pricer.price(span);
    expect(c.costSource).toBe('override');
    expect(Math.abs(c.costUsd! - 0.0115572)).toBeLessThan(TOL);
  });

  it('is versioned by its content', () => {
    const same = parsePriceOverrides(fs.readFileSync(EXAMPLE, 'utf8'));
    expect(same.version).toBe(pricer.overridesVersion);
    expect(same.size).toBe(1);
  });
});

describe('invalid override files', () => {
  const invalid = (yaml: string) => () => createPricer({ overridesYaml: yaml });

  it('rejects unknown keys (a typo must not silently do nothing)', () => {
    expect(invalid('models:\n  - model: x\n    input_mtoks: 1\n    output_mtok: 1\n')).toThrow(/input_mtok|input_mtoks/);
  });

  it('rejects negative prices and missing required rates', () => {
    expect(invalid('models:\n  - model: x\n    input_mtok: -1\n    output_mtok: 1\n')).toThrow(PriceOverridesError);
    expect(invalid('models:\n  - model: x\n    input_mtok: 1\n')).toThrow(/output_mtok/);
  });

  it('rejects a 1-hour cache price without the cache-write price', () => {
    expect(invalid('models:\n  - model: x\n    input_mtok: 1\n    output_mtok: 1\n    cache_write_1h_mtok: 2\n')).toThrow(/cache_write_mtok/);
  });

  it('rejects duplicate entries', () => {
    const yaml = 'models:\n  - {model: x, input_mtok: 1, output_mtok: 1}\n  - {model: X, input_mtok: 2, output_mtok: 2}\n';
    expect(invalid(yaml)).toThrow(/listed twice/);
  });

  it('reports YAML syntax errors with a line and a code', () => {
    try {
      createPricer({ overridesYaml: 'models:\n  - model: [x\n' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PriceOverridesError);
      expect((error as PriceOverridesError).code).toBe('PRICE_OVERRIDES_INVALID');
      expect((error as Error).message).toMatch(/not valid YAML/);
    }
  });

  it('names the file when it cannot be read', () => {
    expect(() => createPricer({ overridesFile: '/nonexistent/prices.yaml' })).toThrow(/\/nonexistent\/prices\.yaml/);
  });

  it('accepts an empty file', () => {
    expect(createPricer({ overridesYaml: '' }).price(llmSpan('claude-haiku-4-5', null)).costSource).toBe('computed');
  });
});
