// One tool call (and its result, when recorded) → one TOOL span, or a SUBAGENT span for spawns.
import type { SpanRecord } from '../../domain/model.ts';
import type { AssistantEntry, ToolCall, ToolResultEntry } from './entries.ts';
import { SPAWN_TOOL_NAME } from './spawn-call.ts';
import { resultDetails, toolOutcome } from './tool-outcome.ts';
import { durationBetween, toIso } from './time.ts';

export interface ToolSpanInput {
  id: string;
  sessionId: string;
  /** The LLM span of the assistant message that made the call. */
  parentId: string;
  call: ToolCall;
  assistant: AssistantEntry;
  result: ToolResultEntry | undefined;
  seq: number;
}

export function buildToolSpan({ id, sessionId, parentId, call, assistant, result, seq }: ToolSpanInput): SpanRecord {
  const isSpawn = call.name === SPAWN_TOOL_NAME;
  // The call exists once the assistant message that asked for it is written; it ends when its
  // result is. A call with no result is kept, open-ended (the session stopped first).
  const startedAt = assistant.at;
  const endedAt = result?.at ?? null;
  const outcome = result ? toolOutcome(result) : null;
  const attributes: Record<string, string | number> = { ...outcome?.attributes };
  if (isSpawn && result) {
    // The child's session key and run id are what joins the spawn to the child transcript.
    const details = resultDetails(result);
    if (typeof details?.childSessionKey === 'string') attributes.childSessionKey = details.childSessionKey;
    if (typeof details?.runId === 'string') attributes.runId = details.runId;
  }

  return {
    id,
    sessionId,
    parentId,
    kind: isSpawn ? 'SUBAGENT' : 'TOOL',
    name: call.name,
    seq,
    startedAt: toIso(startedAt),
    endedAt: toIso(endedAt),
    durationMs: durationBetween(startedAt, endedAt),
    toolName: call.name,
    toolCallId: call.id,
    status: outcome?.failed ? 'error' : 'ok',
    errorMessage: outcome?.errorMessage ?? null,
    args: call.arguments,
    ...(result ? { result: result.text } : {}),
    attributes,
  };
}
