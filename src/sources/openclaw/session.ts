// One transcript → its SessionRecord.
import type { SessionRecord } from '../../domain/model.ts';
import { sessionRecordId } from './ids.ts';
import type { Transcript } from './parse-lines.ts';
import { firstUserText, subagentTaskOf } from './subagent-task.ts';
import { TASK_PREVIEW_CHARS, truncate } from './text.ts';
import { toIso } from './time.ts';

export interface SessionContext {
  agentId: string | null;
  sessionKey: string | null;
  /** Linked as the child of a spawn in this batch. */
  isLinkedChild: boolean;
}

export function buildSessionRecord(transcript: Transcript, context: SessionContext): SessionRecord {
  const firstUser = firstUserText(transcript);
  const subagentTask = subagentTaskOf(firstUser);
  const isSubagent =
    context.isLinkedChild || subagentTask !== null || (context.sessionKey?.includes(':subagent:') ?? false);
  // For a sub-agent the task is what its parent asked for, not the "[Subagent Context] You are
  // running as a subagent…" preamble in front of it.
  const task = subagentTask ?? firstUser;

  return {
    id: sessionRecordId(transcript.sessionId),
    source: 'openclaw',
    externalId: transcript.sessionId,
    agentId: context.agentId,
    sessionKey: context.sessionKey,
    task: task === null ? null : truncate(task.trim(), TASK_PREVIEW_CHARS),
    cwd: transcript.cwd,
    startedAt: toIso(transcript.startedAt),
    endedAt: toIso(transcript.endedAt),
    // A transcript does not record a crash or a close, so a session is 'completed' as far as we
    // can know, even when its last model call ended with stopReason error/aborted (that failure
    // is on the LLM span).
    status: 'completed',
    role: isSubagent ? 'subagent' : 'main',
    origin: transcript.path,
  };
}
