// Sub-agent spawns → one SUBAGENT span each (subagent_spawn … subagent_join) whose join names the
// child session's traceId, which is what the server turns into the SPAWNED edge.
//
// The link comes from hook context only: subagent_spawned (or subagent_spawning, older OpenClaw)
// names the child's sessionKey and, in its context, the requester's sessionKey; the child's own
// first hook (model call, tool, session_start) pairs that sessionKey with the child's sessionId.
// The sessions_spawn tool result carries the same childSessionKey and is used when the spawned
// hook is missing. No session-key text is parsed.
import type { NewEvent } from './envelope.ts';
import type { SubagentContext, SubagentEndedEvent, SubagentSpawnEvent } from './hook-types.ts';
import { BoundedMap, type SessionIdentity } from './identity.ts';

export interface Spawn {
  spanId: string;
  traceId: string;
  parentSpanId: string | null;
  requesterKey?: string;
  childSessionKey?: string;
  /** Set once the spawning tool call (if any) has returned. */
  toolDone: boolean;
  endMs?: number;
  result?: unknown;
  error?: string;
  joined: boolean;
}

export class Spawns {
  private readonly byChildKey = new BoundedMap<string, Spawn>(10_000);
  /** Spawn tool calls still waiting for their subagent_spawned, per requester sessionKey. */
  private readonly awaitingChild = new BoundedMap<string, Spawn[]>(10_000);
  private readonly now: () => number;

  constructor(
    private readonly identity: SessionIdentity,
    private readonly emit: (event: NewEvent) => void,
    now: () => number,
  ) {
    this.now = now;
    identity.onLearn((sessionKey) => {
      const spawn = this.byChildKey.get(sessionKey);
      if (spawn?.toolDone) this.join(spawn);
    });
  }

  /** A sessions_spawn tool call started: its span is the SUBAGENT span. */
  toolStarted(spawn: Spawn, requesterKey: string | undefined): void {
    spawn.requesterKey = requesterKey;
    if (requesterKey) this.awaitingChild.set(requesterKey, [...this.awaitingChild.get(requesterKey) ?? [], spawn]);
  }

  /** The spawn tool returned; `childKeyFromResult` is the childSessionKey its result reported. */
  toolFinished(spawn: Spawn, childKeyFromResult: string | undefined, result: unknown, error: string | undefined): void {
    spawn.toolDone = true;
    spawn.endMs = this.now();
    spawn.result = result;
    spawn.error = error;
    this.dropAwaiting(spawn);
    if (!spawn.childSessionKey && childKeyFromResult) this.attach(spawn, childKeyFromResult);
    // Refused (or failed) spawns have no child to wait for.
    if (error || !spawn.childSessionKey || this.identity.idOf(spawn.childSessionKey)) this.join(spawn);
  }

  spawned(e: SubagentSpawnEvent, ctx: SubagentContext): void {
    if (this.byChildKey.has(e.childSessionKey)) return; // spawning then spawned: the same child
    const requesterKey = ctx.requesterSessionKey;
    const waiting = requesterKey ? this.awaitingChild.get(requesterKey) : undefined;
    const spawn = waiting?.[0];
    if (spawn) {
      this.dropAwaiting(spawn);
      this.attach(spawn, e.childSessionKey);
      return;
    }
    // Spawned some other way than a visible tool call (ACP, a plugin): a span of its own.
    const traceId = this.identity.traceOf(undefined, requesterKey);
    const own: Spawn = { spanId: `spawn:${e.childSessionKey}`, traceId, parentSpanId: null, requesterKey, toolDone: true, joined: false };
    this.attach(own, e.childSessionKey);
    this.emit({ type: 'subagent_spawn', traceId, spanId: own.spanId, tsMs: this.now(), agentId: this.identity.agentOf(traceId), payload: { ...(e.label ? { label: e.label } : {}), childAgentId: e.agentId, mode: e.mode } });
  }

  ended(e: SubagentEndedEvent): void {
    const spawn = this.byChildKey.get(e.targetSessionKey);
    if (!spawn || spawn.joined) return;
    if (e.outcome && e.outcome !== 'ok' && !spawn.error) spawn.error = e.error ?? `sub-agent ended: ${e.outcome}`;
    spawn.endMs ??= e.endedAt ?? this.now();
    this.join(spawn);
  }

  /** Plugin shutdown: spans still waiting for their child are closed with what is known. */
  joinAll(): void {
    for (const spawn of this.byChildKey.values()) if (!spawn.joined && spawn.toolDone) this.join(spawn);
  }

  private attach(spawn: Spawn, childKey: string): void {
    spawn.childSessionKey = childKey;
    this.byChildKey.set(childKey, spawn);
  }

  private dropAwaiting(spawn: Spawn): void {
    if (!spawn.requesterKey) return;
    const rest = (this.awaitingChild.get(spawn.requesterKey) ?? []).filter((s) => s !== spawn);
    if (rest.length) this.awaitingChild.set(spawn.requesterKey, rest);
    else this.awaitingChild.delete(spawn.requesterKey);
  }

  private join(spawn: Spawn): void {
    if (spawn.joined) return;
    spawn.joined = true;
    const childTraceId = this.identity.idOf(spawn.childSessionKey);
    this.emit({
      type: 'subagent_join',
      traceId: spawn.traceId,
      spanId: spawn.spanId,
      parentSpanId: spawn.parentSpanId,
      tsMs: spawn.endMs ?? this.now(),
      agentId: this.identity.agentOf(spawn.traceId),
      payload: {
        ...(childTraceId ? { childTraceId } : {}),
        ...(spawn.childSessionKey ? { childSessionKey: spawn.childSessionKey } : {}),
        ...(spawn.result !== undefined ? { result: spawn.result } : {}),
        ...(spawn.error ? { error: spawn.error } : {}),
      },
    });
  }
}
