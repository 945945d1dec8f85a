// before_tool_call / after_tool_call → one TOOL span per call (arguments and result redacted and
// capped), parented to the LLM span whose answer asked for it. OpenClaw's sub-agent tool
// (sessions_spawn) becomes the SUBAGENT span instead, as the transcript importer does.
import type { NewEvent } from './envelope.ts';
import type { AfterToolCallEvent, BeforeToolCallEvent, ToolContext } from './hook-types.ts';
import { BoundedMap, type SessionIdentity } from './identity.ts';
import type { ModelCalls } from './model-calls.ts';
import type { Spawn, Spawns } from './spawns.ts';

export const SPAWN_TOOL = 'sessions_spawn';

export interface ToolsOptions {
  captureArgs: boolean;
  captureResults: boolean;
  redact: (value: unknown) => unknown;
  now: () => number;
}

interface OpenTool {
  spanId: string;
  traceId: string;
  spawn?: Spawn;
}

function childKeyOf(result: unknown): string | undefined {
  const details = (result as { details?: { childSessionKey?: unknown } } | null)?.details;
  return typeof details?.childSessionKey === 'string' ? details.childSessionKey : undefined;
}

export class Tools {
  private readonly open = new BoundedMap<string, OpenTool>(10_000);
  private seq = 0;

  constructor(
    private readonly identity: SessionIdentity,
    private readonly calls: ModelCalls,
    private readonly spawns: Spawns,
    private readonly emit: (event: NewEvent) => void,
    private readonly options: ToolsOptions,
  ) {}

  before(e: BeforeToolCallEvent, ctx: ToolContext): void {
    this.identity.learn(ctx.sessionKey, ctx.sessionId, ctx.agentId);
    const traceId = this.identity.traceOf(ctx.sessionId, ctx.sessionKey);
    const toolCallId = e.toolCallId ?? ctx.toolCallId;
    const key = this.keyOf(traceId, e.runId ?? ctx.runId, toolCallId);
    const spanId = `tool:${key.slice(traceId.length + 1)}`;
    const parentSpanId = toolCallId ? (this.calls.toolCallParent.get(`${traceId}\0${toolCallId}`) ?? null) : null;
    const args = this.options.captureArgs ? this.options.redact(e.params) : undefined;
    const base = { traceId, spanId, parentSpanId, tsMs: this.options.now(), agentId: ctx.agentId ?? this.identity.agentOf(traceId) };
    if (e.toolName === SPAWN_TOOL) {
      const spawn: Spawn = { spanId, traceId, parentSpanId, toolDone: false, joined: false };
      this.spawns.toolStarted(spawn, ctx.sessionKey);
      this.open.set(key, { spanId, traceId, spawn });
      const task = typeof e.params.task === 'string' ? e.params.task : undefined;
      const label = typeof e.params.label === 'string' ? e.params.label : undefined;
      this.emit({ ...base, type: 'subagent_spawn', payload: { toolName: e.toolName, ...(toolCallId ? { toolCallId } : {}), ...(task ? { task } : {}), ...(label ? { label } : {}), ...(args !== undefined ? { args } : {}) } });
      return;
    }
    this.open.set(key, { spanId, traceId });
    this.emit({ ...base, type: 'tool_before_call', payload: { toolName: e.toolName, ...(toolCallId ? { toolCallId } : {}), ...(args !== undefined ? { args } : {}) } });
  }

  after(e: AfterToolCallEvent, ctx: ToolContext): void {
    const traceId = this.identity.traceOf(ctx.sessionId, ctx.sessionKey);
    const toolCallId = e.toolCallId ?? ctx.toolCallId;
    const key = this.keyOf(traceId, e.runId ?? ctx.runId, toolCallId, false);
    const open = this.open.get(key);
    this.open.delete(key);
    const result = this.options.captureResults && e.result !== undefined ? this.options.redact(e.result) : undefined;
    if (open?.spawn) {
      this.spawns.toolFinished(open.spawn, childKeyOf(e.result), result, e.error);
      return;
    }
    this.emit({
      type: 'tool_after_call',
      traceId,
      spanId: open?.spanId ?? `tool:${key.slice(traceId.length + 1)}`,
      tsMs: this.options.now(),
      agentId: ctx.agentId ?? this.identity.agentOf(traceId),
      payload: {
        toolName: e.toolName,
        ...(toolCallId ? { toolCallId } : {}),
        ...(result !== undefined ? { result } : {}),
        ...(e.error ? { error: e.error } : {}),
        ...(typeof e.durationMs === 'number' ? { durationMs: e.durationMs } : {}),
      },
    });
  }

  /** Tool call ids are only unique within a run (providers and fakes reuse `call_1`), so the run is part of the key. */
  private keyOf(traceId: string, runId: string | undefined, toolCallId: string | undefined, fresh = true): string {
    const id = toolCallId ?? (fresh ? `anon-${this.seq++}` : `anon-${this.seq - 1}`);
    return `${traceId}:${runId ?? 'run'}:${id}`;
  }
}
