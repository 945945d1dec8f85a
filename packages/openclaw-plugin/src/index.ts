// ClawTrace plugin for OpenClaw: registers typed hooks with `api.on` and streams what they
// report to ClawTrace's /v1/events. Every handler only records and enqueues (no await, no
// network) and never throws into OpenClaw. Only with `enforce` set do the deciding hooks
// (before_tool_call, before_agent_run, before_prompt_build) return anything: a decision read
// from the budget states a background poller keeps (enforcement.ts); otherwise they return
// nothing, so tool calls and the synchronous before_message_write are never blocked or changed.
import { Capture } from './capture.ts';
import { readConfig, type CaptureConfig } from './config.ts';
import { createEnforcement, type Enforcement } from './enforcement.ts';
import { envelope } from './envelope.ts';
import type {
  AfterToolCallEvent,
  AgentContext,
  BeforeToolCallEvent,
  LlmRunEvent,
  MessageWriteContext,
  MessageWriteEvent,
  ModelCallEvent,
  PluginApi,
  SessionContext,
  SessionEndEvent,
  SessionStartEvent,
  SubagentContext,
  SubagentEndedEvent,
  SubagentSpawnEvent,
  ToolContext,
} from './hook-types.ts';
import { EventSender } from './sender.ts';

export { Capture } from './capture.ts';
export { readConfig, type CaptureConfig } from './config.ts';
export { envelope, type EventEnvelope, type NewEvent } from './envelope.ts';
export { EventSender, type SenderStats } from './sender.ts';
export { BudgetPoller } from './budget-poller.ts';
export { Enforcement } from './enforcement.ts';

export const PLUGIN_ID = 'clawtrace';

/** Hooks every supported OpenClaw has. llm_input/llm_output need hooks.allowConversationAccess. */
const CORE_HOOKS = [
  'session_start',
  'session_end',
  'llm_input',
  'llm_output',
  'agent_end',
  'before_tool_call',
  'after_tool_call',
  'before_message_write',
  'subagent_spawned',
  'subagent_ended',
  'gateway_stop',
] as const;
/** Newer or older OpenClaw only; an OpenClaw without them logs "unknown typed hook … ignored". */
const OPTIONAL_HOOKS = ['model_call_started', 'model_call_ended', 'subagent_spawning'] as const;
/**
 * Registered only with enforce warn|block: both are conversation hooks (they need
 * hooks.allowConversationAccess, and OpenClaw warns about each one a plugin registers without it),
 * and before_agent_run fails closed, so a plugin that only records stays off them.
 */
const ENFORCE_HOOKS = ['before_prompt_build', 'before_agent_run'] as const;
/** Hooks whose return value OpenClaw acts on; every other handler's result is dropped. */
const DECIDING_HOOKS: ReadonlySet<string> = new Set(['before_tool_call', ...ENFORCE_HOOKS]);
export type HookName = (typeof CORE_HOOKS)[number] | (typeof OPTIONAL_HOOKS)[number] | (typeof ENFORCE_HOOKS)[number];
export const HOOK_NAMES: readonly HookName[] = [...CORE_HOOKS, ...OPTIONAL_HOOKS];

/** The hooks `register` subscribes to for a config: enforcement adds its two. */
export function hookNamesFor(config: CaptureConfig): readonly HookName[] {
  return config.enforce === 'off' ? HOOK_NAMES : [...HOOK_NAMES, ...ENFORCE_HOOKS];
}

/** (event, ctx) of each hook, as OpenClaw passes them; ctx is optional because older runners omit it. */
interface HookArgs {
  session_start: [SessionStartEvent, SessionContext];
  session_end: [SessionEndEvent, SessionContext];
  llm_input: [LlmRunEvent, AgentContext | undefined];
  llm_output: [LlmRunEvent, AgentContext | undefined];
  agent_end: [unknown, AgentContext | undefined];
  model_call_started: [ModelCallEvent, AgentContext | undefined];
  model_call_ended: [ModelCallEvent, AgentContext | undefined];
  before_tool_call: [BeforeToolCallEvent, ToolContext | undefined];
  after_tool_call: [AfterToolCallEvent, ToolContext | undefined];
  before_message_write: [MessageWriteEvent, MessageWriteContext | undefined];
  subagent_spawning: [SubagentSpawnEvent, SubagentContext | undefined];
  subagent_spawned: [SubagentSpawnEvent, SubagentContext | undefined];
  subagent_ended: [SubagentEndedEvent, SubagentContext | undefined];
  gateway_stop: [unknown, unknown];
  before_prompt_build: [unknown, AgentContext | undefined];
  before_agent_run: [unknown, AgentContext | undefined];
}
export type Handlers = { [K in HookName]: (event: HookArgs[K][0], ctx: HookArgs[K][1]) => unknown };

export interface ClawTracePlugin {
  config: CaptureConfig;
  capture: Capture;
  sender: EventSender;
  /** Undefined with enforce off: then nothing polls the budget state. */
  enforcement: Enforcement | undefined;
  handlers: Handlers;
  close(): Promise<void>;
}

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

/** Builds the capture pipeline; `register` wires it to OpenClaw, tests and the bench call it directly. */
export function createClawTracePlugin(rawConfig: unknown, log: Log = () => undefined): ClawTracePlugin {
  const config = readConfig(rawConfig);
  const sender = new EventSender(config, log);
  const capture = new Capture((event) => sender.enqueue(envelope(event)), config);
  const enforcement = createEnforcement(config, capture.identity, log);
  const seen = (sessionId: string | undefined) => enforcement?.seen(sessionId);
  // Runs ended: send what they produced now instead of waiting for the interval.
  const flushSoon = () => void sender.flush();
  const handlers: Handlers = {
    session_start: (e, ctx) => {
      seen(e.sessionId);
      capture.sessionStart(e, ctx);
    },
    session_end: (e, ctx) => {
      capture.sessionEnd(e, ctx);
      flushSoon();
    },
    llm_input: (e, ctx) => {
      seen(e.sessionId);
      capture.runInput(e, ctx ?? {});
    },
    llm_output: (e) => capture.runOutput(e.runId),
    agent_end: (_e, ctx) => {
      capture.runOutput(ctx?.runId);
      flushSoon();
    },
    model_call_started: (e, ctx) => capture.modelCallStarted(e, ctx ?? {}),
    model_call_ended: (e) => capture.modelCallEnded(e),
    before_tool_call: (e, ctx) => {
      // Recorded first: a refused call is still a call the agent tried to make.
      capture.toolBefore(e, ctx ?? { toolName: e.toolName });
      seen(ctx?.sessionId);
      return enforcement?.toolCall(ctx ?? {});
    },
    after_tool_call: (e, ctx) => capture.toolAfter(e, ctx ?? { toolName: e.toolName }),
    before_message_write: (e, ctx) => capture.messageWritten(e, ctx ?? {}),
    subagent_spawning: (e, ctx) => capture.subagentSpawned(e, ctx ?? {}),
    subagent_spawned: (e, ctx) => {
      enforcement?.spawned(e.childSessionKey, ctx?.requesterSessionKey);
      capture.subagentSpawned(e, ctx ?? {});
    },
    subagent_ended: (e) => capture.subagentEnded(e),
    gateway_stop: () => close(),
    before_prompt_build: (_e, ctx) => {
      seen(ctx?.sessionId);
      return enforcement?.promptBuild(ctx ?? {});
    },
    before_agent_run: (_e, ctx) => {
      seen(ctx?.sessionId);
      return enforcement?.agentRun(ctx ?? {});
    },
  };
  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= (async () => {
      enforcement?.close();
      capture.closeOpen();
      await sender.close();
    })();
    return closing;
  }
  return { config, capture, sender, enforcement, handlers, close };
}

/**
 * One pipeline per process and config, shared by every registration: OpenClaw runs register()
 * several times (a full load and discovery passes, each from its own module instance) and the hook
 * runner may call any of those registrations, so the pipeline lives on globalThis and is created
 * by the first hook that fires, never by a registration that only inspects the plugin.
 */
const RUNNING = Symbol.for('clawtrace.openclaw-plugin.running');
type Running = Map<string, ClawTracePlugin>;

function pipelineFor(rawConfig: unknown, log: Log): ClawTracePlugin {
  const scope = globalThis as { [RUNNING]?: Running };
  const running = (scope[RUNNING] ??= new Map());
  const key = JSON.stringify(rawConfig ?? {});
  let plugin = running.get(key);
  if (!plugin) {
    plugin = createClawTracePlugin(rawConfig, log);
    running.set(key, plugin);
    const current = plugin;
    // A process about to end on its own (nothing left to do) gets one more send of what is queued;
    // only when something is queued, so a ClawTrace that stays down cannot keep the process alive.
    // A process that calls process.exit() skips this: the sender spools on 'exit' instead.
    process.on('beforeExit', () => {
      if (current.sender.queued > 0) void current.sender.flush();
    });
  }
  return plugin;
}

/**
 * Never lets a failure reach OpenClaw (a throwing before_tool_call would block the tool call, a
 * throwing before_agent_run the whole run: that hook fails closed). A failed handler answers
 * undefined, which every hook reads as "no objection" (null would not be: before_agent_run takes
 * null as an invalid decision and blocks).
 */
function guarded(name: string, handler: (event: never, ctx: never) => unknown, log: Log): (event: never, ctx: never) => unknown {
  return (event, ctx) => {
    try {
      const result = handler(event, ctx);
      // gateway_stop is the only handler that returns work (the final flush); OpenClaw bounds the wait.
      if (name === 'gateway_stop' && result instanceof Promise) return result.then(() => undefined, () => undefined);
      if (DECIDING_HOOKS.has(name) && result !== null && typeof result === 'object') return result;
    } catch (error) {
      log('warn', `clawtrace: ${name} hook failed: ${(error as Error).message}`);
    }
    return undefined;
  };
}

export function register(api: PluginApi): void {
  const log: Log = (level, message) => api.logger?.[level]?.(message);
  // Bad settings fail here, at load, where OpenClaw reports them against the plugin.
  const config = readConfig(api.pluginConfig);
  for (const name of hookNamesFor(config)) {
    // A handler taking its hook's own (event, ctx) is callable as (never, never): no cast to any needed.
    const handler = (event: never, ctx: never): unknown => {
      const hook: (event: never, ctx: never) => unknown = pipelineFor(api.pluginConfig, log).handlers[name];
      return hook(event, ctx);
    };
    api.on(name, guarded(name, handler, log));
  }
}

export default {
  id: PLUGIN_ID,
  name: 'ClawTrace',
  description: 'Streams sessions, model calls, tool calls and sub-agent spawns to ClawTrace.',
  register,
};
