// The two index files beside transcripts: `sessions.json` (session key → session id) and
// `subagents/runs.json` (sub-agent run registry). Both are optional, read leniently, and rejected
// with a located reason when unreadable.
import type { Rejection } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import { sessionIdFromTranscriptPath } from './file-name.ts';
import { isRecord } from './guards.ts';

export interface SessionKeyIndex {
  /** session id → the session key naming it (its token fields are last-run values: not read). */
  keyOfSession: Map<string, string>;
  /** session key → session id. */
  sessionOfKey: Map<string, string>;
}

export interface RunLink {
  sessionId: string | null;
  childSessionKey: string | null;
}

function readJsonObject(file: SourceFile): { value: Record<string, unknown> } | { rejection: Rejection } {
  try {
    const value: unknown = JSON.parse(file.text.replace(/^\uFEFF/, ''));
    if (isRecord(value)) return { value };
    return { rejection: { location: file.path, reason: 'expected a JSON object at the top level' } };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { rejection: { location: file.path, reason: `invalid JSON: ${detail}` } };
  }
}

/**
 * Several keys can name one session (a cron job's key and its `:run:<id>` key): prefer the key that
 * is not a per-run alias, then the shorter, then the first in code-point order, so the choice does
 * not depend on the order of the file.
 */
function preferredKey(a: string, b: string): string {
  const aliasA = a.includes(':run:');
  const aliasB = b.includes(':run:');
  if (aliasA !== aliasB) return aliasA ? b : a;
  if (a.length !== b.length) return a.length < b.length ? a : b;
  return a < b ? a : b;
}

export function readSessionsJson(file: SourceFile | undefined): { index: SessionKeyIndex; rejections: Rejection[] } {
  const index: SessionKeyIndex = { keyOfSession: new Map(), sessionOfKey: new Map() };
  if (!file) return { index, rejections: [] };
  const read = readJsonObject(file);
  if ('rejection' in read) return { index, rejections: [read.rejection] };

  const rejections: Rejection[] = [];
  for (const [key, entry] of Object.entries(read.value)) {
    const sessionId = isRecord(entry) ? entry.sessionId : undefined;
    if (typeof sessionId !== 'string' || sessionId === '') {
      rejections.push({ location: `${file.path}#${key}`, reason: 'session entry without a string sessionId' });
      continue;
    }
    addSessionKey(index, key, sessionId);
  }
  return { index, rejections };
}

/** Records that `key` names `sessionId` (sessions.json, or a SQLite store's session_windows). */
export function addSessionKey(index: SessionKeyIndex, key: string, sessionId: string): void {
  // sessions.json (read first) says which session a key points at now: it is not overridden.
  if (!index.sessionOfKey.has(key)) index.sessionOfKey.set(key, sessionId);
  const known = index.keyOfSession.get(sessionId);
  index.keyOfSession.set(sessionId, known === undefined ? key : preferredKey(known, key));
}

function stringOf(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * OpenClaw's registry is `{version, runs: {<runId>: {runId, childSessionKey, ...}}}`; its records
 * name the child by session key (some versions add `transcriptPath`), so the session id is
 * resolved through `sessions.json` when the record does not carry one. A flat
 * `{<runId>: "<sessionId>"}` map is accepted too.
 */
export function readRunsJson(
  file: SourceFile | undefined,
  sessions: SessionKeyIndex,
): { runs: Map<string, RunLink>; rejections: Rejection[] } {
  const runs = new Map<string, RunLink>();
  if (!file) return { runs, rejections: [] };
  const read = readJsonObject(file);
  if ('rejection' in read) return { runs, rejections: [read.rejection] };

  const table = isRecord(read.value.runs) ? read.value.runs : read.value;
  const rejections: Rejection[] = [];
  for (const [runId, entry] of Object.entries(table)) {
    if (runId === 'version' && table === read.value) continue;
    if (typeof entry === 'string' && entry !== '') {
      runs.set(runId, { sessionId: entry, childSessionKey: null });
      continue;
    }
    if (!isRecord(entry)) {
      rejections.push({ location: `${file.path}#${runId}`, reason: 'run entry is neither a session id nor an object' });
      continue;
    }
    const childSessionKey = stringOf(entry, 'childSessionKey');
    const transcriptPath = stringOf(entry, 'transcriptPath');
    const sessionId =
      stringOf(entry, 'sessionId') ??
      stringOf(entry, 'childSessionId') ??
      (transcriptPath ? sessionIdFromTranscriptPath(transcriptPath) : null) ??
      (childSessionKey ? (sessions.sessionOfKey.get(childSessionKey) ?? null) : null);
    runs.set(stringOf(entry, 'runId') ?? runId, { sessionId, childSessionKey });
  }
  return { runs, rejections };
}
