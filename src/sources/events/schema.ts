// The ClawTrace plugin event envelope (FORMATS.md §4), as the paper's OpenClaw plugin sent it:
//
//   {schemaVersion, agentId, event: {eventId, eventType, traceId, spanId, parentSpanId|null, tsMs, payload}}
//
// One trace is one agent session; `spanId` pairs a *_before/*_after (or spawn/join, start/end)
// couple into one span. Unknown extra fields are kept (envelopes are stored as sent).
//
// Payload fields read (all optional, null allowed, extra fields ignored):
//   model, provider       llm_*: the model called and its provider
//   usage                 llm_after_call: {input, output, cacheRead, cacheWrite, cacheWrite1h?, reasoning?}
//                         in OpenClaw's ADDITIVE convention (input excludes cache reads and writes;
//                         reasoning is part of output), i.e. exactly ClawTrace's Usage
//   costUsd               llm_after_call: cost the plugin computed, USD
//   toolName, toolCallId  tool_*: the tool and the model's call id; on subagent_spawn, the spawning tool
//   args                  *_before_call / subagent_spawn: tool arguments or the model request
//   result                *_after_call / subagent_join: tool result or the model's answer
//   error                 *_after_call, subagent_*, session_end, error: a message or {message}
//   childTraceId          subagent_spawn/join: the traceId the child session's events use
//   childSessionId        the same when the plugin names the child by session id (used as its traceId)
//   task, label           subagent_spawn: the task text and a short label; session_start: the task
//   agentName             session_start: display name of the agent
//   status                session_end: `completed` (default) or `failed`
import { z } from 'zod';

export const EVENT_TYPES = [
  'session_start',
  'session_end',
  'llm_before_call',
  'llm_after_call',
  'tool_before_call',
  'tool_after_call',
  'subagent_spawn',
  'subagent_join',
  'error',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

// Date's range in ms; later timestamps cannot become ISO strings.
const MAX_MS = 8.64e15;

export const EventEnvelopeSchema = z.looseObject({
  schemaVersion: z.union([z.number(), z.string()]),
  agentId: z.string().nullish(),
  event: z.looseObject({
    eventId: z.string().min(1),
    eventType: z.enum(EVENT_TYPES),
    traceId: z.string().min(1),
    // Session and error events may carry no span of their own.
    spanId: z.string().min(1).nullish(),
    parentSpanId: z.string().nullish(),
    tsMs: z.number().nonnegative().max(MAX_MS),
    payload: z.unknown().optional(),
  }),
});
export type EventEnvelope = z.output<typeof EventEnvelopeSchema>;

const count = z.number().int().nonnegative();

export const EventPayloadSchema = z.looseObject({
  model: z.string().nullish(),
  provider: z.string().nullish(),
  usage: z
    .looseObject({
      input: count.nullish(),
      output: count.nullish(),
      cacheRead: count.nullish(),
      cacheWrite: count.nullish(),
      cacheWrite1h: count.nullish(),
      reasoning: count.nullish(),
    })
    .nullish(),
  costUsd: z.number().nonnegative().nullish(),
  toolName: z.string().nullish(),
  toolCallId: z.string().nullish(),
  args: z.unknown().optional(),
  result: z.unknown().optional(),
  error: z.union([z.string(), z.looseObject({ message: z.string().nullish() })]).nullish(),
  childTraceId: z.string().min(1).nullish(),
  childSessionId: z.string().min(1).nullish(),
  task: z.string().nullish(),
  label: z.string().nullish(),
  agentName: z.string().nullish(),
  status: z.string().nullish(),
});
export type EventPayload = z.output<typeof EventPayloadSchema>;
