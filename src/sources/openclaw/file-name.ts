// Which files are OpenClaw transcripts, and what their paths say about them.
import { TRANSCRIPT_VERSIONS } from './schema.ts';
import { isSqliteFile, sqliteTableNames } from './sqlite-file.ts';

/** OpenClaw 2026.9+ keeps an agent's transcripts in `agents/<agentId>/agent/openclaw-agent.sqlite`. */
export const STORE_FILE_NAME = 'openclaw-agent.sqlite';
/** The table of a store holding transcript lines, one row per line. */
export const TRANSCRIPT_TABLE = 'transcript_events';

/**
 * What a transcript file's name says. OpenClaw writes `<sessionId>.jsonl` and, over a session's
 * life (see OpenClaw `src/config/sessions/artifacts.ts` and `archive-compression.ts`):
 * - `reset`: `<id>.jsonl.reset.<ts>` — the transcript before a `/reset` or an automatic reset; the
 *   live `<id>.jsonl` may go on **without a session header** (a continuation of the same session);
 * - `deleted`: `<id>.jsonl.deleted.<ts>` — soft-deleted (completed sub-agents are renamed this way);
 * - `backup`: `<id>.jsonl.bak.<ts>` / `<id>.jsonl.bak-<x>` — a copy made before a repair;
 * - `checkpoint`: `<id>.checkpoint.<uuid>.jsonl` — a copy taken before compaction.
 * Archives may be zstd-compressed (`.zst` appended). Copies repeat entries of the live file; the
 * adapter merges every file of one session id and keeps each entry once.
 */
export type TranscriptFileKind = 'live' | 'reset' | 'deleted' | 'backup' | 'checkpoint';

export interface TranscriptFileName {
  sessionId: string;
  kind: TranscriptFileKind;
  /** `.zst`: read through the zstd decoder. */
  compressed: boolean;
}

const CHECKPOINT_NAME = /^(.+)\.checkpoint\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jsonl$/i;
const ARCHIVE_NAME = /^(.+?)\.jsonl\.(reset|deleted|bak)[.-].+$/;
const LIVE_NAME = /^(.+)\.jsonl$/;
/** Runtime artefacts beside the transcripts that are not transcripts (OpenClaw trajectories). */
const NOT_TRANSCRIPT = /\.trajectory\.jsonl$|\.trajectory-path\.json$|\.lock$/;

function baseName(fileName: string): string {
  return fileName.split(/[/\\]/).pop() ?? fileName;
}

export function readTranscriptFileName(fileName: string): TranscriptFileName | null {
  const name = baseName(fileName);
  if (NOT_TRANSCRIPT.test(name)) return null;
  const compressed = name.endsWith('.zst');
  const plain = compressed ? name.slice(0, -'.zst'.length) : name;
  const checkpoint = CHECKPOINT_NAME.exec(plain);
  if (checkpoint) return { sessionId: checkpoint[1]!, kind: 'checkpoint', compressed };
  const archive = ARCHIVE_NAME.exec(plain);
  if (archive) {
    const reason = archive[2]!;
    return { sessionId: archive[1]!, kind: reason === 'bak' ? 'backup' : (reason as 'reset' | 'deleted'), compressed };
  }
  const live = compressed ? null : LIVE_NAME.exec(plain);
  return live ? { sessionId: live[1]!, kind: 'live', compressed: false } : null;
}

/** An OpenClaw runtime file that sits beside transcripts but is not one: said so when skipped. */
export function openClawArtefactReason(fileName: string): string | null {
  const name = baseName(fileName);
  if (/\.trajectory\.jsonl$|\.trajectory-path\.json$/.test(name)) return 'OpenClaw runtime trajectory (not a transcript: its model calls are in the session transcript)';
  return null;
}

function parseObject(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line.replace(/^\uFEFF/, '').trim());
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * True for a transcript file name whose first line is a `{"type":"session","version":3|4,...}`
 * header — or, for a headerless continuation, an entry (`{type, id, timestamp, ...}`, not a header).
 */
export function isOpenClawTranscript(fileName: string, firstLine: string): boolean {
  if (!readTranscriptFileName(fileName)) return false;
  const first = parseObject(firstLine);
  if (!first) return false;
  const { type, version, id, timestamp } = first;
  if (type === 'session') return typeof version === 'number' && TRANSCRIPT_VERSIONS.includes(version) && typeof id === 'string' && id !== '';
  return isContinuationEntry(type, id, timestamp, first);
}

/** The first line of a headerless continuation: an OpenClaw entry (`message` or another entry type). */
function isContinuationEntry(type: unknown, id: unknown, timestamp: unknown, line: Record<string, unknown>): boolean {
  return typeof type === 'string' && typeof id === 'string' && id !== '' && timestamp !== undefined && 'parentId' in line;
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
  return readTranscriptFileName(filePath)?.sessionId ?? null;
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
