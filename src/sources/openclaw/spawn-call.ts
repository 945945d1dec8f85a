// A `sessions_spawn` tool call read as a sub-agent spawn: what was asked and what OpenClaw answered.
import type { AssistantEntry, ToolCall, ToolResultEntry } from './entries.ts';
import { isRecord } from './guards.ts';
import { resultDetails } from './tool-outcome.ts';

export const SPAWN_TOOL_NAME = 'sessions_spawn';

/**
 * accepted = OpenClaw started a child run (`details.status: "accepted"`);
 * refused = it did not (`"forbidden"`, e.g. "max active children 5/5", or an error);
 * pending = no tool result was recorded (the parent stopped before the answer was written).
 */
export type SpawnOutcome = 'accepted' | 'refused' | 'pending';

export interface SpawnCall {
  spanId: string;
  /** Session record id of the parent (`openclaw:<sessionId>`). */
  parentSessionId: string;
  /** The parent's own session id, so a session is never linked as its own child. */
  parentExternalId: string;
  outcome: SpawnOutcome;
  /** When the tool call was recorded and when its result was (epoch ms). */
  calledAt: number;
  answeredAt: number | null;
  task: string | null;
  label: string | null;
  childSessionKey: string | null;
  runId: string | null;
}

function stringField(record: Record<string, unknown> | null, key: string): string | null {
  const value = record?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function readSpawnCall(
  spanId: string,
  parentSessionId: string,
  parentExternalId: string,
  call: ToolCall,
  assistant: AssistantEntry,
  result: ToolResultEntry | undefined,
): SpawnCall {
  const args = isRecord(call.arguments) ? call.arguments : null;
  const details = result ? resultDetails(result) : null;
  const accepted = result !== undefined && !result.isError && details?.status === 'accepted';
  return {
    spanId,
    parentSessionId,
    parentExternalId,
    outcome: result === undefined ? 'pending' : accepted ? 'accepted' : 'refused',
    calledAt: assistant.at,
    answeredAt: result?.at ?? null,
    task: stringField(args, 'task'),
    label: stringField(args, 'label'),
    childSessionKey: stringField(details, 'childSessionKey'),
    runId: stringField(details, 'runId'),
  };
}
