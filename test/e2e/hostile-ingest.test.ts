// The hostile-value corpus (test/helpers/hostile.ts) through every ingest door: /v1/traces as OTLP
// JSON and protobuf, /v1/events (and later requests of the same traces), and the import CLI.
// For every value: no 500, every rejection located, the valid record sent beside it stored, the
// server alive (/healthz between rounds), and no absurd cost in any span or rollup (issue 13).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import { MAX_PLAUSIBLE_SPAN_COST_USD } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { encodeOtlpProtobuf } from '../../src/sources/otlp/encode-protobuf.ts';
import type { ExportTraceServiceRequestLike } from '../../src/sources/otlp/types.ts';
import { PROJECT_ROOT } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import {
  deepArray,
  expectAlive,
  expectLocated,
  HOSTILE_NUMBERS,
  HOSTILE_ROUNDS,
  HOSTILE_STRINGS,
  storedSpans,
  withInvalidUtf8,
} from '../helpers/hostile.ts';
import { startTestServer } from '../helpers/server.ts';

let graph: Graph;
let server: RunningServer;
const projectId = randomProjectId('hostile-ingest');

beforeAll(async () => {
  graph = await connectTestGraph();
  server = await startTestServer(graph, projectId);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
type AnyValue = Record<string, unknown>;
type KeyValue = { key: string; value: AnyValue };
const str = (value: string): AnyValue => ({ stringValue: value });
const T0 = 1_780_000_000_000_000_000n;

function otlpSpan(traceId: string, attributes: KeyValue[], extra: Record<string, unknown> = {}) {
  return {
    traceId,
    spanId: hex(8),
    name: 'chat',
    startTimeUnixNano: String(T0),
    endTimeUnixNano: String(T0 + 1_000_000n),
    attributes,
    ...extra,
  };
}

/** A valid LLM call (priced: gpt-4o, 100 + 10 tokens) in a trace of its own. */
function validOtlpSpan() {
  const span = otlpSpan(hex(16), [
    { key: 'gen_ai.operation.name', value: str('chat') },
    { key: 'gen_ai.request.model', value: str('gpt-4o') },
    { key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } },
    { key: 'gen_ai.usage.output_tokens', value: { intValue: '10' } },
  ]);
  return { span, id: `otel:${span.traceId}:${span.spanId}` };
}

/** Attributes whose string value lands in a stored, often indexed, field. */
const STRING_ATTRIBUTES = [
  'gen_ai.request.model',
  'gen_ai.system',
  'gen_ai.tool.name',
  'gen_ai.conversation.id',
  'gen_ai.agent.id',
  'gen_ai.agent.name',
  'gen_ai.tool.call.id',
  'gen_ai.tool.call.arguments',
  'gen_ai.response.finish_reasons',
];

/** One span per place a hostile string can sit, each in its own trace. */
function hostileStringSpans(value: string) {
  const llm = (attrs: KeyValue[]) => [
    { key: 'gen_ai.operation.name', value: str('chat') },
    { key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } },
    { key: 'gen_ai.usage.output_tokens', value: { intValue: '10' } },
    ...attrs,
  ];
  // A 1 MB value goes into fields that reach indexes only (model, conversation id, tool name): the
  // others take the same code path, and 1-4 MB in each would make this the slowest test.
  if (value.length >= 100_000) {
    return [
      ...['gen_ai.request.model', 'gen_ai.conversation.id'].map((key) => otlpSpan(hex(16), llm([{ key, value: str(value) }]))),
      otlpSpan(hex(16), [{ key: 'gen_ai.operation.name', value: str('execute_tool') }, { key: 'gen_ai.tool.name', value: str(value) }]),
    ];
  }
  const keys = STRING_ATTRIBUTES;
  return [
    ...keys.map((key) => otlpSpan(hex(16), llm([{ key: 'gen_ai.request.model', value: str('gpt-4o') }, { key, value: str(value) }]))),
    // A tool span named by the value.
    otlpSpan(hex(16), [{ key: 'gen_ai.operation.name', value: str('execute_tool') }, { key: 'gen_ai.tool.name', value: str(value) }]),
    // The span name, an attribute key, a kvlist key, and the status message.
    otlpSpan(hex(16), llm([]), { name: value, status: { code: 2, message: value } }),
    otlpSpan(hex(16), llm([{ key: value, value: str(value) }, { key: 'x.map', value: { kvlistValue: { values: [{ key: value, value: str(value) }] } } }])),
  ];
}

function otlpRequest(spans: unknown[], resourceAttributes: KeyValue[] = []): ExportTraceServiceRequestLike {
  return { resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ scope: { name: 'hostile' }, spans }] }] } as ExportTraceServiceRequestLike;
}

interface Answer {
  status: number;
  rejections: Array<{ location: string; reason: string }>;
  text: string;
}

/** OTLP partial success's error message: one `location: reason` per line (at most 20, then "… and N more"). */
function otlpRejections(text: string): Answer['rejections'] {
  let message = '';
  try {
    message = (JSON.parse(text) as { partialSuccess?: { errorMessage?: string } }).partialSuccess?.errorMessage ?? '';
  } catch {
    return [];
  }
  return message
    .split('\n')
    .filter((line) => line && !line.startsWith('… and'))
    .map((line) => ({ location: line.slice(0, line.indexOf(': ')), reason: line.slice(line.indexOf(': ') + 2) }));
}

async function post(pathname: string, body: Buffer | string, contentType: string): Promise<Answer> {
  const res = await fetch(`${server.url}${pathname}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const text = await res.text();
  return { status: res.status, rejections: [], text };
}

async function postOtlpJson(body: Buffer | string): Promise<Answer> {
  const answer = await post('/v1/traces', body, 'application/json');
  return { ...answer, rejections: otlpRejections(answer.text) };
}

/** Ingest answers: 200 (with located rejections) or a located 4xx, never a 5xx. */
function expectHandled(answer: Answer, context: string): void {
  expect(answer.status, `${context}: ${answer.text.slice(0, 500)}`).toBeLessThan(500);
  expectLocated(answer.rejections, context);
}

const sentIds: string[] = [];

async function expectStored(ids: string[], context: string): Promise<void> {
  sentIds.push(...ids);
  const stored = await storedSpans(graph, projectId, ids);
  expect(stored.found.sort(), context).toEqual([...ids].sort());
}

describe('OTLP /v1/traces', () => {
  it('every hostile string in every field, as JSON and as protobuf', async () => {
    for (const { label, values } of HOSTILE_ROUNDS) {
      const jsonValid = validOtlpSpan();
      const hostile = values.flatMap(hostileStringSpans);
      const json = await postOtlpJson(JSON.stringify(otlpRequest([jsonValid.span, ...hostile], [{ key: 'service.name', value: str(values[0]!) }])));
      expectHandled(json, `OTLP JSON, ${label}`);
      expect(json.status, label).toBe(200);

      const protoValid = validOtlpSpan();
      const proto = await post('/v1/traces', encodeOtlpProtobuf(otlpRequest([protoValid.span, ...values.flatMap(hostileStringSpans)])), 'application/x-protobuf');
      expectHandled(proto, `OTLP protobuf, ${label}`);
      expect(proto.status, label).toBe(200);

      await expectStored([jsonValid.id, protoValid.id], label);
      await expectAlive(server.url);
    }
  });

  it('every hostile number as a cost and as a token count, as JSON and as protobuf; 1e300 is stored unpriced', async () => {
    // proto3 JSON spells non-finite doubles as strings; protobuf carries them as they are.
    const numberSpans = (n: number, json: boolean) => {
      const double = json && !Number.isFinite(n) ? String(n) : n;
      return [
        ...['llm.cost.total', 'gen_ai.usage.cost', 'operation.cost'].map((key) =>
          otlpSpan(hex(16), [
            { key: 'gen_ai.operation.name', value: str('chat') },
            { key: 'gen_ai.request.model', value: str('gpt-4o') },
            { key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } },
            { key: 'gen_ai.usage.output_tokens', value: { intValue: '10' } },
            { key, value: { doubleValue: double } },
          ]),
        ),
        otlpSpan(hex(16), [
          { key: 'gen_ai.operation.name', value: str('chat') },
          { key: 'gen_ai.request.model', value: str('gpt-4o') },
          { key: 'gen_ai.usage.input_tokens', value: { doubleValue: double } },
          { key: 'gen_ai.usage.output_tokens', value: { intValue: '10' } },
        ]),
      ];
    };
    for (const json of [true, false]) {
      const door = json ? 'OTLP JSON' : 'OTLP protobuf';
      const valid = validOtlpSpan();
      const absurd = numberSpans(1e300, json)[0]!;
      const request = otlpRequest([valid.span, ...HOSTILE_NUMBERS.flatMap((n) => numberSpans(n, json))]);
      const answer = json ? await postOtlpJson(JSON.stringify(request)) : await post('/v1/traces', encodeOtlpProtobuf(request), 'application/x-protobuf');
      expectHandled(answer, door);
      expect(answer.status, door).toBe(200);
      if (json) {
        const absurdRequest = await postOtlpJson(JSON.stringify(otlpRequest([absurd])));
        expect(absurdRequest.rejections).toEqual([
          { location: `span otel:${absurd.traceId}:${absurd.spanId} field reportedCostUsd`, reason: expect.stringMatching(/beyond the plausibility bound of 10000 USD per span; the span is stored unpriced/) },
        ]);
      }
      await expectStored([valid.id], door);
      await expectAlive(server.url);
    }
  });

  it('deeply nested attribute values and invalid UTF-8', async () => {
    const nestedKv = (levels: number): AnyValue => {
      let value: AnyValue = str('bottom');
      for (let i = 0; i < levels; i++) value = { kvlistValue: { values: [{ key: 'k', value }] } };
      return value;
    };
    const nestedArray = (levels: number): AnyValue => {
      let value: AnyValue = str('bottom');
      for (let i = 0; i < levels; i++) value = { arrayValue: { values: [value] } };
      return value;
    };
    // Past the adapter's 16 levels; protobuf bodies stay under protobuf's own limit of 100 messages.
    const deep = (valid: { span: unknown }, levels: number) =>
      otlpRequest([
        valid.span,
        otlpSpan(hex(16), [{ key: 'deep.kv', value: nestedKv(levels) }]),
        otlpSpan(hex(16), [{ key: 'deep.array', value: nestedArray(levels) }]),
        otlpSpan(hex(16), [
          { key: 'gen_ai.operation.name', value: str('execute_tool') },
          { key: 'gen_ai.tool.name', value: str('read') },
          { key: 'gen_ai.tool.call.arguments', value: str(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) },
        ]),
      ]);
    const jsonValid = validOtlpSpan();
    expectHandled(await postOtlpJson(JSON.stringify(deep(jsonValid, 300))), 'OTLP JSON, deep');
    const protoValid = validOtlpSpan();
    expectHandled(await post('/v1/traces', encodeOtlpProtobuf(deep(protoValid, 25)), 'application/x-protobuf'), 'OTLP protobuf, deep');

    // Raw invalid UTF-8 inside string values, in JSON and in protobuf string fields.
    const utf8Valid = validOtlpSpan();
    const marked = otlpRequest([utf8Valid.span, ...hostileStringSpans('BAD1BAD')]);
    expectHandled(await postOtlpJson(withInvalidUtf8(JSON.stringify(marked), 'BAD1BAD')), 'OTLP JSON, invalid UTF-8');
    const protoUtf8Valid = validOtlpSpan();
    const protoMarked = encodeOtlpProtobuf(otlpRequest([protoUtf8Valid.span, ...hostileStringSpans('BAD1BAD')]));
    // Same length replacements keep the protobuf length prefixes right.
    const corrupted = Buffer.from(protoMarked);
    for (let at = corrupted.indexOf('BAD1BAD'); at >= 0; at = corrupted.indexOf('BAD1BAD', at + 1)) corrupted.set([0x41, 0xff, 0xfe, 0xc0, 0xaf, 0xe2, 0x82], at);
    expectHandled(await post('/v1/traces', corrupted, 'application/x-protobuf'), 'OTLP protobuf, invalid UTF-8');
    await expectStored([jsonValid.id, protoValid.id, utf8Valid.id, protoUtf8Valid.id], 'deep and invalid UTF-8');
    await expectAlive(server.url);
  });
});

describe('long ids and names', () => {
  it('a 9,000-character conversation id, model, tool and agent: stored bounded, found by the full value', async () => {
    const long = (c: string) => `${c}${'x'.repeat(9_000)}`;
    const [conversation, model, tool, agent] = [long('conversation-'), long('model-'), long('tool-'), long('agent-')];
    const traceId = hex(16);
    const llm = otlpSpan(traceId, [
      { key: 'gen_ai.operation.name', value: str('chat') },
      { key: 'gen_ai.conversation.id', value: str(conversation) },
      { key: 'gen_ai.agent.id', value: str(agent) },
      { key: 'gen_ai.request.model', value: str(model) },
      { key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } },
      { key: 'gen_ai.usage.output_tokens', value: { intValue: '10' } },
    ]);
    const toolSpan = otlpSpan(traceId, [{ key: 'gen_ai.operation.name', value: str('execute_tool') }, { key: 'gen_ai.tool.name', value: str(tool) }], { parentSpanId: llm.spanId });
    const answer = await postOtlpJson(JSON.stringify(otlpRequest([llm, toolSpan])));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.rejections).toEqual([]);
    const query = `query($id: ID!, $agent: String, $tool: String, $model: String) {
      session(id: $id) { id externalId agentId spans(first: 5) { totalCount } }
      sessions(where: { agentId: $agent }) { totalCount }
      failures(where: { toolName: $tool, model: $model }) { totalCount }
    }`;
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { id: `otel:${conversation}`, agent, tool, model } }),
    });
    const body = (await res.json()) as { data: { session: { id: string; externalId: string; agentId: string; spans: { totalCount: number } }; sessions: { totalCount: number } } };
    expect(body.data.session.spans.totalCount).toBe(2);
    expect(body.data.session.id).toMatch(/^otel:conversation-x+…#[0-9a-f]{32}$/);
    expect(body.data.session.id.length).toBe(512);
    expect(body.data.session.externalId).toBe(conversation); // not indexed: kept whole
    expect(body.data.sessions.totalCount).toBe(1);
    await expectAlive(server.url);
  });
});

// ---- plugin events ----

let seq = 0;
function envelope(traceId: string, eventType: string, spanId: string | null, payload: unknown, overrides: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  seq += 1;
  return {
    schemaVersion: 1,
    agentId: 'hostile-agent',
    ...top,
    event: { eventId: `ev-${seq}-${hex(4)}`, eventType, traceId, spanId, parentSpanId: null, tsMs: 1_780_000_000_000 + seq, payload, ...overrides },
  };
}

/** A valid session with one priced LLM call; its LLM span id. */
function validEvents() {
  const traceId = `valid-${hex(6)}`;
  return {
    events: [
      envelope(traceId, 'session_start', null, { task: 'a valid task' }),
      envelope(traceId, 'llm_before_call', 'call-1', { model: 'gpt-4o', provider: 'openai' }),
      envelope(traceId, 'llm_after_call', 'call-1', { model: 'gpt-4o', provider: 'openai', usage: { input: 100, output: 10 } }),
    ],
    spanId: `events:${traceId}:call-1`,
  };
}

const PAYLOAD_STRING_FIELDS = ['model', 'provider', 'toolName', 'toolCallId', 'task', 'label', 'agentName', 'status', 'error', 'childTraceId', 'childSessionId'];

/** Hostile events: the value in every payload field, every envelope field, as a payload key and deep in args. */
function hostileStringEvents(value: string) {
  const events: unknown[] = [];
  const traces: string[] = [];
  const trace = () => {
    const id = `hostile-${hex(6)}`;
    traces.push(id);
    return id;
  };
  // A 1 MB value goes into the fields that reach indexes only: the others take the same code path,
  // and 50 events of 1-3 MB each would make this the slowest test of the suite.
  if (value.length >= 100_000) {
    for (const field of ['model', 'toolName', 'childTraceId']) events.push(envelope(trace(), 'llm_after_call', 'c', { usage: { input: 5, output: 5 }, [field]: value }));
    events.push(envelope(trace(), 'tool_before_call', 'x', { toolName: 'read' }, { traceId: value }));
    events.push(envelope(trace(), 'tool_before_call', 'x', { toolName: 'read' }, { eventId: value }));
    return { events, traces };
  }
  for (const field of PAYLOAD_STRING_FIELDS) {
    const t = trace();
    events.push(envelope(t, 'llm_before_call', 'c', { model: 'gpt-4o', [field]: value }));
    events.push(envelope(t, 'llm_after_call', 'c', { model: 'gpt-4o', usage: { input: 5, output: 5 }, [field]: value }));
    events.push(envelope(t, 'subagent_spawn', 's', { toolName: 'sessions_spawn', [field]: value }));
    events.push(envelope(t, 'tool_before_call', 't', { toolName: field === 'toolName' ? value : 'exec', args: { command: value, [value]: value } }));
  }
  for (const field of ['eventId', 'traceId', 'spanId', 'parentSpanId', 'eventType']) {
    events.push(envelope(trace(), 'tool_before_call', 'x', { toolName: 'read' }, { [field]: value }));
  }
  events.push(envelope(trace(), 'session_start', null, { agentName: 'a' }, {}, { agentId: value, schemaVersion: value }));
  events.push(envelope(trace(), 'tool_after_call', 'y', { [value]: value, result: value, usage: { [value]: 1 } }));
  return { events, traces };
}

interface EventsAnswer {
  status: number;
  text: string;
  rejections: Array<{ location: string; reason: string }>;
}

async function postEvents(body: Buffer | string, contentType = 'application/x-ndjson'): Promise<EventsAnswer> {
  const answer = await post('/v1/events', body, contentType);
  let rejections: EventsAnswer['rejections'] = [];
  try {
    rejections = (JSON.parse(answer.text) as { rejections?: EventsAnswer['rejections'] }).rejections ?? [];
  } catch {
    // Not JSON: expectHandled reports the status.
  }
  return { status: answer.status, text: answer.text, rejections };
}

const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n');

describe('plugin events /v1/events', () => {
  it('every hostile string in every field; later requests of the same traces still succeed', async () => {
    for (const { label, values } of HOSTILE_ROUNDS) {
      const valid = validEvents();
      const parts = values.map(hostileStringEvents);
      const hostile = { events: parts.flatMap((p) => p.events), traces: parts.flatMap((p) => p.traces) };
      const size = Math.max(...values.map((v) => v.length));
      // Requests of at most ~8 MB: 44 events each carrying a 1 MB value would pass the 32 MB body limit.
      const perRequest = Math.max(1, Math.floor(8_000_000 / (size + 200)));
      for (let i = 0; i < hostile.events.length; i += perRequest) {
        const chunk = hostile.events.slice(i, i + perRequest);
        const first = await postEvents(ndjson(i === 0 ? [...valid.events, ...chunk] : chunk));
        expectHandled(first, `events, ${label}`);
        expect(first.status, label).toBe(200);
      }
      // A later request for every hostile trace (and the valid one) re-assembles what was stored.
      const laterValid = validEvents();
      const later = await postEvents(ndjson([...laterValid.events, ...hostile.traces.map((t) => envelope(t, 'session_end', null, { status: 'completed' }))]));
      expectHandled(later, `events (later request), ${label}`);
      expect(later.status, label).toBe(200);
      await expectStored([valid.spanId, laterValid.spanId], label);
      await expectAlive(server.url);
    }
  });

  it('every hostile number as cost, token count and timestamp; 1e300 is stored unpriced; later requests still succeed', async () => {
    const valid = validEvents();
    const traces: string[] = [];
    const events: unknown[] = [...valid.events];
    const raw: string[] = [];
    let absurdTrace = '';
    for (const n of HOSTILE_NUMBERS) {
      const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
        [{ model: 'gpt-4o', usage: { input: 10, output: 10 }, costUsd: n }, {}],
        [{ model: 'gpt-4o', usage: { input: n, output: 10, cacheRead: n } }, {}],
        [{ model: 'gpt-4o', usage: { input: 10, output: 10 } }, { tsMs: n }],
      ];
      cases.forEach(([payload, overrides], i) => {
        const t = `numbers-${hex(6)}`;
        if (n === 1e300 && i === 0) absurdTrace = t;
        traces.push(t);
        events.push(envelope(t, 'llm_before_call', 'c', { model: 'gpt-4o' }));
        events.push(envelope(t, 'llm_after_call', 'c', payload, overrides));
      });
      // NaN and Infinity have no JSON spelling: JSON.stringify sends null, so the raw literals are sent too.
      raw.push(`{"schemaVersion":1,"event":{"eventId":"raw-${hex(4)}","eventType":"llm_after_call","traceId":"raw-${hex(4)}","spanId":"c","tsMs":${String(n)},"payload":{"costUsd":${String(n)}}}}`);
    }
    const first = await postEvents(`${ndjson(events)}\n${raw.join('\n')}`);
    expectHandled(first, 'events, numbers');
    expect(first.status).toBe(200);
    expect(first.rejections).toContainEqual({
      location: `span events:${absurdTrace}:c field reportedCostUsd`,
      reason: expect.stringMatching(/beyond the plausibility bound of 10000 USD per span; the span is stored unpriced/),
    });
    const later = await postEvents(ndjson(traces.map((t) => envelope(t, 'session_end', null, {}))));
    expectHandled(later, 'events (later), numbers');
    expect(later.status).toBe(200);
    await expectStored([valid.spanId, `events:${absurdTrace}:c`], 'numbers');
    await expectAlive(server.url);
  });

  it('deeply nested payloads, invalid UTF-8, and a body that is one JSON array', async () => {
    const valid = validEvents();
    const t = `deep-${hex(6)}`;
    const deep = [
      envelope(t, 'tool_before_call', 'd1', { toolName: 'exec', args: deepArray(100_000) }),
      envelope(t, 'tool_after_call', 'd1', { toolName: 'exec', result: deepArray(1_000) }),
      envelope(t, 'llm_after_call', 'd2', { model: 'gpt-4o', usage: { input: 1, output: 1 }, extra: deepArray(50) }),
    ];
    // JSON.stringify itself would overflow on 100,000 levels: written by hand.
    const deepText = `{"schemaVersion":1,"event":{"eventId":"deep-raw-${hex(4)}","eventType":"tool_before_call","traceId":"${t}","spanId":"d3","tsMs":1,"payload":{"args":${'['.repeat(200_000)}${']'.repeat(200_000)}}}}`;
    const lines = deep.map((e, i) => (i === 0 ? deepText : JSON.stringify(e)));
    const first = await postEvents([ndjson(valid.events), ...lines].join('\n'));
    expectHandled(first, 'events, deep');
    expect(first.status).toBe(200);
    const later = await postEvents(ndjson([envelope(t, 'session_end', null, {})]));
    expectHandled(later, 'events (later), deep');
    expect(later.status).toBe(200);

    const utf8Valid = validEvents();
    const marked = hostileStringEvents('BAD1BAD');
    const utf8 = await postEvents(withInvalidUtf8(ndjson([...utf8Valid.events, ...marked.events]), 'BAD1BAD'));
    expectHandled(utf8, 'events, invalid UTF-8');
    const arrayValid = validEvents();
    const asArray = await postEvents(JSON.stringify([...arrayValid.events, ...hostileStringEvents('constructor').events]), 'application/json');
    expectHandled(asArray, 'events, JSON array');
    await expectStored([valid.spanId, utf8Valid.spanId, arrayValid.spanId], 'deep and invalid UTF-8');
    await expectAlive(server.url);
  });
});

// ---- import CLI ----

const TSX = path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function cli(...args: string[]) {
  const { uri, user, password } = inject('neo4j');
  const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: uri, ...(user ? { NEO4J_USER: user } : {}), ...(password ? { NEO4J_PASSWORD: password } : {}) };
  const result = spawnSync(process.execPath, [TSX, 'src/cli/main.ts', ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An OpenClaw transcript whose model, provider, tool name, cwd and arguments are the value, after one valid call. */
function openclawLines(sessionId: string, value: string): string[] {
  const lines = [JSON.stringify({ type: 'session', version: 3, id: sessionId, timestamp: '2026-03-01T10:00:00.000Z', cwd: value })];
  let parent: string | null = null;
  let t = Date.parse('2026-03-01T10:00:01.000Z');
  const push = (id: string, message: unknown) => {
    lines.push(JSON.stringify({ type: 'message', id, parentId: parent, timestamp: new Date((t += 1000)).toISOString(), message }));
    parent = id;
  };
  const usage = (total: number) => ({ input: 100, output: 10, cacheRead: 0, cacheWrite: 0, totalTokens: 110, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total } });
  push('u0', { role: 'user', content: [{ type: 'text', text: value }] });
  push('a0', { role: 'assistant', content: [{ type: 'text', text: 'ok' }], provider: 'openai', model: 'gpt-4o', usage: usage(0.001), stopReason: 'stop' });
  push('a1', { role: 'assistant', content: [{ type: 'toolCall', id: value, name: value, arguments: { [value]: value, path: value } }], provider: value, model: value, usage: usage(1e300), stopReason: 'toolUse' });
  push('r1', { role: 'toolResult', toolCallId: value, toolName: value, content: [{ type: 'text', text: value }], isError: false });
  return lines;
}

describe('import CLI', () => {
  it('imports files full of hostile values: a summary with located rejections, the valid rest stored', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-hostile-'));
    const cliProject = randomProjectId('hostile-cli');
    try {
      const valid = validEvents();
      const events: unknown[] = [...valid.events];
      const otlpSpans: unknown[] = [];
      const otlpValid = validOtlpSpan();
      otlpSpans.push(otlpValid.span);
      // 1 MB values stay out: the whole corpus × every field would make a 100 MB fixture.
      const values = HOSTILE_STRINGS.filter((s) => s.value.length < 200_000);
      values.forEach(({ value }, i) => {
        fs.writeFileSync(path.join(dir, `hostile-${i}.jsonl`), openclawLines(`hostile-${i}`, value).join('\n'));
        events.push(...hostileStringEvents(value).events);
        otlpSpans.push(...hostileStringSpans(value));
      });
      fs.mkdirSync(path.join(dir, 'events'));
      fs.writeFileSync(path.join(dir, 'events', 'plugin.ndjson'), ndjson(events));
      fs.mkdirSync(path.join(dir, 'otlp'));
      fs.writeFileSync(path.join(dir, 'otlp', 'traces.json'), JSON.stringify(otlpRequest(otlpSpans)));

      const run = cli('import', dir, '--project', cliProject, '--json');
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(run.status, run.stderr.slice(0, 2000)).toBe(1); // rejections make it non-zero, and it finished
      const report = JSON.parse(run.stdout) as { sessions: number; rejections: Array<{ location: string; reason: string }> };
      expectLocated(report.rejections, 'import');
      expect(report.sessions).toBeGreaterThan(values.length);

      const stored = await storedSpans(graph, cliProject, [valid.spanId, otlpValid.id]);
      expect(stored.found.sort()).toEqual([valid.spanId, otlpValid.id].sort());
      expect(stored.maxCostUsd ?? 0).toBeLessThanOrEqual(MAX_PLAUSIBLE_SPAN_COST_USD);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('after every round', () => {
  it('no span and no rollup shows an absurd cost', async () => {
    const stored = await storedSpans(graph, projectId, sentIds);
    expect(stored.found.length).toBe(new Set(sentIds).size);
    expect(stored.maxCostUsd ?? 0).toBeLessThanOrEqual(MAX_PLAUSIBLE_SPAN_COST_USD);
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ costRollup(groupBy: [DAY]) { key1 costUsd } sessions(first: 100, orderBy: { field: TOTAL_COST_USD, direction: DESC }) { nodes { totalCostUsd } } }' }),
    });
    const body = (await res.json()) as { data: { costRollup: Array<{ costUsd: number }>; sessions: { nodes: Array<{ totalCostUsd: number }> } } };
    expect(body.data.costRollup.length).toBeGreaterThan(0);
    for (const row of body.data.costRollup) expect(row.costUsd).toBeLessThan(MAX_PLAUSIBLE_SPAN_COST_USD);
    for (const s of body.data.sessions.nodes) expect(s.totalCostUsd).toBeLessThan(MAX_PLAUSIBLE_SPAN_COST_USD);
  });
});
