// Hostile values at the pure boundaries (issue 13): bounded keys, nesting depth, the cost
// plausibility bound, pricing that never throws, and validation that bounds what reaches Neo4j.
import { describe, expect, it } from 'vitest';
import { boundKey, MAX_KEY_CHARS } from '../../../src/domain/bound-key.ts';
import { canonicaliseArgs } from '../../../src/domain/canonical/index.ts';
import { createPricer, MAX_PLAUSIBLE_SPAN_COST_USD } from '../../../src/domain/cost/index.ts';
import { nestedDeeperThan } from '../../../src/domain/json-depth.ts';
import type { NormalisedBatch, SpanRecord } from '../../../src/domain/model.ts';
import { validateBatch } from '../../../src/ingest/validate.ts';
import { eventsToBatch } from '../../../src/sources/events/index.ts';

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype);

function llm(extra: Partial<SpanRecord>): SpanRecord {
  return { id: 'sp', sessionId: 's', kind: 'LLM', name: 'chat', seq: 0, model: 'gpt-4o', usage: { input: 100, output: 10 }, ...extra };
}

describe('boundKey', () => {
  it('keeps short keys, bounds long ones deterministically and keeps distinct ones distinct', () => {
    expect(boundKey('otel:abc')).toBe('otel:abc');
    const a = boundKey('a'.repeat(9_000));
    expect(a).toHaveLength(MAX_KEY_CHARS);
    expect(a).toMatch(/^a+…#[0-9a-f]{32}$/);
    expect(boundKey('a'.repeat(9_000))).toBe(a);
    expect(boundKey(`${'a'.repeat(8_999)}b`)).not.toBe(a);
    expect(boundKey(a)).toBe(a);
  });

  it('never cuts a surrogate pair in half', () => {
    const key = boundKey('🦀'.repeat(5_000));
    // No high surrogate without its low half, and no low half alone.
    expect(key).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(Buffer.byteLength(key)).toBeLessThan(2_000);
  });
});

describe('nestedDeeperThan', () => {
  it('measures without recursion, on a million levels', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(nestedDeeperThan(deep)).toBe(true);
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
  });
});

describe('pricing', () => {
  const pricer = createPricer();

  it('prices every Object.prototype name as provider or model without throwing', () => {
    for (const key of PROTO_KEYS) {
      expect(pricer.price(llm({ provider: key })).costSource, key).toBe('computed');
      expect(pricer.price(llm({ model: key, provider: key }))).toMatchObject({ costUsd: null, costSource: 'unpriced' });
      expect(pricer.price(llm({ model: `${key}/${key}` })).costUsd, key).toBeNull();
    }
  });

  it(`stores a cost beyond ${MAX_PLAUSIBLE_SPAN_COST_USD} USD, or not finite, as unpriced with the reason`, () => {
    expect(pricer.price(llm({ reportedCostUsd: 1e300 }))).toMatchObject({
      costUsd: null,
      costSource: 'unpriced',
      unpricedReason: 'reported cost 1e+300 USD is beyond the plausibility bound of 10000 USD per span',
    });
    expect(pricer.price(llm({ reportedCostUsd: Infinity })).unpricedReason).toBe('reported cost Infinity is not a finite number');
    expect(pricer.price(llm({ reportedCostUsd: 12.5 })).costUsd).toBe(12.5);
    expect(Object.is(pricer.price(llm({ reportedCostUsd: -0 })).costUsd, 0)).toBe(true);
    // Computed costs too: 2^53 tokens of gpt-4o are not a plausible call.
    expect(pricer.price(llm({ usage: { input: 2 ** 52, output: 10 } })).costSource).toBe('unpriced');
  });
});

describe('validateBatch', () => {
  it('bounds keys, drops non-finite costs and over-long timestamps, flattens deep arguments: all located', () => {
    const long = 's'.repeat(20_000);
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = [deep];
    const batch: NormalisedBatch = {
      sessions: [{ id: long, source: 'otlp', externalId: long, agentId: long, skill: long, startedAt: 't'.repeat(100) }],
      spans: [
        llm({ id: long, sessionId: long, parentId: long, model: long, toolName: long }),
        llm({ id: 'nan', sessionId: long, reportedCostUsd: Number.NaN }),
        llm({ id: 'absurd', sessionId: long, reportedCostUsd: 1e300 }),
        { id: 'deep', sessionId: long, kind: 'TOOL', name: 'exec', seq: 1, toolName: 'exec', args: deep, result: deep },
      ],
      spawns: [{ spanId: long, parentSessionId: long, childSessionId: long, status: 'linked' }],
      rejections: [],
    };
    const valid = validateBatch(batch);
    const bounded = boundKey(long);
    expect(valid.sessions[0]).toMatchObject({ id: bounded, agentId: bounded, skill: bounded, externalId: long, startedAt: null });
    expect(valid.spans.map((s) => s.id)).toEqual([bounded, 'nan', 'absurd', 'deep']);
    expect(valid.spans[0]).toMatchObject({ sessionId: bounded, parentId: bounded, model: bounded, toolName: bounded });
    expect(valid.spans[1]!.reportedCostUsd).toBeNull();
    expect(valid.spans[2]!.reportedCostUsd).toBe(1e300);
    expect(valid.spans[3]!.args).toBe('[args nested deeper than 64 levels]');
    expect(valid.spawns[0]).toMatchObject({ spanId: bounded, parentSessionId: bounded, childSessionId: bounded });
    expect(valid.rejections.map((r) => r.location)).toEqual([
      `session ${bounded} field startedAt`,
      'span nan field reportedCostUsd',
      'span absurd field reportedCostUsd',
      'span deep field args',
      'span deep field result',
    ]);
  });
});

describe('hostile tool arguments and events', () => {
  it('canonicalises arguments named after Object.prototype members, and shell commands naming them', () => {
    for (const key of PROTO_KEYS) {
      const args = JSON.parse(`{"${key}": {"path": "/a"}, "command": "git ${key}"}`) as unknown;
      const canonical = canonicaliseArgs(key, args);
      expect(canonical.text, key).toContain(`"${key}"`);
      expect(canonicaliseArgs('exec', { command: `git ${key} x` }).effect, key).toBe('exec');
    }
  });

  it('assembles events whose ids and payload fields are Object.prototype names', () => {
    const events = PROTO_KEYS.flatMap((key, i) => [
      { schemaVersion: 1, agentId: key, event: { eventId: `${key}-b`, eventType: 'llm_before_call', traceId: key, spanId: key, tsMs: i * 10, payload: { model: key, provider: key } } },
      { schemaVersion: 1, agentId: key, event: { eventId: `${key}-a`, eventType: 'llm_after_call', traceId: key, spanId: key, tsMs: i * 10 + 1, payload: JSON.parse(`{"${key}": 1, "usage": {"input": 1, "output": 1}}`) as unknown } },
    ]);
    const batch = eventsToBatch(events);
    expect(batch.sessions).toHaveLength(PROTO_KEYS.length);
    expect(batch.spans).toHaveLength(PROTO_KEYS.length);
    const priced = validateBatch(batch);
    expect(priced.spans).toHaveLength(PROTO_KEYS.length);
  });
});
