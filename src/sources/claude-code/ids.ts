// Stable ids: derived only from what the transcript says, so re-importing the same files yields the
// same ids (idempotent ingest) whatever the order or location of the files.

export const SOURCE = 'claude-code' as const;

/** A session is a main transcript (`agentId` null) or one sub-agent of a main session. */
export interface SessionKey {
  /** The parent's Claude Code sessionId; null for a sub-agent transcript whose parent is unknown. */
  rootSessionId: string | null;
  agentId: string | null;
}

/** `claude-code:<sessionId>` or `claude-code:<sessionId>:agent-<agentId>`. */
export function sessionIdOf(key: SessionKey): string {
  const parts: string[] = [SOURCE];
  if (key.rootSessionId !== null) parts.push(key.rootSessionId);
  if (key.agentId !== null) parts.push(`agent-${key.agentId}`);
  return parts.join(':');
}

/** What the source itself calls the session: its sessionId, or `<sessionId>:agent-<agentId>`. */
export function externalIdOf(key: SessionKey): string {
  return sessionIdOf(key).slice(SOURCE.length + 1);
}

export function rootSpanId(sessionId: string): string {
  return `${sessionId}:root`;
}

/** One LLM span per API response: `<session>:<message.id>:<requestId>`. */
export function llmSpanId(sessionId: string, callKey: string): string {
  return `${sessionId}:${callKey}`;
}

export function toolSpanId(sessionId: string, toolUseId: string): string {
  return `${sessionId}:tool:${toolUseId}`;
}

/** A failed API attempt has no message id; the line's uuid (or line number) names it. */
export function apiErrorSpanId(sessionId: string, lineKey: string): string {
  return `${sessionId}:api-error:${lineKey}`;
}
