// zod schemas for the lines of a Claude Code transcript (`~/.claude/projects/<cwd>/<id>.jsonl`).
//
// Every line is checked against a lenient envelope (the fields shared by all line types). Lines that
// carry a `message` (user / assistant) are then checked strictly, because usage, content blocks and
// tool calls are what the adapter counts: a wrong shape there rejects the line with a located
// reason instead of being half-read. Everything else (progress payloads, tool-specific
// `toolUseResult`, snapshots) varies between Claude Code versions and is read leniently.
import { z } from 'zod';

const TokenCount = z.number().int().nonnegative();
/** A field we only display: an unusable value becomes undefined rather than rejecting the line. */
const OptionalString = z.string().nullish().catch(undefined);
const OptionalBoolean = z.boolean().nullish().catch(undefined);
const OptionalNumber = z.number().nullish().catch(undefined);

/** `message.usage` of an assistant line (Anthropic Messages API usage, additive convention). */
export const RawUsageSchema = z.looseObject({
  input_tokens: TokenCount.nullish(),
  output_tokens: TokenCount.nullish(),
  cache_creation_input_tokens: TokenCount.nullish(),
  cache_read_input_tokens: TokenCount.nullish(),
  cache_creation: z
    .looseObject({
      ephemeral_5m_input_tokens: TokenCount.nullish(),
      ephemeral_1h_input_tokens: TokenCount.nullish(),
    })
    .nullish(),
  service_tier: OptionalString,
  server_tool_use: z
    .looseObject({ web_search_requests: OptionalNumber, web_fetch_requests: OptionalNumber })
    .nullish()
    .catch(undefined),
});
export type RawUsage = z.infer<typeof RawUsageSchema>;

/** One content block: text, thinking, tool_use, tool_result, image, ... (unknown types are kept). */
export const ContentBlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  thinking: z.string().optional(),
  /** tool_use */
  id: z.string().optional(),
  name: z.string().optional(),
  input: z.unknown().optional(),
  /** tool_result */
  tool_use_id: z.string().optional(),
  content: z.unknown().optional(),
  is_error: z.boolean().nullish(),
});
export type ContentBlock = z.infer<typeof ContentBlockSchema>;

export const MessageSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  role: z.string().nullish(),
  content: z.union([z.string(), z.array(ContentBlockSchema)]).nullish(),
  stop_reason: z.string().nullish(),
  usage: RawUsageSchema.nullish(),
});
export type Message = z.infer<typeof MessageSchema>;

/** Fields shared by every line type; `message` is validated separately (see above). */
export const EnvelopeSchema = z.looseObject({
  type: z.string().min(1),
  uuid: OptionalString,
  parentUuid: OptionalString,
  sessionId: OptionalString,
  timestamp: z.unknown().optional(),
  cwd: OptionalString,
  version: OptionalString,
  gitBranch: OptionalString,
  isSidechain: OptionalBoolean,
  agentId: OptionalString,
  isMeta: OptionalBoolean,
  /** On a line the harness wrote for a tool call (a Skill's injected SKILL.md): that call's id. */
  sourceToolUseID: OptionalString,
  isCompactSummary: OptionalBoolean,
  requestId: OptionalString,
  message: z.unknown().optional(),
  toolUseResult: z.unknown().optional(),
  subtype: OptionalString,
  data: z.unknown().optional(),
  parentToolUseID: OptionalString,
  isApiErrorMessage: OptionalBoolean,
  apiErrorStatus: OptionalNumber,
  error: z.unknown().optional(),
  content: z.unknown().optional(),
  retryAttempt: OptionalNumber,
  maxRetries: OptionalNumber,
  /** Legacy (pre-1.0.9) cost field; current versions write none. */
  costUSD: z.number().nonnegative().nullish(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** `toolUseResult` of a Task/Agent tool result: names the sub-agent it ran. */
export const TaskToolUseResultSchema = z.looseObject({
  agentId: z.string().min(1),
  status: OptionalString,
  totalTokens: OptionalNumber,
  totalDurationMs: OptionalNumber,
  totalToolUseCount: OptionalNumber,
});

/** `data` of a `progress` line streamed while a sub-agent runs. */
export const AgentProgressSchema = z.looseObject({
  type: z.literal('agent_progress'),
  agentId: z.string().min(1),
});

/** `<sessionId>/subagents/agent-<agentId>.meta.json` (Claude Code >= 2.1). */
export const AgentMetaSchema = z.looseObject({
  toolUseId: z.string().min(1).nullish().catch(undefined),
  agentType: OptionalString,
  description: OptionalString,
  spawnDepth: OptionalNumber,
  parentAgentId: OptionalString,
});
export type AgentMeta = z.infer<typeof AgentMetaSchema>;

/** Task input (`Task`, newer `Agent`): read leniently, it is only used for labels and matching. */
export const TaskInputSchema = z.looseObject({
  description: OptionalString,
  prompt: OptionalString,
  subagent_type: OptionalString,
  model: OptionalString,
});
