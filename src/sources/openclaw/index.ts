// The OpenClaw session-transcript adapter: transcript files, or sessions read from an OpenClaw
// 2026.9+ SQLite store (+ optional sessions.json / runs.json) → sessions, spans, spawns and located
// rejections. Pure: it reads only what it is given.
//
// The output does not depend on the order of `files`: they are read in path order, and everything
// after that is derived deterministically from the content.
import type { NormalisedBatch, Rejection, SessionRecord, SpanRecord } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import { agentIdFromPath, agentIdFromSessionKey } from './file-name.ts';
import { addSessionKey, readRunsJson, readSessionsJson } from './indexes.ts';
import { parseTranscript, parseTranscriptLines, type Transcript, type TranscriptLines } from './parse-lines.ts';
import { buildSessionRecord } from './session.ts';
import { buildSessionSpans } from './spans.ts';
import type { SpawnCall } from './spawn-call.ts';
import { linkSpawns, type ChildCandidate } from './spawn-links.ts';
import { firstUserText, subagentTaskOf } from './subagent-task.ts';

export { isOpenClawStore, isOpenClawTranscript, isSqliteCompanion } from './file-name.ts';
export type { TranscriptLines } from './parse-lines.ts';

/** A JSONL transcript file, or one session of a SQLite store already split into lines. */
export type OpenClawSource = SourceFile | TranscriptLines;

export interface OpenClawExtras {
  /** `agents/<agentId>/sessions/sessions.json`: session keys. */
  sessionsJson?: SourceFile;
  /** `subagents/runs.json`: sub-agent run registry. */
  runsJson?: SourceFile;
  /**
   * Session key → session id pairs found elsewhere than sessions.json (a SQLite store's
   * session_windows table); merged into the same index.
   */
  sessionKeys?: Array<{ sessionKey: string; sessionId: string }>;
}

function textOf(source: OpenClawSource): string {
  return 'text' in source ? source.text : source.lines.map((l) => l.text).join('\n');
}

function byPathThenText(a: OpenClawSource, b: OpenClawSource): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  const [ta, tb] = [textOf(a), textOf(b)];
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function entryCount(t: Transcript): number {
  return t.entries.length;
}

/**
 * Two files with one session id (a copy, or a backup beside the live file) would produce colliding
 * records: the one with more usable entries is kept (the most complete), the other is rejected.
 */
function dropDuplicateSessions(transcripts: Transcript[], rejections: Rejection[]): Transcript[] {
  const kept = new Map<string, Transcript>();
  for (const t of transcripts) {
    const other = kept.get(t.sessionId);
    if (!other) {
      kept.set(t.sessionId, t);
      continue;
    }
    const [winner, loser] = entryCount(t) > entryCount(other) ? [t, other] : [other, t];
    kept.set(t.sessionId, winner);
    rejections.push({
      location: `${loser.path}:${loser.headerLine}`,
      reason: `duplicate session ${t.sessionId}: also in ${winner.path}, which has more entries and is used instead`,
    });
  }
  return transcripts.filter((t) => kept.get(t.sessionId) === t);
}

function childCandidate(t: Transcript): ChildCandidate {
  const runIds: string[] = [];
  for (const entry of t.entries) {
    if (entry.kind === 'runId' && entry.sessionId === t.sessionId) runIds.push(entry.runId);
  }
  return { sessionId: t.sessionId, startedAt: t.startedAt, task: subagentTaskOf(firstUserText(t)), runIds };
}

export function parseOpenClaw(files: OpenClawSource[], extras: OpenClawExtras = {}): NormalisedBatch {
  const rejections: Rejection[] = [];
  const readings: Transcript[] = [];
  for (const file of [...files].sort(byPathThenText)) {
    const reading = 'text' in file ? parseTranscript(file) : parseTranscriptLines(file);
    rejections.push(...reading.rejections);
    if (reading.transcript) readings.push(reading.transcript);
  }
  const transcripts = dropDuplicateSessions(readings, rejections);

  const sessionsIndex = readSessionsJson(extras.sessionsJson);
  for (const { sessionKey, sessionId } of extras.sessionKeys ?? []) addSessionKey(sessionsIndex.index, sessionKey, sessionId);
  const runsIndex = readRunsJson(extras.runsJson, sessionsIndex.index);
  rejections.push(...sessionsIndex.rejections, ...runsIndex.rejections);

  const agentIds = new Map<string, string | null>();
  const spans: SpanRecord[] = [];
  const spawnCalls: SpawnCall[] = [];
  for (const t of transcripts) {
    const indexedKey = sessionsIndex.index.keyOfSession.get(t.sessionId) ?? null;
    const agentId = agentIdFromPath(t.path) ?? agentIdFromSessionKey(indexedKey);
    agentIds.set(t.sessionId, agentId);
    const built = buildSessionSpans(t, agentId ?? 'openclaw');
    spans.push(...built.spans);
    spawnCalls.push(...built.spawnCalls);
  }

  const linking = linkSpawns(spawnCalls, transcripts.map(childCandidate), runsIndex.runs, sessionsIndex.index);

  const sessions: SessionRecord[] = transcripts.map((t) => {
    const isLinkedChild = linking.childKeys.has(t.sessionId);
    // sessions.json names live sessions; a completed sub-agent's key survives only in its parent's
    // spawn result.
    const sessionKey = sessionsIndex.index.keyOfSession.get(t.sessionId) ?? linking.childKeys.get(t.sessionId) ?? null;
    const agentId = agentIds.get(t.sessionId) ?? agentIdFromSessionKey(sessionKey);
    return buildSessionRecord(t, { agentId, sessionKey, isLinkedChild });
  });

  return { sessions, spans, spawns: linking.spawns, rejections };
}
