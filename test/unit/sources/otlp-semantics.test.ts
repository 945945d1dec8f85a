// OTLP span semantics on hand-made requests: token conventions and cache arithmetic, aggregate
// usage, kinds, cost, tools, status, times, parentage, sessions and located rejections.
import { describe, expect, it } from 'vitest';
import type { SpanRecord } from '../../../src/domain/model.ts';
import { convertOtlpRequest, otlpToBatch, type SpanLike } from '../../../src/sources/otlp/index.ts';
import { makeSpan, otlpRequest, TRACE_A, TRACE_B, toKeyValues, type JsonObject as Attrs } from '../../helpers/derived-otlp.ts';

function one(attributes: Attrs, options: Partial<SpanLike> = {}): SpanRecord {
  const batch = otlpToBatch(otlpRequest([makeSpan('00f067aa0ba902b7', { ...options, attributes })]));
  expect(batch.rejections).toEqual([]);
  return batch.spans[0]!;
}

const id = (span: string, trace = TRACE_A) => `otel:${trace}:${span}`;

describe('token usage', () => {
  it('GenAI semconv: input includes cache reads and writes, which are subtracted once', () => {
    const span = one({
      'gen_ai.operation.name': 'chat',
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.cache_read.input_tokens': 600,
      'gen_ai.usage.cache_creation.input_tokens': 100,
      'gen_ai.usage.output_tokens': 50,
      'gen_ai.usage.reasoning.output_tokens': 20,
    });
    expect(span.usage).toEqual({ input: 300, cacheRead: 600, cacheWrite: 100, cacheWrite1h: 0, output: 50, reasoning: 20 });
  });

  it('reads the older cache spellings and the deprecated prompt/completion names', () => {
    const span = one({
      'gen_ai.operation.name': 'chat',
      'gen_ai.usage.prompt_tokens': '400',
      'gen_ai.usage.completion_tokens': '9',
      'gen_ai.usage.cache_read_input_tokens': 100,
      'gen_ai.usage.cache_creation_input_tokens': 50,
    });
    expect(span.usage).toMatchObject({ input: 250, cacheRead: 100, cacheWrite: 50, output: 9 });
  });

  it('an input smaller than its cache counts is taken as additive, never priced at zero', () => {
    const span = one({ 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.cache_read.input_tokens': 5000, 'gen_ai.usage.output_tokens': 3 });
    expect(span.usage).toMatchObject({ input: 12, cacheRead: 5000, output: 3 });
    expect(span.attributes?.usageNote).toMatch(/without cached/);
  });

  it('output smaller than reasoning is taken as excluding reasoning', () => {
    const span = one({ 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 35, 'gen_ai.usage.reasoning.output_tokens': 64 });
    expect(span.usage).toMatchObject({ output: 99, reasoning: 64 });
  });

  it('OpenInference: prompt_details are a breakdown of prompt', () => {
    const span = one({
      'openinference.span.kind': 'LLM',
      'llm.token_count.prompt': 500,
      'llm.token_count.prompt_details.cache_read': 200,
      'llm.token_count.prompt_details.cache_write': 50,
      'llm.token_count.completion': 40,
      'llm.token_count.completion_details.reasoning': 10,
      'llm.token_count.total': 540,
    });
    expect(span.usage).toEqual({ input: 250, cacheRead: 200, cacheWrite: 50, cacheWrite1h: 0, output: 40, reasoning: 10 });
  });

  it('Vercel AI SDK v5: cachedInputTokens is part of inputTokens', () => {
    const span = one({ 'ai.operationId': 'ai.streamText.doStream', 'ai.usage.inputTokens': 300, 'ai.usage.cachedInputTokens': 100, 'ai.usage.outputTokens': 20 });
    expect(span).toMatchObject({ kind: 'LLM', usage: { input: 200, cacheRead: 100, output: 20 } });
  });

  it('OpenLLMetry: llm.usage.* on an llm.request.type span', () => {
    const span = one({ 'llm.request.type': 'chat', 'llm.usage.prompt_tokens': 70, 'llm.usage.completion_tokens': 8, 'llm.request.model': 'gpt-4o' });
    expect(span).toMatchObject({ kind: 'LLM', model: 'gpt-4o', usage: { input: 70, output: 8 } });
  });

  it('never sums two conventions reporting the same call', () => {
    const span = one({
      'openinference.span.kind': 'LLM',
      'gen_ai.usage.input_tokens': 28,
      'gen_ai.usage.output_tokens': 3,
      'llm.token_count.prompt': 28,
      'llm.token_count.completion': 3,
    });
    expect(span.usage).toMatchObject({ input: 28, output: 3 });
    expect(span.attributes?.usageConvention).toBe('gen_ai');
  });
});

describe('aggregate usage', () => {
  it('invoke_agent usage is aggregate; only the chat span under it carries usage', () => {
    const batch = otlpToBatch(
      otlpRequest([
        makeSpan('1000000000000001', { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.usage.input_tokens': 300, 'gen_ai.usage.output_tokens': 30 } }),
        makeSpan('1000000000000002', { parentSpanId: '1000000000000001', attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 300, 'gen_ai.usage.output_tokens': 30 } }),
      ]),
    );
    const [agent, chat] = [batch.spans.find((s) => s.kind === 'AGENT')!, batch.spans.find((s) => s.kind === 'LLM')!];
    expect(agent).toMatchObject({ usage: null, aggregateUsage: { input: 300, output: 30 } });
    expect(chat).toMatchObject({ aggregateUsage: null, usage: { input: 300, output: 30 }, parentId: agent.id });
  });

  it('usage on a span that is not a model call (no operation) is aggregate too', () => {
    expect(one({ 'gen_ai.usage.input_tokens': 5550, 'gen_ai.usage.output_tokens': 214 })).toMatchObject({ kind: 'OTHER', usage: null, aggregateUsage: { input: 5550 } });
  });

  it('an LLM span wrapping another LLM span keeps only aggregate usage and is not a call', () => {
    const batch = otlpToBatch(
      otlpRequest([
        makeSpan('2000000000000001', { attributes: { 'openinference.span.kind': 'LLM', 'llm.token_count.prompt': 500, 'llm.token_count.completion': 100, 'llm.cost.total': 0.01 } }),
        makeSpan('2000000000000002', { parentSpanId: '2000000000000001', attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 480, 'gen_ai.usage.output_tokens': 90 } }),
      ]),
    );
    const wrapper = batch.spans.find((s) => s.id === id('2000000000000001'))!;
    expect(wrapper).toMatchObject({ kind: 'OTHER', usage: null, aggregateUsage: { input: 500 }, reportedCostUsd: null });
    expect(wrapper.attributes).toMatchObject({ llmWrapper: true, aggregateCostUsd: 0.01 });
    expect(batch.spans.filter((s) => s.kind === 'LLM').map((s) => s.usage?.input)).toEqual([480]);
  });

  it('Vercel: the generateText loop is AGENT even before its doGenerate children arrive', () => {
    expect(one({ 'ai.operationId': 'ai.generateText', 'ai.usage.promptTokens': 62, 'ai.usage.completionTokens': 85 })).toMatchObject({
      kind: 'AGENT',
      usage: null,
      aggregateUsage: { input: 62, output: 85 },
    });
  });
});

describe('kinds', () => {
  const kindOf = (attributes: Attrs) => one(attributes).kind;
  it('maps GenAI operations, OpenInference kinds, Vercel and OpenLLMetry names', () => {
    expect(kindOf({ 'gen_ai.operation.name': 'text_completion' })).toBe('LLM');
    expect(kindOf({ 'gen_ai.operation.name': 'generate_content' })).toBe('LLM');
    expect(kindOf({ 'gen_ai.operation.name': 'embeddings' })).toBe('LLM');
    expect(kindOf({ 'gen_ai.operation.name': 'execute_tool' })).toBe('TOOL');
    expect(kindOf({ 'gen_ai.operation.name': 'create_agent' })).toBe('AGENT');
    expect(kindOf({ 'gen_ai.operation.name': 'invoke_workflow' })).toBe('AGENT');
    expect(kindOf({ 'openinference.span.kind': 'CHAIN' })).toBe('OTHER');
    expect(kindOf({ 'openinference.span.kind': 'RETRIEVER' })).toBe('OTHER');
    expect(kindOf({ 'openinference.span.kind': 'EMBEDDING' })).toBe('OTHER');
    expect(kindOf({ 'openinference.span.kind': 'EMBEDDING', 'llm.token_count.prompt': 12 })).toBe('LLM');
    expect(kindOf({ 'openinference.span.kind': 'AGENT', 'tool.name': 'Wikipedia' })).toBe('AGENT');
    expect(kindOf({ 'ai.operationId': 'ai.toolCall', 'ai.toolCall.name': 'getWeather' })).toBe('TOOL');
    expect(kindOf({ 'traceloop.span.kind': 'workflow' })).toBe('AGENT');
    expect(kindOf({ 'traceloop.span.kind': 'tool' })).toBe('TOOL');
    expect(kindOf({ 'gen_ai.tool.name': 'ByeTool' })).toBe('TOOL');
    expect(kindOf({ 'gen_ai.agent.name': 'joke_agent' })).toBe('AGENT');
    expect(kindOf({})).toBe('OTHER');
  });

  it('nested agent spans stay AGENT in the same session and make no spawn', () => {
    const batch = otlpToBatch(
      otlpRequest([
        makeSpan('3000000000000001', { attributes: { 'openinference.span.kind': 'AGENT' } }),
        makeSpan('3000000000000002', { parentSpanId: '3000000000000001', attributes: { 'openinference.span.kind': 'AGENT' } }),
      ]),
    );
    expect(batch.spans.map((s) => s.kind)).toEqual(['AGENT', 'AGENT']);
    expect(new Set(batch.spans.map((s) => s.sessionId)).size).toBe(1);
    expect(batch.spawns).toEqual([]);
  });
});

describe('cost, model, tools, status, times', () => {
  it('takes the reported cost from the known spellings, USD only', () => {
    expect(one({ 'gen_ai.operation.name': 'chat', 'llm.cost.total': 0.25 }).reportedCostUsd).toBe(0.25);
    expect(one({ 'gen_ai.operation.name': 'chat', 'gen_ai.usage.cost': '0.5' }).reportedCostUsd).toBe(0.5);
    expect(one({ 'gen_ai.operation.name': 'chat', 'gen_ai.usage.cost.amount': 0.7, 'gen_ai.usage.cost.currency': 'USD' }).reportedCostUsd).toBe(0.7);
    expect(one({ 'gen_ai.operation.name': 'chat', 'gen_ai.usage.cost.amount': 0.7, 'gen_ai.usage.cost.currency': 'EUR' }).reportedCostUsd).toBeNull();
    expect(one({ 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_cost': 0.001, 'gen_ai.usage.output_cost': 0.002 }).reportedCostUsd).toBeCloseTo(0.003, 12);
    expect(one({ 'gen_ai.operation.name': 'chat' }).reportedCostUsd).toBeNull();
  });

  it('model: response over request over OpenInference; provider: provider.name over system', () => {
    expect(one({ 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-5', 'gen_ai.response.model': 'gpt-5-2025-08-07', 'gen_ai.system': 'openai', 'gen_ai.provider.name': 'azure.ai.openai' })).toMatchObject({
      model: 'gpt-5-2025-08-07',
      provider: 'azure.ai.openai',
    });
    expect(one({ 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', 'llm.provider': 'openai' })).toMatchObject({ model: 'gpt-4o-mini', provider: 'openai' });
    expect(one({ 'openinference.span.kind': 'LLM', 'llm.system': 'openai' }).provider).toBe('openai');
  });

  it('tools: name, call id, JSON arguments parsed, results kept', () => {
    expect(
      one({
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'read_file',
        'gen_ai.tool.call.id': 'call_1',
        'gen_ai.tool.call.arguments': '{"path": "a.txt"}',
        'gen_ai.tool.call.result': 'hello',
      }),
    ).toMatchObject({ kind: 'TOOL', toolName: 'read_file', toolCallId: 'call_1', args: { path: 'a.txt' }, result: 'hello' });
    expect(one({ 'openinference.span.kind': 'TOOL', 'tool.name': 'search', 'tool.id': 't9', 'input.value': 'not json {', 'output.value': '[1,2]' })).toMatchObject({
      toolName: 'search',
      toolCallId: 't9',
      args: 'not json {',
      result: [1, 2],
    });
    // A TOOL span with no tool attribute is named after its span.
    expect(one({ 'openinference.span.kind': 'TOOL' }, { name: 'tool.search.wikipedia' }).toolName).toBe('tool.search.wikipedia');
  });

  it('status ERROR (number or name) with its message, or the exception event message', () => {
    expect(one({}, { status: { code: 2, message: 'boom' } })).toMatchObject({ status: 'error', errorMessage: 'boom' });
    expect(one({}, { status: { code: 'STATUS_CODE_ERROR' } })).toMatchObject({ status: 'error', errorMessage: 'span status ERROR' });
    const withEvent = one({}, { status: { code: 2 }, events: [{ name: 'exception', timeUnixNano: '1', attributes: toKeyValues({ 'exception.message': 'timeout after 30s' }) }] });
    expect(withEvent.errorMessage).toBe('timeout after 30s');
    expect(one({}, { status: { code: 1, message: 'fine' } })).toMatchObject({ status: 'ok', errorMessage: null });
  });

  it('times: nanosecond strings or numbers to ISO, 0 is unknown, a backwards span has no duration', () => {
    expect(one({}, { startTimeUnixNano: '1758026594777382123', endTimeUnixNano: '1758026595108941000' })).toMatchObject({
      startedAt: '2025-09-16T12:43:14.777Z',
      endedAt: '2025-09-16T12:43:15.108Z',
    });
    expect(one({}, { startTimeUnixNano: 1758026594000000000, endTimeUnixNano: '0' })).toMatchObject({ startedAt: '2025-09-16T12:43:14.000Z', endedAt: null, durationMs: null });
    const backwards = one({}, { startTimeUnixNano: '2000', endTimeUnixNano: '1000' });
    expect(backwards.durationMs).toBeNull();
    expect(backwards.attributes?.timeAnomaly).toBe('end before start');
  });
});

describe('parentage', () => {
  it('links parents across resource and scope groups of the same request', () => {
    const request = otlpRequest([makeSpan('4000000000000001')]);
    request.resourceSpans.push(...otlpRequest([makeSpan('4000000000000002', { parentSpanId: '4000000000000001' })], { 'service.name': 'other' }).resourceSpans);
    const batch = otlpToBatch(request);
    expect(batch.spans.find((s) => s.id === id('4000000000000002'))!.parentId).toBe(id('4000000000000001'));
  });

  it('a parent not in this request is still the parent (exporters send children first, in other requests)', () => {
    const span = one({}, { parentSpanId: 'aaaaaaaaaaaaaaaa' });
    expect(span.parentId).toBe(id('aaaaaaaaaaaaaaaa'));
  });

  it('parent cycles are cut so the call tree is a forest', () => {
    const batch = otlpToBatch(
      otlpRequest([
        makeSpan('5000000000000001', { parentSpanId: '5000000000000002' }),
        makeSpan('5000000000000002', { parentSpanId: '5000000000000001' }),
        makeSpan('5000000000000003', { parentSpanId: '5000000000000003' }),
      ]),
    );
    expect(batch.spans.filter((s) => s.parentId === null)).toHaveLength(2);
    expect(batch.spans.filter((s) => s.attributes?.parentCycle)).toHaveLength(2);
  });

  it('accepts base64 ids (protobuf JSON mapping) in a JSON body', () => {
    const span = one({}, { traceId: Buffer.from(TRACE_A, 'hex').toString('base64'), spanId: Buffer.from('00f067aa0ba902b7', 'hex').toString('base64') });
    expect(span.id).toBe(id('00f067aa0ba902b7'));
  });
});

describe('sessions', () => {
  it('one session per trace, from the shallowest span naming a conversation', () => {
    const batch = otlpToBatch(
      otlpRequest([
        makeSpan('6000000000000001', { attributes: { 'gen_ai.operation.name': 'create_agent', 'gen_ai.agent.name': 'planner', 'gen_ai.agent.id': 'ag-1' } }),
        makeSpan('6000000000000002', { parentSpanId: '6000000000000001', attributes: { 'gen_ai.conversation.id': 'conv-42' } }),
        makeSpan('6000000000000003', { parentSpanId: '6000000000000002', attributes: { 'session.id': 'other' } }),
      ]),
    );
    expect(batch.sessions).toHaveLength(1);
    expect(batch.sessions[0]).toMatchObject({ id: 'otel:conv-42', externalId: 'conv-42', agentName: 'planner', agentId: 'ag-1', source: 'otlp' });
    expect(new Set(batch.spans.map((s) => s.sessionId))).toEqual(new Set(['otel:conv-42']));
  });

  it('traces naming the same conversation share a session; unnamed traces are their own', () => {
    const batch = otlpToBatch(
      otlpRequest([
        makeSpan('7000000000000001', { traceId: TRACE_A, attributes: { 'gen_ai.conversation.id': 'chat-1' } }),
        makeSpan('7000000000000002', { traceId: TRACE_B, attributes: { 'gen_ai.conversation.id': 'chat-1' }, startTimeUnixNano: '1758026600000000000' }),
        makeSpan('7000000000000003', { traceId: 'ffffffffffffffffffffffffffffffff' }),
      ]),
    );
    expect(batch.sessions.map((s) => s.id).sort()).toEqual(['otel:chat-1', 'otel:ffffffffffffffffffffffffffffffff']);
    const chat = batch.spans.filter((s) => s.sessionId === 'otel:chat-1');
    expect(chat).toHaveLength(2);
    // No order is numbered per request: the finaliser numbers the whole session (ingest/relink-next).
    expect(chat.map((s) => s.seq)).toEqual([0, 0]);
  });

  it('session.id and service.name from the resource; unknown_service is not a name', () => {
    const named = otlpToBatch(otlpRequest([makeSpan('8000000000000001')], { 'session.id': 's-1', 'service.name': 'billing-agent' }));
    expect(named.sessions[0]).toMatchObject({ id: 'otel:s-1', agentName: 'billing-agent' });
    const unnamed = otlpToBatch(otlpRequest([makeSpan('8000000000000001')], { 'service.name': 'unknown_service:node' }));
    expect(unnamed.sessions[0]!.agentName).toBeNull();
  });

  it('a failed root span makes a failed session', () => {
    expect(otlpToBatch(otlpRequest([makeSpan('9000000000000001', { status: { code: 2 } })])).sessions[0]!.status).toBe('failed');
  });
});

describe('rejections', () => {
  it('bad spans are rejected with their id and field; the rest converts and is counted', () => {
    const result = convertOtlpRequest(
      otlpRequest([
        makeSpan('a000000000000001', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 10 } }),
        makeSpan('a000000000000002', { traceId: 'xyz' }),
        makeSpan('a000000000000003', { attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': -4 } }),
        makeSpan('a000000000000004', { startTimeUnixNano: 'yesterday', attributes: { 'gen_ai.usage.output_tokens': '99999999999999999999' } }),
        makeSpan('', {}),
        makeSpan('a000000000000001', {}),
        makeSpan('a000000000000005', { parentSpanId: 'a000000000000003' }),
      ]),
    );
    expect(result.acceptedSpans).toBe(2);
    expect(result.rejectedSpans).toBe(5);
    expect(result.batch.spans.map((s) => s.id)).toEqual([id('a000000000000001'), id('a000000000000005')]);
    const locations = result.batch.rejections.map((r) => r.location);
    expect(locations).toEqual([
      'otlp span a000000000000002 field traceId',
      'otlp span a000000000000003 field gen_ai.usage.input_tokens',
      'otlp span a000000000000004 field startTimeUnixNano',
      'otlp span a000000000000004 field gen_ai.usage.output_tokens',
      'otlp span resourceSpans[0].scopeSpans[0].spans[4] field spanId',
      'otlp span a000000000000001 field spanId',
    ]);
    for (const r of result.batch.rejections) expect(r.reason.length).toBeGreaterThan(5);
    // The child of a rejected span keeps its parent link, so it is linked if the parent is resent.
    expect(result.batch.spans[1]!.parentId).toBe(id('a000000000000003'));
  });

  it('malformed attribute entries and values are located', () => {
    const span: SpanLike = { ...makeSpan('b000000000000001'), attributes: [{ key: 'ok', value: { stringValue: 'x' } }, { value: { stringValue: 'no key' } } as never, { key: 'n', value: { intValue: '1.5' } }] };
    const batch = otlpToBatch(otlpRequest([span]));
    expect(batch.rejections.map((r) => r.location)).toEqual(['otlp span b000000000000001 field attributes[1]', 'otlp span b000000000000001 field attributes.n']);
  });

  it('non-objects at every level are reported, not thrown', () => {
    const batch = otlpToBatch({ resourceSpans: [null, { scopeSpans: [7, { spans: ['x', null] }] }] } as never);
    expect(batch.rejections.map((r) => r.location)).toEqual([
      'otlp resourceSpans[0]',
      'otlp resourceSpans[1].scopeSpans[0]',
      'otlp span resourceSpans[1].scopeSpans[1].spans[0] field (span)',
      'otlp span resourceSpans[1].scopeSpans[1].spans[1] field (span)',
    ]);
  });
});
