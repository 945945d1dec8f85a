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

/**
 * One session can be spread over several files: the transcript before a reset
 * (`<id>.jsonl.reset.<ts>`) and its headerless continuation (`<id>.jsonl`), and copies OpenClaw
 * keeps (`.bak.<ts>`, `.checkpoint.<uuid>.jsonl`) or a user made. They become one transcript: the
 * files in time order, each entry kept once (copies repeat entry ids; the first file's line wins),
 * the header of the earliest file that has one. So a copy never counts a call twice, and a reset
 * never loses the calls after it.
 */
function mergeSessionFiles(transcripts: Transcript[]): Transcript[] {
  const bySession = new Map<string, Transcript[]>();
  for (const t of transcripts) {
    const list = bySession.get(t.sessionId);
    if (list) list.push(t);
    else bySession.set(t.sessionId, [t]);
  }
  const merged: Transcript[] = [];
  for (const parts of bySession.values()) {
    if (parts.length === 1) {
      merged.push(parts[0]!);
      continue;
    }
    // Headed files first (a continuation follows the part that has the header), then by time.
    const ordered = [...parts].sort(
      (a, b) => Number(Boolean(a.headerless)) - Number(Boolean(b.headerless)) || a.startedAt - b.startedAt || (a.path < b.path ? -1 : 1),
    );
    const seen = new Set<string>();
    const entries = ordered.flatMap((t) => t.entries).filter((entry) => !seen.has(entry.id) && seen.add(entry.id));
    const head = ordered[0]!;
    merged.push({
      ...head,
      startedAt: Math.min(...ordered.map((t) => t.startedAt)),
      endedAt: Math.max(...ordered.map((t) => t.endedAt)),
      entries,
    });
  }
  return merged;
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
  const transcripts = mergeSessionFiles(readings);

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
