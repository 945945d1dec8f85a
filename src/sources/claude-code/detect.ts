// Is this file a Claude Code transcript? Decided from the name and the first few lines, which the
// importer reads from a bounded prefix of the file (so the last line given may be cut short).
import { classifyPath } from './file-layout.ts';

/** Line types only Claude Code writes (OpenClaw uses session / message / model_change / ...). */
const CLAUDE_CODE_TYPES = new Set(['user', 'assistant', 'system', 'summary', 'progress', 'queue-operation', 'file-history-snapshot']);
/** Fields that mark a Claude Code line (besides its type). */
const CLAUDE_CODE_FIELDS = ['sessionId', 'parentUuid', 'leafUuid', 'messageId', 'isSidechain'];
/** For a line cut short by the read limit: its opening still names the type and a Claude Code field. */
const TRUNCATED_LINE = new RegExp(
  `^\\{.*"type"\\s*:\\s*"(${[...CLAUDE_CODE_TYPES].join('|')})".*"(${CLAUDE_CODE_FIELDS.join('|')})"\\s*:` +
    `|^\\{.*"(${CLAUDE_CODE_FIELDS.join('|')})"\\s*:.*"type"\\s*:\\s*"(${[...CLAUDE_CODE_TYPES].join('|')})"`,
);

function looksLikeClaudeCodeLine(line: string): boolean {
  const text = line.trim();
  if (!text.startsWith('{')) return false;
  try {
    const json: unknown = JSON.parse(text);
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return false;
    const record = json as Record<string, unknown>;
    return typeof record.type === 'string' && CLAUDE_CODE_TYPES.has(record.type) && CLAUDE_CODE_FIELDS.some((f) => f in record);
  } catch {
    return TRUNCATED_LINE.test(text);
  }
}

/**
 * True for `*.jsonl` files whose first lines look like Claude Code's. A sub-agent transcript in the
 * `subagents/` layout counts even when empty: its place names it.
 */
export function isClaudeCodeTranscript(fileName: string, firstLines: string[]): boolean {
  const role = classifyPath(fileName);
  if (role.kind !== 'main' && role.kind !== 'agent') return false;
  if (firstLines.some(looksLikeClaudeCodeLine)) return true;
  const empty = firstLines.every((l) => l.trim() === '');
  return empty && role.kind === 'agent' && role.layout === 'subagents';
}
