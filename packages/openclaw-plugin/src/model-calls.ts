// One LLM span per model API call. Why not llm_input/llm_output: they fire once per run attempt,
// and llm_output.usage is the SUM over every model call of that run, so using it would merge N
// calls into one span (and, next to per-call spans, count them twice). model_call_started/ended
// fire once per provider request but carry no usage or cost; the assistant transcript message
// (seen by before_message_write) carries exactly one call's usage and OpenClaw's cost. So:
//   model_call_started → llm_before_call (spanId from OpenClaw's callId)
//   model_call_ended   → remembered (duration, outcome)
//   assistant message  → llm_after_call of the oldest open call of that session (calls within a
//                        session are sequential), with usage, cost and the answer
// A call that ends with no message (a failed request) is closed when the session's next call
// starts or its run ends. On an OpenClaw without model_call_* hooks every assistant message
// becomes a before/after pair on its own, so the plugin still records one span per call.
import type { NewEvent, Usage } from './envelope.ts';
import type { AssistantMessage, ModelCallEvent } from './hook-types.ts';
import { BoundedMap, type SessionIdentity } from './identity.ts';

interface OpenCall {
  spanId: string;
  traceId: string;
  runId: string;
  startedMs: number;
  provider: string;
  model: string;
  ended?: { durationMs: number; error?: string };
}

export interface ModelCallsOptions {
  captureResults: boolean;
  redactResult: (value: unknown) => unknown;
  now: () => number;
}

/** A request started more than this after the message was written cannot be its call. */
const CLOCK_SLACK_MS = 1000;

function usageOf(message: AssistantMessage): Usage | undefined {
  const u = message.usage;
  if (!u) return undefined;
  return { input: u.input ?? 0, output: u.output ?? 0, cacheRead: u.cacheRead ?? 0, cacheWrite: u.cacheWrite ?? 0 };
}

function answerText(message: AssistantMessage): string | undefined {
  const parts = (message.content ?? []).filter((p) => p.type === 'text' && typeof p.text === 'string').map((p) => p.text);
  return parts.length ? parts.join('\n') : undefined;
}

/** OpenClaw's own bookkeeping messages (delivery mirrors, injected notices) are not model calls. */
export function isModelCall(message: AssistantMessage): boolean {
  return message.provider !== 'openclaw' && message.model !== 'delivery-mirror';
}

export class ModelCalls {
  private readonly open = new BoundedMap<string, OpenCall[]>(10_000);
  /** `${traceId}\0${toolCallId}` → the LLM span whose answer asked for that tool call. */
  readonly toolCallParent = new BoundedMap<string, string>(100_000);
  private fallbackSeq = 0;

  constructor(
    private readonly identity: SessionIdentity,
    private readonly emit: (event: NewEvent) => void,
    private readonly options: ModelCallsOptions,
  ) {}

  started(e: ModelCallEvent, ctxAgentId: string | undefined): void {
    this.identity.learn(e.sessionKey, e.sessionId, ctxAgentId);
    const traceId = this.identity.traceOf(e.sessionId, e.sessionKey);
    const calls = this.open.get(traceId) ?? [];
    // Calls of one session are sequential: an earlier call that already ended gets no message now.
    for (const stale of calls.filter((c) => c.ended)) this.close(stale, undefined);
    const call: OpenCall = { spanId: `llm:${e.callId}`, traceId, runId: e.runId, startedMs: this.options.now(), provider: e.provider, model: e.model };
    this.open.set(traceId, [...this.open.get(traceId) ?? [], call]);
    this.emit({ type: 'llm_before_call', traceId, spanId: call.spanId, tsMs: call.startedMs, agentId: this.identity.agentOf(traceId), payload: { model: e.model, provider: e.provider, ...(e.api ? { api: e.api } : {}) } });
  }

  ended(e: ModelCallEvent): void {
    const traceId = this.identity.traceOf(e.sessionId, e.sessionKey);
    const call = this.open.get(traceId)?.find((c) => c.spanId === `llm:${e.callId}`);
    if (!call) return;
    const error = e.outcome === 'error' ? [e.errorCategory, e.failureKind].filter(Boolean).join(': ') || 'model call failed' : undefined;
    call.ended = { durationMs: e.durationMs ?? this.options.now() - call.startedMs, ...(error ? { error } : {}) };
  }

  /** before_message_write with an assistant message: the usage of exactly one model call. */
  message(message: AssistantMessage, sessionKey: string | undefined, agentId: string | undefined): void {
    if (!isModelCall(message)) return;
    const traceId = this.identity.traceOf(undefined, sessionKey);
    const writtenMs = message.timestamp ?? this.options.now();
    const calls = this.open.get(traceId) ?? [];
    const call = calls.find((c) => c.startedMs <= writtenMs + CLOCK_SLACK_MS);
    if (call) {
      this.rememberToolCalls(message, traceId, call.spanId);
      this.close(call, message);
      return;
    }
    // No model_call_* hooks (older OpenClaw), or their event was dropped: the message alone is the call.
    const spanId = `llm:msg:${writtenMs}:${message.responseId ?? this.fallbackSeq++}`;
    const payload = { model: message.model ?? 'unknown', provider: message.provider ?? 'unknown' };
    this.emit({ type: 'llm_before_call', traceId, spanId, tsMs: writtenMs, agentId: agentId ?? this.identity.agentOf(traceId), payload });
    this.rememberToolCalls(message, traceId, spanId);
    this.emitAfter(traceId, spanId, this.options.now(), payload, message, undefined);
  }

  /** llm_output / agent_end / session_end: calls of that run (or session) still open will get no message. */
  runEnded(filter: { runId?: string; traceId?: string }): void {
    for (const calls of [...this.open.values()]) {
      for (const call of calls) {
        if ((filter.runId && call.runId === filter.runId) || (filter.traceId && call.traceId === filter.traceId)) this.close(call, undefined);
      }
    }
  }

  /** Closes every open call (plugin shutdown). */
  closeAll(): void {
    for (const calls of [...this.open.values()]) for (const call of calls) this.close(call, undefined);
  }

  private rememberToolCalls(message: AssistantMessage, traceId: string, spanId: string): void {
    for (const part of message.content ?? []) {
      if (part.type === 'toolCall' && part.id) this.toolCallParent.set(`${traceId}\0${part.id}`, spanId);
    }
  }

  private close(call: OpenCall, message: AssistantMessage | undefined): void {
    const calls = (this.open.get(call.traceId) ?? []).filter((c) => c !== call);
    if (calls.length) this.open.set(call.traceId, calls);
    else this.open.delete(call.traceId);
    const endMs = call.ended ? call.startedMs + call.ended.durationMs : this.options.now();
    this.emitAfter(call.traceId, call.spanId, endMs, { model: message?.model ?? call.model, provider: message?.provider ?? call.provider }, message, call.ended?.error);
  }

  private emitAfter(traceId: string, spanId: string, tsMs: number, ids: { model: string; provider: string }, message: AssistantMessage | undefined, callError: string | undefined): void {
    const usage = message ? usageOf(message) : undefined;
    const cost = message?.usage?.cost?.total;
    const answer = message && this.options.captureResults ? answerText(message) : undefined;
    const error = message?.stopReason === 'error' ? (message.errorMessage ?? callError ?? 'model call failed') : callError;
    this.emit({
      type: 'llm_after_call',
      traceId,
      spanId,
      tsMs,
      agentId: this.identity.agentOf(traceId),
      payload: {
        ...ids,
        ...(usage ? { usage } : {}),
        ...(typeof cost === 'number' && cost >= 0 ? { costUsd: cost } : {}),
        ...(answer !== undefined ? { result: this.options.redactResult(answer) } : {}),
        ...(message?.stopReason ? { stopReason: message.stopReason } : {}),
        ...(error ? { error } : {}),
        ...(message ? {} : { noMessage: true }),
      },
    });
  }
}
