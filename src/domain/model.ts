// The normalised model every source adapter produces and the graph writer consumes.
//
// Adapters are pure: they turn one source format (OpenClaw JSONL, Claude Code JSONL, OTLP, plugin
// events) into these records and never touch the database. Ids are stable strings derived from the
// source, so re-ingesting the same data produces the same ids and changes nothing.
import { z } from 'zod';

export const SOURCES = ['openclaw', 'claude-code', 'otlp', 'events', 'tau-bench', 'langfuse', 'swe-agent'] as const;
export type SourceKind = (typeof SOURCES)[number];

export const SPAN_KINDS = ['AGENT', 'LLM', 'TOOL', 'SUBAGENT', 'OTHER'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

export const COST_SOURCES = ['reported', 'computed', 'override', 'unpriced'] as const;
export type CostSource = (typeof COST_SOURCES)[number];

/**
 * Token usage of one LLM API call, in the *additive* convention: `input` excludes cache reads and
 * cache writes, so input + cacheRead + cacheWrite5m + cacheWrite1h is everything sent and each token
 * is priced exactly once. Adapters for sources whose input *includes* cached tokens (OpenAI,
 * Gemini, OTel semconv, OpenInference) subtract them here.
 */
export const UsageSchema = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  cacheRead: z.number().int().nonnegative().default(0),
  /** Cache writes with the default (5-minute) lifetime, or of unknown lifetime. */
  cacheWrite: z.number().int().nonnegative().default(0),
  /** Cache writes with the 1-hour lifetime (Anthropic prices them higher). */
  cacheWrite1h: z.number().int().nonnegative().default(0),
  /** Reasoning tokens, already included in `output` (reported for information only). */
  reasoning: z.number().int().nonnegative().default(0),
});
export type Usage = z.infer<typeof UsageSchema>;

export const SessionRecordSchema = z.object({
  /** Stable id, e.g. `openclaw:<sessionId>`, `claude-code:<sessionId>`, `otel:<traceId or conversation>`. */
  id: z.string().min(1),
  source: z.enum(SOURCES),
  /** The id the source itself uses (file name, sessionId, conversation id, trace id). */
  externalId: z.string(),
  agentId: z.string().nullish(),
  agentName: z.string().nullish(),
  sessionKey: z.string().nullish(),
  /** First user request / sub-agent task text (truncated preview). */
  task: z.string().nullish(),
  skill: z.string().nullish(),
  cwd: z.string().nullish(),
  startedAt: z.string().nullish(),
  endedAt: z.string().nullish(),
  /** `open` when the session never reported an end (crash, live gateway): stored and shown as open. */
  status: z.enum(['open', 'completed', 'failed']).default('completed'),
  /**
   * What kind of session this is when it is not a plain top-level session: `subagent`, `warmup`
   * (Claude Code warm-up sidechain with no Task call), `compaction` (Claude Code `agent-acompact-*`),
   * `internal` (another run Claude Code makes for itself: `agent-aprompt_suggestion-*`,
   * `agent-aside_question-*`).
   */
  role: z.enum(['main', 'subagent', 'warmup', 'compaction', 'internal']).default('main'),
  /** Where it was read from (file path, endpoint), for located errors and provenance. */
  origin: z.string().nullish(),
  /**
   * The record describes only the part of the session one request carried (OTLP: a session spans
   * many export requests, in any order). It is merged with what is stored instead of replacing it:
   * time bounds widen, `failed` beats `completed` beats `open`, and the agent with the lowest
   * `agentRank` (then the smallest name) wins — so the result is the same in any arrival order.
   */
  partial: z.boolean().default(false),
  /**
   * How sure the agent identity is; the lowest rank wins whatever the arrival order (ties: partial
   * records take the smallest name, whole ones the latest). OTLP partial records: 0 = named by a
   * root span, 1 = by another span, 2 = by the service only. A fallback name (a Claude Code
   * sub-agent read without its parent's Task call) is 1, below what the spawn says (0).
   */
  agentRank: z.number().int().nonnegative().nullish(),
});
export type SessionRecord = z.input<typeof SessionRecordSchema>;

export const SpanRecordSchema = z.object({
  /** Stable id, e.g. `openclaw:<sessionId>:<entryId>`, `otel:<traceId>:<spanId>`. */
  id: z.string().min(1),
  sessionId: z.string().min(1),
  /** Call-tree parent (another span id in the same session), or null for a root span. */
  parentId: z.string().nullish(),
  kind: z.enum(SPAN_KINDS),
  name: z.string(),
  /** Order within the session (0-based, by start time then source order). */
  seq: z.number().int().nonnegative(),
  startedAt: z.string().nullish(),
  endedAt: z.string().nullish(),
  durationMs: z.number().nonnegative().nullish(),
  model: z.string().nullish(),
  provider: z.string().nullish(),
  toolName: z.string().nullish(),
  toolCallId: z.string().nullish(),
  /** Set on LLM spans only (see DESIGN §6: usage is counted only on inference spans). */
  usage: UsageSchema.nullish(),
  /**
   * Usage an aggregate span (an `invoke_agent` or Vercel `ai.generateText` span) reported for its
   * whole run. Never priced when priced LLM descendants exist; kept for reconciliation.
   */
  aggregateUsage: UsageSchema.nullish(),
  /** Cost in USD reported by the source itself (OpenClaw usage.cost.total, llm.cost.total, ...). */
  reportedCostUsd: z.number().nonnegative().nullish(),
  status: z.enum(['ok', 'error']).default('ok'),
  errorMessage: z.string().nullish(),
  /** Tool arguments or request, as the source gave them; canonicalised and hashed by the writer. */
  args: z.unknown().optional(),
  /** Tool result / assistant text, as the source gave it; stored as a hash and a preview. */
  result: z.unknown().optional(),
  /** Short previews of assistant text and thinking, for the explorer. */
  textPreview: z.string().nullish(),
  /** OTLP: the trace the span belongs to (the finaliser follows trace aliases with it). */
  traceId: z.string().nullish(),
  /** Extra scalar attributes worth keeping (stop reason, framework, span kind from the source). */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type SpanRecord = z.input<typeof SpanRecordSchema>;

/**
 * A sub-agent spawn: the SUBAGENT span in the parent and the child session it started.
 * `linked` = child found; `missing` = accepted but the child transcript is not there;
 * `refused` = the runtime refused the spawn (e.g. too many children); `pending` = not yet resolved.
 */
export const SpawnRecordSchema = z.object({
  spanId: z.string().min(1),
  parentSessionId: z.string().min(1),
  childSessionId: z.string().nullish(),
  status: z.enum(['linked', 'missing', 'refused', 'pending']),
  task: z.string().nullish(),
  label: z.string().nullish(),
  /** How the link was made (e.g. `task-text+time`, `runs.json`, `toolUseResult.agentId`). */
  linkedBy: z.string().nullish(),
  /**
   * What the parent's spawn call says about the child, for a child imported without its parent
   * beside it: the agent type it asked for (Claude Code `subagent_type`) and the child's session
   * key (OpenClaw `childSessionKey`). The writer puts them on the child however they arrive.
   */
  childAgent: z.string().nullish(),
  childSessionKey: z.string().nullish(),
});
export type SpawnRecord = z.input<typeof SpawnRecordSchema>;

/**
 * The session a trace belongs to, when a request names it (OTLP: `gen_ai.conversation.id` or
 * `session.id`, often on one span only). Spans of the trace that came in requests without that
 * span were filed under the trace's own session (`traceSessionId`); the finaliser moves them.
 * `rank` orders conflicting names (0: named on a root span), then the smallest session id wins.
 */
export interface TraceAlias {
  traceId: string;
  traceSessionId: string;
  sessionId: string;
  rank: number;
}

/** A record an adapter could not use, with where it was and why. Never silently dropped. */
export interface Rejection {
  /** `file:line`, `otlp span <id> field <name>`, `event <eventId>`, ... */
  location: string;
  reason: string;
}

/** What one adapter produced from one input (a file, a request body). */
export interface NormalisedBatch {
  sessions: SessionRecord[];
  spans: SpanRecord[];
  spawns: SpawnRecord[];
  rejections: Rejection[];
  /** OTLP only: which session each trace of the request belongs to. */
  traceAliases?: TraceAlias[];
}

export function emptyBatch(): NormalisedBatch {
  return { sessions: [], spans: [], spawns: [], rejections: [] };
}

export function mergeBatches(batches: NormalisedBatch[]): NormalisedBatch {
  const merged = emptyBatch();
  for (const b of batches) {
    merged.sessions.push(...b.sessions);
    merged.spans.push(...b.spans);
    merged.spawns.push(...b.spawns);
    merged.rejections.push(...b.rejections);
    if (b.traceAliases?.length) (merged.traceAliases ??= []).push(...b.traceAliases);
  }
  return merged;
}
