// The ClawTrace event envelope (FORMATS.md §4) the server's /v1/events reads. One trace is one
// OpenClaw session (traceId = its sessionId); a before/after pair with the same spanId is one span.
export const SCHEMA_VERSION = 1;

export type EventType =
  | 'session_start'
  | 'session_end'
  | 'llm_before_call'
  | 'llm_after_call'
  | 'tool_before_call'
  | 'tool_after_call'
  | 'subagent_spawn'
  | 'subagent_join'
  | 'error';

export interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** The payload fields the server reads (src/sources/events/schema.ts); extras are ignored there. */
export interface EventPayload {
  model?: string;
  provider?: string;
  usage?: Usage;
  costUsd?: number;
  toolName?: string;
  toolCallId?: string;
  args?: unknown;
  result?: unknown;
  error?: string;
  childTraceId?: string;
  task?: string;
  label?: string;
  agentName?: string;
  status?: string;
  [extra: string]: unknown;
}

export interface EventEnvelope {
  schemaVersion: number;
  agentId: string | null;
  event: {
    eventId: string;
    eventType: EventType;
    traceId: string;
    spanId: string | null;
    parentSpanId: string | null;
    tsMs: number;
    payload: EventPayload;
  };
}

export interface NewEvent {
  type: EventType;
  traceId: string;
  spanId?: string | null;
  parentSpanId?: string | null;
  tsMs: number;
  agentId?: string | null;
  payload: EventPayload;
}

/**
 * The event id is derived from what the event is (trace, span, half), not drawn at random: a hook
 * that fires twice for the same call, or a batch re-sent after a crash, carries the same id and the
 * server keeps one copy. Session events have no span, so their time tells two apart.
 */
export function eventIdOf(e: NewEvent): string {
  const span = e.spanId ?? `t${e.tsMs}`;
  return `oc:${e.traceId}:${span}:${e.type}`;
}

export function envelope(e: NewEvent): EventEnvelope {
  return {
    schemaVersion: SCHEMA_VERSION,
    agentId: e.agentId ?? null,
    event: {
      eventId: eventIdOf(e),
      eventType: e.type,
      traceId: e.traceId,
      spanId: e.spanId ?? null,
      parentSpanId: e.parentSpanId ?? null,
      tsMs: e.tsMs,
      payload: e.payload,
    },
  };
}
