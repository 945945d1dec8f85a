// Which files are OpenClaw transcripts, and what their paths say about them.
import { TRANSCRIPT_VERSIONS } from './schema.ts';
import { isSqliteFile, sqliteTableNames } from './sqlite-file.ts';

/** OpenClaw 2026.9+ keeps an agent's transcripts in `agents/<agentId>/agent/openclaw-agent.sqlite`. */
export const STORE_FILE_NAME = 'openclaw-agent.sqlite';
/** The table of a store holding transcript lines, one row per line. */
export const TRANSCRIPT_TABLE = 'transcript_events';

/**
 * `<sessionId>.jsonl`, and the soft-deleted / reset copies OpenClaw keeps valid:
 * `<sessionId>.jsonl.deleted.<ISO>` (completed sub-agents are renamed this way) and
 * `<sessionId>.jsonl.reset.<ISO>`. Lock files (`*.lock`) never are.
 */
const TRANSCRIPT_NAME = /\.jsonl(?:\.(?:deleted|reset)\.[^/\\]+)?$/;

function baseName(fileName: string): string {
  return fileName.split(/[/\\]/).pop() ?? fileName;
}

/** True for a transcript file name whose first line is a `{"type":"session","version":3|4,...}` header. */
export function isOpenClawTranscript(fileName: string, firstLine: string): boolean {
  const name = baseName(fileName);
  if (name.endsWith('.lock') || !TRANSCRIPT_NAME.test(name)) return false;
  try {
    const header: unknown = JSON.parse(firstLine.replace(/^\uFEFF/, '').trim());
    if (typeof header !== 'object' || header === null) return false;
    const { type, version, id } = header as Record<string, unknown>;
    return type === 'session' && typeof version === 'number' && TRANSCRIPT_VERSIONS.includes(version) && typeof id === 'string' && id !== '';
  } catch {
    return false;
  }
}

/**
 * `~/.openclaw/agents/<agentId>/sessions/<file>` (JSONL) or `.../agents/<agentId>/agent/<store>.sqlite`
 * (OpenClaw 2026.9+) → agentId; null when the path does not say.
 */
export function agentIdFromPath(filePath: string): string | null {
  const match = /(?:^|[/\\])agents[/\\]([^/\\]+)[/\\](?:sessions|agent)[/\\]/.exec(filePath);
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

/**
 * True for an OpenClaw SQLite transcript store: a SQLite file named `openclaw-agent.sqlite`, or any
 * `*.sqlite` (a copy, a backup) whose schema has a `transcript_events` table. The other SQLite files
 * of a state dir (the gateway's `openclaw.sqlite`, lock files) are not.
 */
export function isOpenClawStore(file: string): boolean {
  const name = baseName(file);
  if (!name.endsWith('.sqlite') || !isSqliteFile(file)) return false;
  return name === STORE_FILE_NAME || (sqliteTableNames(file)?.has(TRANSCRIPT_TABLE) ?? false);
}

/** `<db>-wal`, `<db>-shm`, `<db>-journal`: SQLite's companions of a store, read with it (or not at all). */
export function isSqliteCompanion(file: string): boolean {
  return /\.sqlite-(?:wal|shm|journal)$/.test(baseName(file));
}
