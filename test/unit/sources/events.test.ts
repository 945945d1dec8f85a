// ClawTrace plugin events: body parsing (single, array, NDJSON), pairing into spans, sessions and
// spawns, de-duplication, partial data, and located rejections.
import { describe, expect, it } from 'vitest';
import { SessionRecordSchema, SpanRecordSchema, SpawnRecordSchema, type NormalisedBatch } from '../../../src/domain/model.ts';
import { eventsToBatch, parseEventsBody, type EventType } from '../../../src/sources/events/index.ts';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
let counter = 0;

interface EventOptions {
  traceId?: string;
  spanId?: string | null;
  parentSpanId?: string | null;
  at?: number;
  payload?: Record<string, unknown>;
  eventId?: string;
}

function envelope(eventType: EventType, options: EventOptions = {}) {
  counter += 1;
  return {
    schemaVersion: 1,
    agentId: 'main',
    event: {
      eventId: options.eventId ?? `ev-${counter}`,
      eventType,
      traceId: options.traceId ?? 'trace-1',
      spanId: options.spanId === undefined ? `s-${counter}` : options.spanId,
      parentSpanId: options.parentSpanId ?? null,
      tsMs: T0 + (options.at ?? counter) * 1000,
      payload: options.payload ?? {},
    },
  };
}

/** A complete session: start, one model call, one tool call, end. */
function fullSession(traceId = 'trace-1') {
  return [
    envelope('session_start', { traceId, spanId: 'root', at: 0, payload: { task: 'fix the build', agentName: 'Main agent' } }),
    envelope('llm_before_call', { traceId, spanId: 'llm-1', parentSpanId: 'root', at: 1, payload: { model: 'claude-sonnet-4-5', provider: 'anthropic', args: { messages: 2 } } }),
    envelope('llm_after_call', {
      traceId,
      spanId: 'llm-1',
      parentSpanId: 'root',
      at: 4,
      payload: { model: 'claude-sonnet-4-5', usage: { input: 120, output: 30, cacheRead: 1000, cacheWrite: 50 }, costUsd: 0.0123, result: 'ok', extra: 'ignored' },
    }),
    envelope('tool_before_call', { traceId, spanId: 'tool-1', parentSpanId: 'root', at: 5, payload: { toolName: 'exec', toolCallId: 'tc1', args: { command: 'npm test' } } }),
    envelope('tool_after_call', { traceId, spanId: 'tool-1', parentSpanId: 'root', at: 7, payload: { toolName: 'exec', result: 'passed' } }),
    envelope('session_end', { traceId, spanId: 'root', at: 9 }),
  ];
}

function checkValid(batch: NormalisedBatch): void {
  for (const s of batch.sessions) expect(SessionRecordSchema.safeParse(s).success).toBe(true);
  for (const s of batch.spans) expect(SpanRecordSchema.safeParse(s).success, JSON.stringify(s)).toBe(true);
  for (const s of batch.spawns) expect(SpawnRecordSchema.safeParse(s).success).toBe(true);
}

describe('parseEventsBody', () => {
  it('accepts a single envelope, pretty-printed or not', () => {
    const one = envelope('session_start');
    expect(parseEventsBody(JSON.stringify(one)).events).toHaveLength(1);
    const pretty = parseEventsBody(JSON.stringify(one, null, 2));
    expect(pretty).toEqual({ events: [one], rejections: [] });
  });

  it('accepts a JSON array', () => {
    const events = fullSession();
    expect(parseEventsBody(JSON.stringify(events))).toEqual({ events, rejections: [] });
  });

  it('accepts NDJSON, with CRLF and blank lines', () => {
    const events = fullSession();
    const body = `${events.map((e) => JSON.stringify(e)).join('\r\n')}\n\n`;
    expect(parseEventsBody(body)).toEqual({ events, rejections: [] });
  });

  it('rejects bad NDJSON lines with their line number and keeps the good ones', () => {
    const good = envelope('session_start');
    const badType = envelope('session_start', { eventId: 'ev-bad-type' });
    (badType.event as Record<string, unknown>).eventType = 'llm_call';
    const noTrace = envelope('session_end', { eventId: 'ev-no-trace' });
    (noTrace.event as Record<string, unknown>).traceId = '';
    const body = [JSON.stringify(good), '{not json', JSON.stringify(badType), '', JSON.stringify({ hello: 1 }), JSON.stringify(noTrace)].join('\n');
    const { events, rejections } = parseEventsBody(body);
    expect(events).toEqual([good]);
    expect(rejections.map((r) => r.location)).toEqual([
      'line 2',
      'event ev-bad-type field event.eventType',
      'line 5 field schemaVersion',
      'line 5 field event',
      'event ev-no-trace field event.traceId',
    ]);
    expect(rejections[0]!.reason).toMatch(/not valid JSON/);
  });

  it('rejects bad array elements by index and keeps unknown extra fields', () => {
    const extra = { ...envelope('session_start'), pluginVersion: '0.3.1' };
    const { events, rejections } = parseEventsBody(JSON.stringify([extra, { schemaVersion: 1, event: { tsMs: -1 } }, 42]));
    expect(events).toEqual([extra]);
    expect(rejections.map((r) => r.location)).toEqual([
      'event[1] field event.eventId',
      'event[1] field event.eventType',
      'event[1] field event.traceId',
      'event[1] field event.tsMs',
      'event[2] field (envelope)',
    ]);
  });

  it('an empty body is one rejection', () => {
    expect(parseEventsBody('  \n')).toEqual({ events: [], rejections: [{ location: 'body', reason: expect.stringMatching(/empty body/) }] });
  });
});

describe('eventsToBatch', () => {
  it('pairs a full session into session bounds, an AGENT root, one LLM span and one TOOL span', () => {
    const batch = eventsToBatch(fullSession());
    checkValid(batch);
    expect(batch.rejections).toEqual([]);
    expect(batch.sessions).toEqual([
      expect.objectContaining({
        id: 'events:trace-1',
        source: 'events',
        externalId: 'trace-1',
        agentId: 'main',
        agentName: 'Main agent',
        task: 'fix the build',
        startedAt: '2026-03-01T10:00:00.000Z',
        endedAt: '2026-03-01T10:00:09.000Z',
        status: 'completed',
        role: 'main',
      }),
    ]);
    const [root, llm, tool] = batch.spans;
    expect(root).toMatchObject({ id: 'events:trace-1:root', kind: 'AGENT', parentId: null, seq: 0, durationMs: 9000 });
    expect(llm).toMatchObject({
      id: 'events:trace-1:llm-1',
      kind: 'LLM',
      parentId: root!.id,
      seq: 1,
      name: 'claude-sonnet-4-5',
      model: 'claude-sonnet-4-5',
      provider: 'anthropic',
      usage: { input: 120, output: 30, cacheRead: 1000, cacheWrite: 50, cacheWrite1h: 0, reasoning: 0 },
      reportedCostUsd: 0.0123,
      durationMs: 3000,
      args: { messages: 2 },
      result: 'ok',
      status: 'ok',
    });
    expect(tool).toMatchObject({ kind: 'TOOL', name: 'exec', toolName: 'exec', toolCallId: 'tc1', args: { command: 'npm test' }, result: 'passed', seq: 2, parentId: root!.id });
    expect(batch.spawns).toEqual([]);
  });

  it('collapses duplicate eventIds; a conflicting duplicate is reported', () => {
    const events = fullSession();
    const again = eventsToBatch([...events, ...structuredClone(events)]);
    expect(again).toEqual(eventsToBatch(events));
    const conflicting = structuredClone(events[2]!);
    conflicting.event.payload = { usage: { input: 1 } };
    const batch = eventsToBatch([...events, conflicting]);
    expect(batch.spans.find((s) => s.kind === 'LLM')!.usage).toMatchObject({ input: 120 });
    expect(batch.rejections).toEqual([{ location: `event ${conflicting.event.eventId}`, reason: expect.stringMatching(/duplicate eventId/) }]);
  });

  it('gives the same batch whatever order the events arrive in', () => {
    const events = [...fullSession('a'), ...fullSession('b')];
    const reversed = [...events].reverse();
    expect(eventsToBatch(reversed)).toEqual(eventsToBatch(events));
  });

  it('a call without its after-event is an open span; a session without session_end is open', () => {
    const batch = eventsToBatch([
      envelope('session_start', { spanId: 'root', at: 0 }),
      envelope('llm_before_call', { spanId: 'llm-1', parentSpanId: 'root', at: 1, payload: { model: 'gpt-5' } }),
    ]);
    checkValid(batch);
    expect(batch.sessions[0]).toMatchObject({ status: 'open', endedAt: null, startedAt: '2026-03-01T10:00:00.000Z' });
    const llm = batch.spans.find((s) => s.kind === 'LLM')!;
    expect(llm).toMatchObject({ endedAt: null, durationMs: null, usage: null, model: 'gpt-5', attributes: expect.objectContaining({ open: true }) });
    const root = batch.spans.find((s) => s.kind === 'AGENT')!;
    expect(root.attributes?.open).toBe(true);
  });

  it('an after-event without its before-event still makes the span', () => {
    const batch = eventsToBatch([envelope('tool_after_call', { spanId: 't', at: 3, payload: { toolName: 'read', result: 'x' } })]);
    expect(batch.spans[0]).toMatchObject({ kind: 'TOOL', startedAt: null, endedAt: '2026-03-01T10:00:03.000Z', attributes: expect.objectContaining({ missingStart: true }) });
    expect(batch.sessions[0]).toMatchObject({ status: 'open', startedAt: '2026-03-01T10:00:03.000Z' });
  });

  it('subagent spawn + join → SUBAGENT span and a linked spawn into the child session', () => {
    const batch = eventsToBatch([
      envelope('session_start', { spanId: 'root', at: 0 }),
      envelope('subagent_spawn', { spanId: 'sub-1', parentSpanId: 'root', at: 1, payload: { toolName: 'sessions_spawn', task: 'review the diff', label: 'reviewer', childTraceId: 'child-1' } }),
      envelope('session_start', { traceId: 'child-1', spanId: 'croot', at: 2, payload: { task: 'review the diff' } }),
      envelope('session_end', { traceId: 'child-1', spanId: 'croot', at: 5 }),
      envelope('subagent_join', { spanId: 'sub-1', parentSpanId: 'root', at: 6, payload: { result: 'LGTM' } }),
      envelope('session_end', { spanId: 'root', at: 7 }),
    ]);
    checkValid(batch);
    const sub = batch.spans.find((s) => s.kind === 'SUBAGENT')!;
    expect(sub).toMatchObject({ id: 'events:trace-1:sub-1', name: 'reviewer', toolName: 'sessions_spawn', args: 'review the diff', result: 'LGTM', durationMs: 5000 });
    expect(batch.spawns).toEqual([
      { spanId: sub.id, parentSessionId: 'events:trace-1', childSessionId: 'events:child-1', status: 'linked', task: 'review the diff', label: 'reviewer', linkedBy: 'payload.childTraceId' },
    ]);
    expect(batch.sessions.find((s) => s.id === 'events:child-1')).toMatchObject({ role: 'subagent', status: 'completed' });
    expect(batch.sessions.find((s) => s.id === 'events:trace-1')).toMatchObject({ role: 'main' });
  });

  it('spawn statuses: pending child, refused spawn, joined without a child id', () => {
    const batch = eventsToBatch([
      envelope('subagent_spawn', { spanId: 'p', at: 1, payload: { childSessionId: 'later' } }),
      envelope('subagent_spawn', { spanId: 'r', at: 2, payload: { error: 'too many children' } }),
      envelope('subagent_spawn', { spanId: 'm', at: 3 }),
      envelope('subagent_join', { spanId: 'm', at: 4 }),
    ]);
    expect(batch.spawns.map((s) => [s.spanId, s.status, s.childSessionId ?? null, s.linkedBy ?? null])).toEqual([
      ['events:trace-1:p', 'pending', 'events:later', 'payload.childSessionId'],
      ['events:trace-1:r', 'refused', null, null],
      ['events:trace-1:m', 'missing', null, null],
    ]);
    expect(batch.spans.find((s) => s.id === 'events:trace-1:r')).toMatchObject({ status: 'error', errorMessage: 'too many children' });
  });

  it('error events mark the span they name, or stand alone as an error span', () => {
    const batch = eventsToBatch([
      envelope('tool_before_call', { spanId: 't1', at: 1, payload: { toolName: 'exec' } }),
      envelope('error', { spanId: 't1', at: 2, payload: { error: { message: 'killed' } } }),
      envelope('error', { spanId: null, at: 3, eventId: 'ev-err', payload: { error: 'gateway lost' } }),
    ]);
    checkValid(batch);
    expect(batch.spans.find((s) => s.id === 'events:trace-1:t1')).toMatchObject({ status: 'error', errorMessage: 'killed' });
    expect(batch.spans.find((s) => s.id === 'events:trace-1:error-ev-err')).toMatchObject({ kind: 'OTHER', status: 'error', errorMessage: 'gateway lost' });
  });

  it('a session_end with status failed or an error makes a failed session', () => {
    expect(eventsToBatch([envelope('session_end', { spanId: null, payload: { status: 'failed' } })]).sessions[0]!.status).toBe('failed');
    expect(eventsToBatch([envelope('session_end', { spanId: null, payload: { error: 'crash' } })]).sessions[0]!.status).toBe('failed');
  });

  it('bad payload fields are dropped and located; the event is still used', () => {
    const events = [
      envelope('llm_before_call', { spanId: 'l', at: 1, eventId: 'ev-a', payload: { model: 42 } }),
      envelope('llm_after_call', { spanId: 'l', at: 2, eventId: 'ev-b', payload: { usage: { input: -1, output: 7 }, costUsd: 'cheap', provider: 'openai' } }),
    ];
    const batch = eventsToBatch(events);
    checkValid(batch);
    expect(batch.rejections.map((r) => r.location).sort()).toEqual(['event ev-a field payload.model', 'event ev-b field payload.costUsd', 'event ev-b field payload.usage.input']);
    expect(batch.spans[0]).toMatchObject({ kind: 'LLM', name: 'llm_call', model: null, provider: 'openai', reportedCostUsd: null, usage: { input: 0, output: 7 } });
  });

  it('repeated halves and span ids reused across kinds are rejected, the first kept', () => {
    const batch = eventsToBatch([
      envelope('llm_before_call', { spanId: 'x', at: 1, eventId: 'e1' }),
      envelope('llm_before_call', { spanId: 'x', at: 2, eventId: 'e2' }),
      envelope('tool_after_call', { spanId: 'x', at: 3, eventId: 'e3' }),
      envelope('tool_before_call', { spanId: null, at: 4, eventId: 'e4' }),
    ]);
    expect(batch.spans).toHaveLength(1);
    expect(batch.rejections.map((r) => r.location)).toEqual(['event e2', 'event e3 field event.spanId', 'event e4 field event.spanId']);
  });

  it('a parent not among the events is dangling; parent cycles are cut', () => {
    const batch = eventsToBatch([
      envelope('tool_before_call', { spanId: 'a', parentSpanId: 'missing', at: 1 }),
      envelope('tool_before_call', { spanId: 'b', parentSpanId: 'c', at: 2 }),
      envelope('tool_before_call', { spanId: 'c', parentSpanId: 'b', at: 3 }),
    ]);
    checkValid(batch);
    expect(batch.spans[0]).toMatchObject({ parentId: null, attributes: expect.objectContaining({ danglingParent: 'events:trace-1:missing' }) });
    expect(batch.spans.filter((s) => s.parentId === null)).toHaveLength(2);
    expect(batch.spans.filter((s) => s.attributes?.parentCycle)).toHaveLength(1);
  });

  it('re-validates stored envelopes and reports the broken ones', () => {
    const batch = eventsToBatch([null, { schemaVersion: 1 }, ...fullSession()]);
    expect(batch.spans).toHaveLength(3);
    expect(batch.rejections.map((r) => r.location)).toEqual(['event[0] field (envelope)', 'event[1] field event']);
  });
});
