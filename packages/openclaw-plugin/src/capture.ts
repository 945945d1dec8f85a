// OpenClaw hook events → ClawTrace events. Pure bookkeeping over what the hooks say; the only
// side effect is `emit`, which (in the plugin) enqueues without waiting.
import type { NewEvent } from './envelope.ts';
import type {
  AfterToolCallEvent,
  AgentContext,
  AssistantMessage,
  BeforeToolCallEvent,
  LlmRunEvent,
  MessageWriteContext,
  MessageWriteEvent,
  ModelCallEvent,
  SessionContext,
  SessionEndEvent,
  SessionStartEvent,
  SubagentContext,
  SubagentEndedEvent,
  SubagentSpawnEvent,
  ToolContext,
} from './hook-types.ts';
import { SessionIdentity } from './identity.ts';
import { ModelCalls } from './model-calls.ts';
import { redactPayload, type RedactOptions } from './redact.ts';
import { Spawns } from './spawns.ts';
import { Tools } from './tools.ts';

export interface CaptureOptions extends RedactOptions {
  captureArgs: boolean;
  captureResults: boolean;
  now?: () => number;
}

export class Capture {
  readonly identity = new SessionIdentity();
  private readonly calls: ModelCalls;
  private readonly spawns: Spawns;
  private readonly tools: Tools;
  private readonly now: () => number;

  constructor(
    private readonly emit: (event: NewEvent) => void,
    options: CaptureOptions,
  ) {
    this.now = options.now ?? Date.now;
    const redact = (value: unknown) => redactPayload(value, options);
    this.calls = new ModelCalls(this.identity, emit, { captureResults: options.captureResults, redactResult: redact, now: this.now });
    this.spawns = new Spawns(this.identity, emit, this.now);
    this.tools = new Tools(this.identity, this.calls, this.spawns, emit, { captureArgs: options.captureArgs, captureResults: options.captureResults, redact, now: this.now });
  }

  sessionStart(e: SessionStartEvent, ctx: SessionContext): void {
    this.identity.learn(e.sessionKey ?? ctx.sessionKey, e.sessionId, ctx.agentId);
    this.emit({
      type: 'session_start',
      traceId: e.sessionId,
      tsMs: this.now(),
      agentId: ctx.agentId ?? null,
      payload: { ...(ctx.agentId ? { agentName: ctx.agentId } : {}), ...(e.sessionKey ? { sessionKey: e.sessionKey } : {}), ...(e.resumedFrom ? { resumedFrom: e.resumedFrom } : {}) },
    });
  }

  sessionEnd(e: SessionEndEvent, ctx: SessionContext): void {
    this.calls.runEnded({ traceId: e.sessionId });
    this.emit({
      type: 'session_end',
      traceId: e.sessionId,
      tsMs: this.now(),
      agentId: ctx.agentId ?? this.identity.agentOf(e.sessionId),
      payload: { status: 'completed', ...(e.reason ? { reason: e.reason } : {}), ...(typeof e.messageCount === 'number' ? { messageCount: e.messageCount } : {}) },
    });
  }

  /** llm_input: no span of its own (see model-calls.ts); it tells which session a run belongs to. */
  runInput(e: LlmRunEvent, ctx: AgentContext): void {
    this.identity.learn(ctx.sessionKey, e.sessionId, ctx.agentId);
  }

  /** llm_output / agent_end: the run is over; its usage total is NOT used (it sums all its calls). */
  runOutput(runId: string | undefined): void {
    if (runId) this.calls.runEnded({ runId });
  }

  modelCallStarted(e: ModelCallEvent, ctx: AgentContext): void {
    this.calls.started(e, ctx.agentId);
  }

  modelCallEnded(e: ModelCallEvent): void {
    this.calls.ended(e);
  }

  messageWritten(e: MessageWriteEvent, ctx: MessageWriteContext): void {
    if (e.message?.role === 'assistant') this.calls.message(e.message as AssistantMessage, ctx.sessionKey, ctx.agentId);
  }

  toolBefore(e: BeforeToolCallEvent, ctx: ToolContext): void {
    this.tools.before(e, ctx);
  }

  toolAfter(e: AfterToolCallEvent, ctx: ToolContext): void {
    this.tools.after(e, ctx);
  }

  subagentSpawned(e: SubagentSpawnEvent, ctx: SubagentContext): void {
    this.spawns.spawned(e, ctx);
  }

  subagentEnded(e: SubagentEndedEvent): void {
    this.spawns.ended(e);
  }

  /** Shutdown: close what is still open so nothing waits forever for a hook that will not come. */
  closeOpen(): void {
    this.calls.closeAll();
    this.spawns.joinAll();
  }
}
