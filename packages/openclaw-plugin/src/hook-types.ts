// The parts of OpenClaw's typed plugin hooks this plugin reads (openclaw 2026.9.x,
// PluginHookHandlerMap in its plugin SDK). Declared here, structurally and all-optional where
// OpenClaw marks them optional, so the plugin needs no build-time dependency on OpenClaw.

export interface AgentContext {
  runId?: string;
  agentId?: string;
  sessionKey?: string;
  sessionId?: string;
}

export interface ModelCallEvent {
  runId: string;
  callId: string;
  sessionKey?: string;
  sessionId?: string;
  provider: string;
  model: string;
  api?: string;
  /** model_call_ended only */
  durationMs?: number;
  outcome?: 'completed' | 'error';
  errorCategory?: string;
  failureKind?: string;
}

export interface LlmRunEvent {
  runId: string;
  sessionId: string;
  provider: string;
  model: string;
}

export interface ToolContext {
  agentId?: string;
  sessionKey?: string;
  sessionId?: string;
  runId?: string;
  toolName: string;
  toolCallId?: string;
}

export interface BeforeToolCallEvent {
  toolName: string;
  params: Record<string, unknown>;
  runId?: string;
  toolCallId?: string;
}

export interface AfterToolCallEvent extends BeforeToolCallEvent {
  result?: unknown;
  error?: string;
  durationMs?: number;
}

export interface SessionContext {
  agentId?: string;
  sessionId: string;
  sessionKey?: string;
}

export interface SessionStartEvent {
  sessionId: string;
  sessionKey?: string;
  resumedFrom?: string;
}

export interface SessionEndEvent {
  sessionId: string;
  sessionKey?: string;
  messageCount?: number;
  reason?: string;
}

export interface SubagentContext {
  runId?: string;
  childSessionKey?: string;
  requesterSessionKey?: string;
}

/** subagent_spawning (older OpenClaw) and subagent_spawned share this base. */
export interface SubagentSpawnEvent {
  childSessionKey: string;
  agentId?: string;
  label?: string;
  mode?: string;
  runId?: string;
}

export interface SubagentEndedEvent {
  targetSessionKey: string;
  reason?: string;
  outcome?: string;
  error?: string;
  runId?: string;
  endedAt?: number;
}

/** An assistant transcript message as before_message_write sees it: one per model API call. */
export interface AssistantMessage {
  role: 'assistant';
  content?: Array<{ type?: string; id?: string; name?: string; text?: string }>;
  provider?: string;
  model?: string;
  api?: string;
  stopReason?: string;
  errorMessage?: string;
  timestamp?: number;
  responseId?: string;
  usage?: {
    input?: number;
    output?: number;
    cacheRead?: number;
    cacheWrite?: number;
    cost?: { total?: number };
  };
}

export interface MessageWriteEvent {
  message: { role?: string } & Omit<Partial<AssistantMessage>, 'role'>;
}

export interface MessageWriteContext {
  agentId?: string;
  sessionKey?: string;
}

/** The registration surface used: `api.on(name, handler)` plus config and logger. */
export interface PluginApi {
  id?: string;
  pluginConfig?: Record<string, unknown>;
  registrationMode?: string;
  logger?: { info?(msg: string): void; warn?(msg: string): void; error?(msg: string): void; debug?(msg: string): void };
  on(hookName: string, handler: (event: never, ctx: never) => unknown, opts?: Record<string, unknown>): void;
}
