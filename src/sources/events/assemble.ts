// Plugin events → NormalisedBatch. Events are paired by (traceId, spanId) into spans:
//   llm_before_call + llm_after_call  → one LLM span (one model API call)
//   tool_before_call + tool_after_call → one TOOL span
//   subagent_spawn + subagent_join     → one SUBAGENT span and a SpawnRecord into the child session
//   session_start + session_end        → the session's bounds (and an AGENT span when they carry a spanId)
//   error                              → marks the span it names as failed, or stands alone as an error span
// A half without its other half is kept: a start without an end is an open span (`open: true`), a
// session without session_end is `open`. Duplicate eventIds collapse to the first.
//
// Ids: session `events:<traceId>`, span `events:<traceId>:<spanId>`. A spawned child is the session
// whose traceId is the spawn's `childTraceId` (or `childSessionId`).
import { boundKey, boundOptionalKey } from '../../domain/bound-key.ts';
import type { NormalisedBatch, Rejection, SessionRecord, SpanKind, SpanRecord, SpawnRecord, Usage } from '../../domain/model.ts';
import { validateEnvelope } from './parse-body.ts';
import { resolveParents } from './parent-links.ts';
import { readPayload } from './payload.ts';
import type { EventEnvelope, EventPayload, EventType } from './schema.ts';

type Family = 'session' | 'llm' | 'tool' | 'subagent';
type Scalar = string | number | boolean;

const PHASES: Readonly<Record<EventType, { family: Family; end: boolean } | undefined>> = {
  session_start: { family: 'session', end: false },
  session_end: { family: 'session', end: true },
  llm_before_call: { family: 'llm', end: false },
  llm_after_call: { family: 'llm', end: true },
  tool_before_call: { family: 'tool', end: false },
  tool_after_call: { family: 'tool', end: true },
  subagent_spawn: { family: 'subagent', end: false },
  subagent_join: { family: 'subagent', end: true },
  error: undefined,
};

const KIND: Readonly<Record<Family, SpanKind>> = { session: 'AGENT', llm: 'LLM', tool: 'TOOL', subagent: 'SUBAGENT' };

interface ReadEvent {
  id: string;
  type: EventType;
  traceId: string;
  spanId: string | null;
  parentSpanId: string | null;
  tsMs: number;
  agentId: string | null;
  payload: EventPayload;
}

interface Pair {
  family: Family;
  spanId: string;
  start?: ReadEvent;
  end?: ReadEvent;
}

interface TraceEvents {
  traceId: string;
  events: ReadEvent[];
  pairs: Map<string, Pair>;
  errors: ReadEvent[];
  sessionStart?: ReadEvent;
  sessionEnd?: ReadEvent;
}

export const sessionIdOf = (traceId: string) => `events:${traceId}`;
export const spanIdOf = (traceId: string, spanId: string) => `events:${traceId}:${spanId}`;
const iso = (ms: number) => new Date(ms).toISOString();
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function errorText(error: EventPayload['error']): string | undefined {
  if (error === undefined || error === null) return undefined;
  return typeof error === 'string' ? error || 'error' : (error.message ?? 'error');
}

/**
 * Validates, de-duplicates (first eventId wins) and orders events by time, then eventId: the result
 * must not depend on arrival order, since stored events are re-read in whatever order the store gives.
 */
function readEvents(input: readonly unknown[], rejections: Rejection[]): ReadEvent[] {
  const byId = new Map<string, { json: string; event: ReadEvent }>();
  input.forEach((raw, order) => {
    const envelope: EventEnvelope | undefined = validateEnvelope(raw, `event[${order}]`, rejections);
    if (!envelope) return;
    const e = envelope.event;
    const json = JSON.stringify(envelope);
    // Ids bounded as the store bounds them (src/domain/bound-key.ts): they become session and span
    // ids, and they name events in rejections, which must stay short whatever was sent.
    const id = boundKey(e.eventId);
    const seen = byId.get(id);
    if (seen) {
      if (seen.json !== json) rejections.push({ location: `event ${id}`, reason: 'duplicate eventId with different content; the first was kept' });
      return;
    }
    const payload = readPayload(e.payload, `event ${id}`, rejections);
    byId.set(id, {
      json,
      event: {
        id,
        type: e.eventType,
        traceId: boundKey(e.traceId),
        spanId: boundOptionalKey(e.spanId) ?? null,
        parentSpanId: boundOptionalKey(e.parentSpanId) ?? null,
        tsMs: e.tsMs,
        agentId: envelope.agentId ?? null,
        payload,
      },
    });
  });
  return [...byId.values()].map((v) => v.event).sort((a, b) => a.tsMs - b.tsMs || compareText(a.id, b.id));
}

/** Groups a trace's events into start/end pairs per spanId. */
function groupByTrace(events: readonly ReadEvent[], rejections: Rejection[]): Map<string, TraceEvents> {
  const traces = new Map<string, TraceEvents>();
  for (const event of events) {
    let trace = traces.get(event.traceId);
    if (!trace) {
      trace = { traceId: event.traceId, events: [], pairs: new Map(), errors: [] };
      traces.set(event.traceId, trace);
    }
    trace.events.push(event);
    const phase = PHASES[event.type];
    if (!phase) {
      trace.errors.push(event);
      continue;
    }
    if (phase.family === 'session') {
      if (phase.end) trace.sessionEnd ??= event;
      else trace.sessionStart ??= event;
    }
    if (event.spanId === null) {
      if (phase.family !== 'session') rejections.push({ location: `event ${event.id} field event.spanId`, reason: `${event.type} needs a spanId to pair with its other half` });
      continue;
    }
    const pair = trace.pairs.get(event.spanId) ?? { family: phase.family, spanId: event.spanId };
    if (pair.family !== phase.family) {
      rejections.push({ location: `event ${event.id} field event.spanId`, reason: `span ${event.spanId} is already a ${pair.family} span in trace ${event.traceId}` });
      continue;
    }
    const slot = phase.end ? 'end' : 'start';
    if (pair[slot]) {
      rejections.push({ location: `event ${event.id}`, reason: `a second ${event.type} for span ${event.spanId}; the first (${pair[slot].id}) was kept` });
      continue;
    }
    pair[slot] = event;
    trace.pairs.set(event.spanId, pair);
  }
  return traces;
}

function usageOf(payload: EventPayload): Usage | null {
  const u = payload.usage;
  if (!u || ![u.input, u.output, u.cacheRead, u.cacheWrite, u.cacheWrite1h].some((n) => typeof n === 'number')) return null;
  return { input: u.input ?? 0, output: u.output ?? 0, cacheRead: u.cacheRead ?? 0, cacheWrite: u.cacheWrite ?? 0, cacheWrite1h: u.cacheWrite1h ?? 0, reasoning: u.reasoning ?? 0 };
}

function spanName(family: Family, pick: <K extends keyof EventPayload>(key: K) => EventPayload[K], agentId: string | null): string {
  if (family === 'llm') return pick('model') ?? 'llm_call';
  if (family === 'tool') return pick('toolName') ?? 'tool';
  if (family === 'subagent') return pick('label') ?? 'subagent';
  return pick('agentName') ?? agentId ?? 'session';
}

function pairToSpan(trace: TraceEvents, pair: Pair): SpanRecord {
  const { start, end } = pair;
  const first = (start ?? end)!;
  // The end half knows the outcome (usage, result, error); the start half the request.
  const pick = <K extends keyof EventPayload>(key: K): EventPayload[K] => end?.payload[key] ?? start?.payload[key];
  const kind = KIND[pair.family];
  const attributes: Record<string, Scalar> = { eventTypes: [start?.type, end?.type].filter(Boolean).join('+') };
  if (!end) attributes.open = true;
  if (!start) attributes.missingStart = true;
  let error = errorText(end?.payload.error) ?? errorText(start?.payload.error);
  if (pair.family === 'session' && !error && end?.payload.status === 'failed') error = 'session ended as failed';
  const record: SpanRecord = {
    id: spanIdOf(trace.traceId, pair.spanId),
    sessionId: sessionIdOf(trace.traceId),
    parentId: null,
    kind,
    name: spanName(pair.family, pick, first.agentId),
    seq: 0,
    startedAt: start ? iso(start.tsMs) : null,
    endedAt: end ? iso(end.tsMs) : null,
    durationMs: start && end && end.tsMs >= start.tsMs ? end.tsMs - start.tsMs : null,
    model: pick('model') ?? null,
    provider: pick('provider') ?? null,
    toolName: pick('toolName') ?? null,
    toolCallId: pick('toolCallId') ?? null,
    usage: kind === 'LLM' ? usageOf(end?.payload ?? first.payload) : null,
    reportedCostUsd: kind === 'LLM' ? (pick('costUsd') ?? null) : null,
    status: error ? 'error' : 'ok',
    errorMessage: error ?? null,
    attributes,
  };
  const args = start?.payload.args ?? (pair.family === 'subagent' ? start?.payload.task : undefined) ?? end?.payload.args;
  if (args !== undefined && args !== null) record.args = args;
  const result = end?.payload.result;
  if (result !== undefined && result !== null) record.result = result;
  return record;
}

/**
 * Error events mark the span they name; one naming no known span becomes an error span itself.
 * Returns the spans it created, with the parent each names.
 */
function applyErrors(trace: TraceEvents, spans: Map<string, SpanRecord>): Array<{ span: SpanRecord; parent: string | null; tsMs: number }> {
  const created: Array<{ span: SpanRecord; parent: string | null; tsMs: number }> = [];
  for (const event of trace.errors) {
    const message = errorText(event.payload.error) ?? 'error';
    const id = spanIdOf(trace.traceId, event.spanId ?? `error-${event.id}`);
    const existing = spans.get(id);
    if (existing) {
      existing.status = 'error';
      existing.errorMessage ??= message;
      continue;
    }
    const span: SpanRecord = {
      id,
      sessionId: sessionIdOf(trace.traceId),
      parentId: null,
      kind: 'OTHER',
      name: 'error',
      seq: 0,
      startedAt: iso(event.tsMs),
      endedAt: iso(event.tsMs),
      durationMs: 0,
      status: 'error',
      errorMessage: message,
      attributes: { eventTypes: 'error' },
    };
    spans.set(id, span);
    created.push({ span, parent: event.parentSpanId ? spanIdOf(trace.traceId, event.parentSpanId) : null, tsMs: event.tsMs });
  }
  return created;
}

function spawnOf(trace: TraceEvents, pair: Pair, traceIds: ReadonlySet<string>): SpawnRecord {
  const pick = <K extends keyof EventPayload>(key: K): EventPayload[K] => pair.end?.payload[key] ?? pair.start?.payload[key];
  const childTraceId = pick('childTraceId');
  const childKey = boundOptionalKey(childTraceId ?? pick('childSessionId'));
  let status: SpawnRecord['status'];
  if (pair.start?.payload.error) status = 'refused';
  else if (childKey) status = traceIds.has(childKey) ? 'linked' : 'pending';
  else status = pair.end ? 'missing' : 'pending';
  return {
    spanId: spanIdOf(trace.traceId, pair.spanId),
    parentSessionId: sessionIdOf(trace.traceId),
    childSessionId: childKey ? sessionIdOf(childKey) : null,
    status,
    task: pick('task') ?? null,
    label: pick('label') ?? null,
    linkedBy: childKey ? (childTraceId ? 'payload.childTraceId' : 'payload.childSessionId') : null,
  };
}

function sessionOf(trace: TraceEvents, childTraces: ReadonlySet<string>): SessionRecord {
  const { sessionStart: start, sessionEnd: end } = trace;
  const failed = end && (end.payload.status === 'failed' || errorText(end.payload.error) !== undefined);
  return {
    id: sessionIdOf(trace.traceId),
    source: 'events',
    externalId: trace.traceId,
    agentId: trace.events.find((e) => e.agentId)?.agentId ?? null,
    agentName: start?.payload.agentName ?? null,
    task: start?.payload.task ?? null,
    // Without session_start the earliest event is the best known start.
    startedAt: iso(start?.tsMs ?? trace.events[0]!.tsMs),
    endedAt: end ? iso(end.tsMs) : null,
    status: end ? (failed ? 'failed' : 'completed') : 'open',
    role: childTraces.has(trace.traceId) ? 'subagent' : 'main',
    origin: 'events',
  };
}

/** One trace's spans, wanted parents, order keys and spawns; throws only on a bug. */
function assembleTrace(trace: TraceEvents, traceIds: ReadonlySet<string>) {
  const spans = new Map<string, SpanRecord>();
  const wantedParent = new Map<string, string | null>();
  const sortMs = new Map<string, number>();
  const spawns: SpawnRecord[] = [];
  for (const pair of trace.pairs.values()) {
    const span = pairToSpan(trace, pair);
    const first = (pair.start ?? pair.end)!;
    spans.set(span.id, span);
    wantedParent.set(span.id, first.parentSpanId ? spanIdOf(trace.traceId, first.parentSpanId) : null);
    sortMs.set(span.id, first.tsMs);
    if (pair.family === 'subagent') spawns.push(spawnOf(trace, pair, traceIds));
  }
  for (const { span, parent, tsMs } of applyErrors(trace, spans)) {
    wantedParent.set(span.id, parent);
    sortMs.set(span.id, tsMs);
  }
  return { spans: [...spans.values()], wantedParent, sortMs, spawns };
}

/** Envelopes (as `parseEventsBody` returns them, or as stored; re-validated here) → batch. */
export function eventsToBatch(input: readonly unknown[]): NormalisedBatch {
  const rejections: Rejection[] = [];
  const traces = groupByTrace(readEvents(input, rejections), rejections);
  const traceIds = new Set(traces.keys());

  const spans = new Map<string, SpanRecord>();
  const wantedParent = new Map<string, string | null>();
  // Ordering key per span: its start, or its end for a half without start.
  const sortMs = new Map<string, number>();
  const spawns: SpawnRecord[] = [];
  for (const trace of [...traces.values()]) {
    // One trace that cannot be assembled is rejected on its own: stored events are re-assembled on
    // every later request of their trace, so a throw here must never fail the other traces (and
    // never the request, issue 13).
    try {
      const own = assembleTrace(trace, traceIds);
      for (const span of own.spans) spans.set(span.id, span);
      for (const [id, parent] of own.wantedParent) wantedParent.set(id, parent);
      for (const [id, ms] of own.sortMs) sortMs.set(id, ms);
      spawns.push(...own.spawns);
    } catch (error) {
      traces.delete(trace.traceId);
      rejections.push({ location: `trace ${trace.traceId}`, reason: `could not be assembled: ${(error as Error).message}` });
    }
  }

  const links = resolveParents(wantedParent);
  for (const span of spans.values()) {
    span.parentId = links.parentId.get(span.id) ?? null;
    const dangling = links.dangling.get(span.id);
    const cycle = links.cycles.get(span.id);
    if (dangling) span.attributes = { ...span.attributes, danglingParent: dangling };
    if (cycle) span.attributes = { ...span.attributes, parentCycle: cycle };
  }

  // seq within each session: by start time, then id for stability.
  const ordered = [...spans.values()].sort((a, b) => sortMs.get(a.id)! - sortMs.get(b.id)! || compareText(a.id, b.id));
  const nextSeq = new Map<string, number>();
  for (const span of ordered) {
    const seq = nextSeq.get(span.sessionId) ?? 0;
    span.seq = seq;
    nextSeq.set(span.sessionId, seq + 1);
  }

  const childTraces = new Set(
    spawns.filter((s) => s.status === 'linked' && s.childSessionId).map((s) => s.childSessionId!.slice('events:'.length)),
  );
  const sessions = [...traces.values()].map((trace) => sessionOf(trace, childTraces));
  return { sessions, spans: ordered, spawns, rejections };
}
