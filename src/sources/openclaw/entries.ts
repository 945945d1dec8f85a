// The entries of a transcript the adapter uses, after validation: plain data with epoch-ms times.
import type { ContentBlock } from './schema.ts';

export interface ToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

export interface TokenUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

interface EntryCommon {
  /** The entry id (unique within the transcript). */
  id: string;
  /** 1-based line number in the file, for located errors. */
  line: number;
  /** When the entry was written (epoch ms). */
  at: number;
}

export interface UserEntry extends EntryCommon {
  kind: 'user';
  text: string;
}

export interface AssistantEntry extends EntryCommon {
  kind: 'assistant';
  /** When the request was sent, if the message says so (the entry time is when it was answered). */
  requestAt: number | null;
  provider: string | null;
  model: string | null;
  api: string | null;
  stopReason: string | null;
  errorMessage: string | null;
  usage: TokenUsage | null;
  /** `usage.cost.total`: what OpenClaw computed at list price for this one call. */
  costUsd: number | null;
  texts: string[];
  thinking: string[];
  toolCalls: ToolCall[];
}

export interface ToolResultEntry extends EntryCommon {
  kind: 'toolResult';
  toolCallId: string;
  toolName: string | null;
  text: string;
  /** `details` as the tool wrote it (shape varies per tool). */
  details: Record<string, unknown> | null;
  isError: boolean;
}

/**
 * A run id a custom event attributes to a session (`data.runId`, `data.sessionId`). When the session
 * is the transcript's own, it is one of this session's runs; a sub-agent's first run id is the
 * `runId` its parent's `sessions_spawn` result returned, so this links child to parent exactly.
 */
export interface RunIdEntry extends EntryCommon {
  kind: 'runId';
  runId: string;
  sessionId: string;
}

export type TranscriptEntry = UserEntry | AssistantEntry | ToolResultEntry | RunIdEntry;

/** Text of user / tool-result content, string or blocks; images are marked, not dropped silently. */
export function contentText(content: string | ContentBlock[]): string {
  if (typeof content === 'string') return content;
  const parts: string[] = [];
  for (const block of content) {
    if (block.type === 'text' && 'text' in block) parts.push(block.text);
    else if (block.type === 'image') parts.push('[image]');
  }
  return parts.join('\n');
}
