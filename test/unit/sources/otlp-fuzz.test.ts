// Fuzz-ish: thousands of random and mutated spans never make the OTLP adapter throw, and whatever it
// accepts is a valid normalised batch (ids unique, parents present, no cycles, schema-valid).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionRecordSchema, SpanRecordSchema, type NormalisedBatch } from '../../../src/domain/model.ts';
import { convertOtlpRequest, decodeOtlpRequest, encodeOtlpProtobuf, OtlpDecodeError, type ExportTraceServiceRequestLike } from '../../../src/sources/otlp/index.ts';
import { corpus } from '../../helpers/corpora.ts';
import { anyAgentToOtlp, langfuseToOtlp } from '../../helpers/derived-otlp.ts';
import { seeded as rng } from '../../helpers/malformed.ts';

const KEYS = [
  'gen_ai.operation.name', 'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens', 'gen_ai.usage.cache_read.input_tokens',
  'gen_ai.usage.cache_creation_input_tokens', 'gen_ai.usage.reasoning.output_tokens', 'gen_ai.usage.prompt_tokens',
  'llm.token_count.prompt', 'llm.token_count.completion', 'llm.token_count.prompt_details.cache_read', 'ai.usage.promptTokens',
  'ai.operationId', 'openinference.span.kind', 'llm.cost.total', 'gen_ai.usage.cost', 'gen_ai.usage.cost.amount',
  'gen_ai.usage.cost.currency', 'gen_ai.conversation.id', 'session.id', 'gen_ai.agent.name', 'gen_ai.tool.name',
  'gen_ai.tool.call.arguments', 'input.value', 'output.value', 'gen_ai.response.model', 'gen_ai.response.finish_reasons', 'x',
];
const OPS = ['chat', 'execute_tool', 'invoke_agent', 'embeddings', 'call_llm', 'bogus', 'LLM', 'TOOL', 'AGENT', 'EMBEDDING', 'CHAIN', 'ai.generateText', 'ai.generateText.doGenerate', 'ai.toolCall'];

function fuzzer(seed: number) {
  const r = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
  const spanIds = Array.from({ length: 12 }, () => hex(16));
  const traceIds = [hex(32), hex(32), '0'.repeat(32)];

  const scalar = (): unknown =>
    pick([() => pick(OPS), () => Math.floor(r() * 5000), () => -Math.floor(r() * 10), () => r() * 3, () => String(Math.floor(r() * 900)), () => 'abc', () => '', () => true, () => null, () => '{"a":[1,{"b":2}]}', () => 1e300, () => '9'.repeat(40)])();
  const anyValue = (depth = 0): unknown =>
    pick([
      () => ({ stringValue: scalar() }),
      () => ({ intValue: scalar() }),
      () => ({ doubleValue: scalar() }),
      () => ({ boolValue: scalar() }),
      () => ({ bytesValue: scalar() }),
      () => ({ arrayValue: depth > 3 ? 5 : { values: [anyValue(depth + 1), anyValue(depth + 1)] } }),
      () => ({ kvlistValue: { values: [{ key: pick(KEYS), value: depth > 3 ? {} : anyValue(depth + 1) }, { value: 1 }] } }),
      () => ({}),
      () => scalar(),
    ])();
  const attributes = (): unknown =>
    pick([
      () => Array.from({ length: Math.floor(r() * 8) }, () => (r() < 0.9 ? { key: pick(KEYS), value: r() < 0.5 ? { stringValue: pick(OPS) } : anyValue() } : scalar())),
      () => undefined,
      () => scalar(),
    ])();
  const time = (): unknown => pick([() => '1758026594777382000', () => String(1758026594777382000n + BigInt(Math.floor(r() * 1e12))), () => 0, () => r() * 1e18, () => '-5', () => '99999999999999999999999', () => 'now', () => undefined, () => 1758026594000000000]) ();

  // Half the spans are well-formed (random structure and vocabulary, valid values), half hostile.
  const goodAttributes = (): unknown =>
    Array.from({ length: Math.floor(r() * 6) }, () => {
      const key = pick(KEYS);
      return { key, value: /tokens|Tokens|cost|prompt|completion/.test(key) && !key.endsWith('currency') ? { intValue: String(Math.floor(r() * 2000)) } : { stringValue: pick(OPS) } };
    });
  const span = (): unknown => {
    if (r() < 0.5) {
      const s: Record<string, unknown> = {
        traceId: pick(traceIds.slice(0, 2)),
        spanId: pick(spanIds),
        name: pick(OPS),
        startTimeUnixNano: String(1758026594000000000n + BigInt(Math.floor(r() * 1e12))),
        endTimeUnixNano: String(1758026595000000000n + BigInt(Math.floor(r() * 1e12))),
        attributes: goodAttributes(),
        status: pick([undefined, { code: 2, message: 'bad' }, { code: 1 }]),
      };
      if (r() < 0.8) s.parentSpanId = pick(spanIds);
      return s;
    }
    if (r() < 0.03) return scalar();
    const s: Record<string, unknown> = {
      traceId: r() < 0.9 ? pick(traceIds) : scalar(),
      spanId: r() < 0.92 ? pick(spanIds) : scalar(),
      name: r() < 0.9 ? pick(OPS) : scalar(),
      kind: pick([0, 1, 2, 3, 'SPAN_KIND_SERVER', 'weird', null, 9]),
      startTimeUnixNano: time(),
      endTimeUnixNano: time(),
      attributes: attributes(),
      status: pick([undefined, { code: 2, message: 'bad' }, { code: 'STATUS_CODE_ERROR' }, { code: 1 }, 'x', { code: {} }]),
      events: pick([undefined, [], [{ name: 'exception', attributes: attributes() }], 'x', [null]]),
    };
    if (r() < 0.7) s.parentSpanId = r() < 0.9 ? pick(spanIds) : scalar();
    return s;
  };
  const request = (): ExportTraceServiceRequestLike =>
    ({
      resourceSpans: Array.from({ length: 1 + Math.floor(r() * 3) }, () =>
        r() < 0.05
          ? scalar()
          : {
              resource: r() < 0.9 ? { attributes: attributes() } : scalar(),
              scopeSpans: Array.from({ length: 1 + Math.floor(r() * 2) }, () => (r() < 0.05 ? scalar() : { scope: { name: scalar() }, spans: Array.from({ length: Math.floor(r() * 30) }, span) })),
            },
      ),
    }) as ExportTraceServiceRequestLike;
  return { request, r };
}

function checkBatch(batch: NormalisedBatch): void {
  const ids = new Set<string>();
  for (const span of batch.spans) {
    expect(SpanRecordSchema.safeParse(span).success, JSON.stringify(span)).toBe(true);
    expect(ids.has(span.id)).toBe(false);
    ids.add(span.id);
  }
  for (const session of batch.sessions) expect(SessionRecordSchema.safeParse(session).success).toBe(true);
  const parentOf = new Map(batch.spans.map((s) => [s.id, s.parentId ?? null]));
  for (const span of batch.spans) {
    // A parent outside the request is linked by the writer (it may arrive later): a span id.
    if (span.parentId && !ids.has(span.parentId)) expect(span.parentId).toMatch(/^otel:[0-9a-f]{32}:[0-9a-f]{16}$/);
    // Walking up always ends at a root or outside the request.
    let steps = 0;
    for (let p = span.parentId ?? null; p !== null; p = parentOf.get(p) ?? null) expect((steps += 1)).toBeLessThanOrEqual(batch.spans.length);
  }
  for (const r of batch.rejections) expect(r.location).toMatch(/^otlp /);
}

describe('OTLP adapter under random input', () => {
  it('never throws on thousands of random spans, and what it accepts is valid', () => {
    let accepted = 0;
    let rejected = 0;
    for (let seed = 1; seed <= 150; seed += 1) {
      const request = fuzzer(seed).request();
      const result = convertOtlpRequest(request);
      checkBatch(result.batch);
      expect(result.acceptedSpans).toBe(result.batch.spans.length);
      accepted += result.acceptedSpans;
      rejected += result.rejectedSpans;
    }
    // Both paths are exercised in quantity.
    expect(accepted + rejected).toBeGreaterThan(2000);
    expect(accepted).toBeGreaterThan(300);
    expect(rejected).toBeGreaterThan(300);
  });

  it('never throws on mutated real spans', () => {
    const base = [
      anyAgentToOtlp(fs.readFileSync(path.join(corpus('otel-genai-any-agent'), 'LLAMA_INDEX_trace.json'), 'utf8')),
      langfuseToOtlp(fs.readFileSync(path.join(corpus('langfuse-framework-traces'), 'beeai-2025-08-01.trace.json'), 'utf8')),
    ];
    const { r } = fuzzer(7);
    const fields = ['traceId', 'spanId', 'parentSpanId', 'startTimeUnixNano', 'endTimeUnixNano', 'attributes', 'status', 'name', 'events'];
    const junk = [null, 5, 'zz', {}, [], -1, '1e5', { stringValue: 3 }, [{ key: 'gen_ai.usage.input_tokens', value: { intValue: '-3' } }]];
    for (let round = 0; round < 200; round += 1) {
      const request = structuredClone(base[round % 2]!);
      for (const rs of request.resourceSpans) {
        for (const ss of rs.scopeSpans ?? []) {
          for (const span of ss.spans ?? []) {
            const s = span as unknown as Record<string, unknown>;
            if (r() < 0.3) s[fields[Math.floor(r() * fields.length)]!] = junk[Math.floor(r() * junk.length)];
            const attrs = s.attributes;
            if (Array.isArray(attrs) && attrs.length && r() < 0.3) attrs[Math.floor(r() * attrs.length)] = junk[Math.floor(r() * junk.length)];
          }
        }
      }
      checkBatch(convertOtlpRequest(request).batch);
    }
  });

  it('decoding random bytes either succeeds or fails with OtlpDecodeError', () => {
    const { r } = fuzzer(99);
    const valid = encodeOtlpProtobuf(anyAgentToOtlp(fs.readFileSync(path.join(corpus('otel-genai-any-agent'), 'AGNO_trace.json'), 'utf8')));
    for (let i = 0; i < 2000; i += 1) {
      const bytes = i % 2 ? Buffer.from(Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256))) : Buffer.from(valid.map((b) => (r() < 0.02 ? Math.floor(r() * 256) : b)));
      for (const type of ['application/x-protobuf', 'application/json']) {
        try {
          const { request } = decodeOtlpRequest(bytes, type);
          checkBatch(convertOtlpRequest(request).batch);
        } catch (error) {
          expect(error).toBeInstanceOf(OtlpDecodeError);
        }
      }
    }
  });
});
