// ClawTrace plugin for OpenClaw: registers typed hooks with `api.on` and streams what they
// report to ClawTrace's /v1/events. Every handler only records and enqueues (no await, no
// network), never throws into OpenClaw, and returns nothing, so gate hooks (before_tool_call)
// and the synchronous before_message_write are never blocked or changed.
import { Capture } from './capture.ts';
import { readConfig, type CaptureConfig } from './config.ts';
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
export type HookName = (typeof CORE_HOOKS)[number] | (typeof OPTIONAL_HOOKS)[number];
export const HOOK_NAMES: readonly HookName[] = [...CORE_HOOKS, ...OPTIONAL_HOOKS];

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
}
export type Handlers = { [K in HookName]: (event: HookArgs[K][0], ctx: HookArgs[K][1]) => unknown };

export interface ClawTracePlugin {
  config: CaptureConfig;
  capture: Capture;
  sender: EventSender;
  handlers: Handlers;
  close(): Promise<void>;
}

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

/** Builds the capture pipeline; `register` wires it to OpenClaw, tests and the bench call it directly. */
export function createClawTracePlugin(rawConfig: unknown, log: Log = () => undefined): ClawTracePlugin {
  const config = readConfig(rawConfig);
  const sender = new EventSender(config, log);
  const capture = new Capture((event) => sender.enqueue(envelope(event)), config);
  // Runs ended: send what they produced now instead of waiting for the interval.
  const flushSoon = () => void sender.flush();
  const handlers: Handlers = {
    session_start: (e, ctx) => capture.sessionStart(e, ctx),
    session_end: (e, ctx) => {
      capture.sessionEnd(e, ctx);
      flushSoon();
    },
    llm_input: (e, ctx) => capture.runInput(e, ctx ?? {}),
    llm_output: (e) => capture.runOutput(e.runId),
    agent_end: (_e, ctx) => {
      capture.runOutput(ctx?.runId);
      flushSoon();
    },
    model_call_started: (e, ctx) => capture.modelCallStarted(e, ctx ?? {}),
    model_call_ended: (e) => capture.modelCallEnded(e),
    before_tool_call: (e, ctx) => capture.toolBefore(e, ctx ?? { toolName: e.toolName }),
    after_tool_call: (e, ctx) => capture.toolAfter(e, ctx ?? { toolName: e.toolName }),
    before_message_write: (e, ctx) => capture.messageWritten(e, ctx ?? {}),
    subagent_spawning: (e, ctx) => capture.subagentSpawned(e, ctx ?? {}),
    subagent_spawned: (e, ctx) => capture.subagentSpawned(e, ctx ?? {}),
    subagent_ended: (e) => capture.subagentEnded(e),
    gateway_stop: () => close(),
  };
  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= (async () => {
      capture.closeOpen();
      await sender.close();
    })();
    return closing;
  }
  return { config, capture, sender, handlers, close };
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

/** Never lets a failure reach OpenClaw (a throwing before_tool_call would block the tool call). */
function guarded(name: string, handler: (event: never, ctx: never) => unknown, log: Log): (event: never, ctx: never) => Promise<void> | undefined {
  return (event, ctx) => {
    try {
      const result = handler(event, ctx);
      // gateway_stop is the only handler that returns work (the final flush); OpenClaw bounds the wait.
      if (name === 'gateway_stop' && result instanceof Promise) return result.then(() => undefined, () => undefined);
    } catch (error) {
      log('warn', `clawtrace: ${name} hook failed: ${(error as Error).message}`);
    }
    return undefined;
  };
}

export function register(api: PluginApi): void {
  const log: Log = (level, message) => api.logger?.[level]?.(message);
  // Bad settings fail here, at load, where OpenClaw reports them against the plugin.
  readConfig(api.pluginConfig);
  for (const name of HOOK_NAMES) {
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
