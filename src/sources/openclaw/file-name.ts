// Which files are OpenClaw transcripts, and what their paths say about them.

/**
 * `<sessionId>.jsonl`, and the soft-deleted / reset copies OpenClaw keeps valid:
 * `<sessionId>.jsonl.deleted.<ISO>` (completed sub-agents are renamed this way) and
 * `<sessionId>.jsonl.reset.<ISO>`. Lock files (`*.lock`) never are.
 */
const TRANSCRIPT_NAME = /\.jsonl(?:\.(?:deleted|reset)\.[^/\\]+)?$/;

function baseName(fileName: string): string {
  return fileName.split(/[/\\]/).pop() ?? fileName;
}

/** True for a transcript file name whose first line is a `{"type":"session","version":3,...}` header. */
export function isOpenClawTranscript(fileName: string, firstLine: string): boolean {
  const name = baseName(fileName);
  if (name.endsWith('.lock') || !TRANSCRIPT_NAME.test(name)) return false;
  try {
    const header: unknown = JSON.parse(firstLine.replace(/^\uFEFF/, '').trim());
    if (typeof header !== 'object' || header === null) return false;
    const { type, version, id } = header as Record<string, unknown>;
    return type === 'session' && version === 3 && typeof id === 'string' && id !== '';
  } catch {
    return false;
  }
}

/** `~/.openclaw/agents/<agentId>/sessions/<file>` → agentId; null when the path does not say. */
export function agentIdFromPath(filePath: string): string | null {
  const match = /(?:^|[/\\])agents[/\\]([^/\\]+)[/\\]sessions[/\\]/.exec(filePath);
  return match?.[1] ?? null;
}

/** `agent:<agentId>:...` session keys name the agent too. */
export function agentIdFromSessionKey(sessionKey: string | null): string | null {
  const match = sessionKey ? /^agent:([^:]+):/.exec(sessionKey) : null;
  return match?.[1] ?? null;
}

/** `.../<sessionId>.jsonl[.deleted.<ts>]` → sessionId (runs.json may give a transcript path). */
export function sessionIdFromTranscriptPath(filePath: string): string | null {
  const match = /^(.+?)\.jsonl(?:\.|$)/.exec(baseName(filePath));
  return match?.[1] ?? null;
}
