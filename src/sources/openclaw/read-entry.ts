// One validated transcript line → the entry the adapter uses (or nothing, or a rejection reason).
import type { z } from 'zod';
import type { AssistantEntry, ToolCall, TranscriptEntry } from './entries.ts';
import { contentText } from './entries.ts';
import { isRecord } from './guards.ts';
import {
  AssistantMessageSchema,
  CustomEntrySchema,
  describeIssues,
  EntryBaseSchema,
  MessageEntrySchema,
  MessageRoleSchema,
  ModelChangeSchema,
  ToolResultMessageSchema,
  UserMessageSchema,
} from './schema.ts';

/** Provider and model last announced by `model_change` entries: a fallback for bare messages. */
export interface ModelState {
  provider: string | null;
  model: string | null;
}

export type EntryReading =
  | { ok: true; entry: TranscriptEntry | null }
  | { ok: false; reason: string };

const skip: EntryReading = { ok: true, entry: null };

function invalid(error: z.ZodError, prefix: string[] = []): EntryReading {
  return { ok: false, reason: `unexpected shape: ${describeIssues(error, prefix)}` };
}

/**
 * Read one parsed JSON value (not the header). Entry types the adapter does not model
 * (`thinking_level_change`, `compaction`, `branch_summary`, `label`, `session_info`,
 * `custom_message`, and any future type) are valid and skipped.
 */
export function readEntry(value: unknown, line: number, models: ModelState): EntryReading {
  const base = EntryBaseSchema.safeParse(value);
  if (!base.success) return invalid(base.error);
  const { type, id, timestamp: at } = base.data;

  if (type === 'session') return { ok: false, reason: 'a second session header inside the transcript' };
  if (type === 'model_change') {
    const change = ModelChangeSchema.safeParse(value);
    if (change.success) {
      models.provider = change.data.provider ?? models.provider;
      models.model = change.data.modelId ?? models.model;
    }
    return skip;
  }
  if (type === 'custom') return readCustom(value, id, line, at);
  if (type !== 'message') return skip;

  const wrapper = MessageEntrySchema.safeParse(value);
  if (!wrapper.success) return invalid(wrapper.error);
  const message = wrapper.data.message;
  const role = MessageRoleSchema.safeParse(message);
  if (!role.success) return invalid(role.error, ['message']);

  switch (role.data.role) {
    case 'user': {
      const user = UserMessageSchema.safeParse(message);
      if (!user.success) return invalid(user.error, ['message']);
      return { ok: true, entry: { kind: 'user', id, line, at, text: contentText(user.data.content) } };
    }
    case 'assistant': {
      const assistant = AssistantMessageSchema.safeParse(message);
      if (!assistant.success) return invalid(assistant.error, ['message']);
      return { ok: true, entry: toAssistantEntry(assistant.data, id, line, at, models) };
    }
    case 'toolResult': {
      const result = ToolResultMessageSchema.safeParse(message);
      if (!result.success) return invalid(result.error, ['message']);
      const { toolCallId, toolName, content, details, isError } = result.data;
      return {
        ok: true,
        entry: {
          kind: 'toolResult',
          id,
          line,
          at,
          toolCallId,
          toolName: toolName ?? null,
          text: contentText(content),
          details: isRecord(details) ? details : null,
          isError: isError === true,
        },
      };
    }
    default:
      return skip;
  }
}

function toAssistantEntry(
  message: z.infer<typeof AssistantMessageSchema>,
  id: string,
  line: number,
  at: number,
  models: ModelState,
): AssistantEntry {
  const texts: string[] = [];
  const thinking: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text' && 'text' in block) texts.push(block.text);
    else if (block.type === 'thinking' && 'thinking' in block) thinking.push(block.thinking);
    else if (block.type === 'toolCall' && 'name' in block) {
      toolCalls.push({ id: block.id, name: block.name, arguments: block.arguments });
    }
  }
  const usage = message.usage;
  return {
    kind: 'assistant',
    id,
    line,
    at,
    requestAt: message.timestamp ?? null,
    // Provider and model are read per message: they change inside a session on fail-over.
    provider: message.provider ?? models.provider,
    model: message.model ?? models.model,
    api: message.api ?? null,
    stopReason: message.stopReason ?? null,
    errorMessage: message.errorMessage ?? null,
    usage: usage
      ? {
          input: Math.round(usage.input),
          output: Math.round(usage.output),
          cacheRead: Math.round(usage.cacheRead ?? 0),
          cacheWrite: Math.round(usage.cacheWrite ?? 0),
        }
      : null,
    costUsd: usage?.cost?.total ?? null,
    texts,
    thinking,
    toolCalls,
  };
}

/**
 * Custom events (`openclaw:prompt-error`, ...) carry `data.runId` and `data.sessionId`: evidence
 * of which run ran in which session (see RunIdEntry).
 */
function readCustom(value: unknown, id: string, line: number, at: number): EntryReading {
  const custom = CustomEntrySchema.safeParse(value);
  if (!custom.success || !isRecord(custom.data.data)) return skip;
  const { runId, sessionId } = custom.data.data;
  if (typeof runId !== 'string' || runId === '' || typeof sessionId !== 'string') return skip;
  return { ok: true, entry: { kind: 'runId', id, line, at, runId, sessionId } };
}
