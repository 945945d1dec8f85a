// A call is counted in one session only. `claude --resume` / `--continue` start a new transcript
// that replays the earlier conversation, so the same `message.id:requestId` appears in two session
// files of one project (ccusage de-duplicates across files for the same reason). The session that
// started first owns the call; the replaying session skips it (and its tool calls) and says how
// many it skipped on its root span.
import type { LlmCall } from './llm-calls.ts';

export interface SessionCallSet {
  sessionId: string;
  startMs: number | null;
  calls: LlmCall[];
}

function earlier(a: SessionCallSet, b: SessionCallSet): boolean {
  const aStart = a.startMs ?? Number.POSITIVE_INFINITY;
  const bStart = b.startMs ?? Number.POSITIVE_INFINITY;
  return aStart < bStart || (aStart === bStart && a.sessionId < b.sessionId);
}

/** Call key → owning session, for the calls that appear in more than one session. */
export function callOwners(sessions: SessionCallSet[]): Map<string, string> {
  const owner = new Map<string, SessionCallSet>();
  const shared = new Set<string>();
  for (const session of sessions) {
    for (const call of session.calls) {
      // Calls without a message id have a per-line key and cannot be replays of one another.
      if (call.messageId === null) continue;
      const current = owner.get(call.key);
      if (!current) {
        owner.set(call.key, session);
      } else if (current.sessionId !== session.sessionId) {
        shared.add(call.key);
        if (earlier(session, current)) owner.set(call.key, session);
      }
    }
  }
  return new Map([...shared].map((key) => [key, owner.get(key)?.sessionId ?? '']));
}
