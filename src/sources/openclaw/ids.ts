// Stable record ids (DESIGN §4): derived from the transcript alone, so re-import is idempotent.

export function sessionRecordId(sessionId: string): string {
  return `openclaw:${sessionId}`;
}

export function rootSpanId(sessionId: string): string {
  return `openclaw:${sessionId}:root`;
}

/** LLM spans are keyed by the assistant entry that recorded the call. */
export function entrySpanId(sessionId: string, entryId: string): string {
  return `openclaw:${sessionId}:${entryId}`;
}

/** Tool and sub-agent spans are keyed by the model's tool call id. */
export function toolSpanId(sessionId: string, toolCallId: string): string {
  return `openclaw:${sessionId}:tool:${toolCallId}`;
}
