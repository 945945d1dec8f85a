// Assistant lines → model API calls. One API response is streamed into several lines (one per
// content block) that share `message.id` and `requestId`; counting lines would overcount usage
// 2-3x, so lines are folded into one call per `message.id:requestId`.
import type { ContentBlock } from './schema.ts';
import { lineKey, type TranscriptLine } from './read-lines.ts';
import type { SessionGroup } from './session-groups.ts';
import { emptyUsage, foldUsage, type UsageTotals } from './usage.ts';

/** Claude Code's model name for lines it wrote itself (errors, "No response requested."). */
export const SYNTHETIC_MODEL = '<synthetic>';

export interface PlacedBlock {
  block: ContentBlock;
  line: TranscriptLine;
  /** Position of `line` in the session's lines (transcript order). */
  lineIndex: number;
  /** Position of the block within its line. */
  blockIndex: number;
}

export interface LlmCall {
  /** `message.id:requestId` (or `message.id` alone when there is no requestId). */
  key: string;
  messageId: string | null;
  requestId: string | null;
  lines: TranscriptLine[];
  /** Position of the first streamed line in the session's lines. */
  firstIndex: number;
  model: string | null;
  /** Maximum of each usage field over the streamed lines; null when no line had usage. */
  usage: UsageTotals | null;
  /** The last non-null stop_reason (2.1.x writes none). */
  stopReason: string | null;
  /** Legacy `costUSD` (same on every streamed line, so the maximum). */
  costUsd: number | null;
  blocks: PlacedBlock[];
}

export interface ApiErrorLine {
  line: TranscriptLine;
  lineIndex: number;
}

export interface SessionCalls {
  calls: LlmCall[];
  /** `system` api_error retries and `isApiErrorMessage` assistant lines: failed API attempts. */
  apiErrors: ApiErrorLine[];
}

function callKeyOf(line: TranscriptLine): string {
  const messageId = line.message?.id;
  const requestId = line.envelope.requestId;
  if (messageId) return requestId ? `${messageId}:${requestId}` : messageId;
  // Without a message id streamed lines cannot be matched: each line is its own call.
  return `line-${lineKey(line)}`;
}

export function isApiErrorLine(line: TranscriptLine): boolean {
  const { envelope } = line;
  if (envelope.type === 'system' && envelope.subtype === 'api_error') return true;
  return envelope.type === 'assistant' && envelope.isApiErrorMessage === true;
}

function newCall(key: string, line: TranscriptLine, index: number): LlmCall {
  return {
    key,
    messageId: line.message?.id ?? null,
    requestId: line.envelope.requestId ?? null,
    lines: [],
    firstIndex: index,
    model: null,
    usage: null,
    stopReason: null,
    costUsd: null,
    blocks: [],
  };
}

function addLine(call: LlmCall, line: TranscriptLine, lineIndex: number): void {
  const message = line.message;
  call.lines.push(line);
  if (!message) return;
  call.model ??= message.model ?? null;
  if (message.usage) call.usage = foldUsage(call.usage ?? emptyUsage(), message.usage);
  if (message.stop_reason) call.stopReason = message.stop_reason;
  const cost = line.envelope.costUSD;
  if (cost !== null && cost !== undefined) call.costUsd = Math.max(call.costUsd ?? 0, cost);
  if (Array.isArray(message.content)) {
    message.content.forEach((block, blockIndex) => call.blocks.push({ block, line, lineIndex, blockIndex }));
  }
}

export function collectCalls(group: SessionGroup): SessionCalls {
  const calls = new Map<string, LlmCall>();
  const apiErrors: ApiErrorLine[] = [];
  group.lines.forEach((line, index) => {
    if (isApiErrorLine(line)) {
      apiErrors.push({ line, lineIndex: index });
      return;
    }
    if (line.envelope.type !== 'assistant' || line.message?.model === SYNTHETIC_MODEL) return;
    const key = callKeyOf(line);
    let call = calls.get(key);
    if (!call) {
      call = newCall(key, line, index);
      calls.set(key, call);
    }
    addLine(call, line, index);
  });
  return { calls: [...calls.values()], apiErrors };
}
