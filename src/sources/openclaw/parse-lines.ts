// One transcript → its header and validated entries, with a located rejection per bad line.
//
// A transcript is a JSONL file, or the rows of one session in an OpenClaw SQLite store (see
// sqlite-store.ts), which arrive already split into numbered lines. A transcript whose first line
// is not a v3/v4 session header is rejected as a whole — without the header there is no session id,
// so no stable ids for anything in it — unless its file name gives the id and its first line is an
// entry: OpenClaw goes on writing `<id>.jsonl` without a header after a reset (the old part moved
// to `<id>.jsonl.reset.<ts>`), and that file is the continuation of session <id>. Every other bad line (invalid JSON, a truncated last line,
// wrong types, an undecodable stored row) is rejected on its own and reading continues.
import type { Rejection } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import type { TranscriptEntry } from './entries.ts';
import { readEntry, type ModelState } from './read-entry.ts';
import { readTranscriptFileName } from './file-name.ts';
import { describeIssues, HeaderSchema, TRANSCRIPT_VERSIONS } from './schema.ts';
import { truncate } from './text.ts';

export interface Transcript {
  /** Where it was read: a file path, or `<db path>#<session id>` for a SQLite store. */
  path: string;
  /** The number of its header line (1 in a file, seq 0 in a SQLite store), for located errors. */
  headerLine: number;
  /** The session id from the header (the file name is normally the same id). */
  sessionId: string;
  cwd: string | null;
  /** Header timestamp (epoch ms). */
  startedAt: number;
  /** Latest timestamp of any entry, header included (epoch ms). */
  endedAt: number;
  /** Valid entries the adapter uses, in file order. */
  entries: TranscriptEntry[];
  /** No header: the continuation of the session its file name names (see above). */
  headerless?: boolean;
}

export interface TranscriptReading {
  transcript: Transcript | null;
  rejections: Rejection[];
}

/** One transcript line; `number` is what rejections cite after `<path>:` (file line, or row seq). */
export interface TranscriptLine {
  number: number;
  text: string;
  /** Set when the stored line could not be read back (e.g. a corrupt compressed row): why. */
  unreadable?: string;
}

/** A transcript already split into lines (a session read from a SQLite store). */
export interface TranscriptLines {
  path: string;
  lines: TranscriptLine[];
}

function nonBlankLines(text: string): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  // A byte-order mark would make the header unparseable JSON.
  const raw = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < raw.length; i++) {
    const line = (raw[i] ?? '').replace(/\r$/, '');
    if (line.trim() !== '') lines.push({ number: i + 1, text: line });
  }
  return lines;
}

type JsonReading = { ok: true; value: unknown } | { ok: false; reason: string };

function parseJson(text: string): JsonReading {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // V8 quotes part of the line in its message: keep the reason short.
    return { ok: false, reason: `invalid JSON (truncated or corrupt line): ${truncate(detail, 200)}` };
  }
}

export function parseTranscript(file: SourceFile): TranscriptReading {
  const named = readTranscriptFileName(file.path);
  return parseTranscriptLines({ path: file.path, lines: nonBlankLines(file.text) }, named?.sessionId);
}

/** A first line that is an entry rather than a header: the file may be a headerless continuation. */
function isEntryLine(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { type, id } = value as Record<string, unknown>;
  return typeof type === 'string' && type !== 'session' && typeof id === 'string';
}

/**
 * `sessionIdFromName`: the id the file name gives, used when the transcript has no header (a
 * continuation); SQLite sessions always have one.
 */
export function parseTranscriptLines(source: TranscriptLines, sessionIdFromName?: string): TranscriptReading {
  const at = (line: number): string => `${source.path}:${line}`;
  const lines = source.lines;
  const first = lines[0];
  if (!first) return { transcript: null, rejections: [{ location: at(1), reason: 'empty file: no OpenClaw session header' }] };

  const notTranscript = (why: string): TranscriptReading => ({
    transcript: null,
    rejections: [
      {
        location: at(first.number),
        // "v3": the entry format (version 4 only renumbered the header); wording kept stable.
        reason: `not an OpenClaw v3 transcript (whole file rejected): ${why}`,
      },
    ],
  });
  if (first.unreadable !== undefined) return notTranscript(`first line unreadable: ${first.unreadable}`);
  const headerJson = parseJson(first.text);
  if (!headerJson.ok) return notTranscript(`first line is not a session header: ${headerJson.reason}`);
  if (sessionIdFromName && isEntryLine(headerJson.value)) return readEntries(source, lines, { id: sessionIdFromName, cwd: null, startedAt: null });
  const header = HeaderSchema.safeParse(headerJson.value);
  if (!header.success) {
    return notTranscript(`first line is not a {"type":"session","version":3,"id",...} header (${describeIssues(header.error)})`);
  }
  if (!TRANSCRIPT_VERSIONS.includes(header.data.version)) {
    return notTranscript(`unsupported transcript version ${header.data.version} (expected ${TRANSCRIPT_VERSIONS.join(' or ')})`);
  }
  return readEntries(source, lines.slice(1), { id: header.data.id, cwd: header.data.cwd ?? null, startedAt: header.data.timestamp }, first.number);
}

interface SessionHead {
  id: string;
  cwd: string | null;
  /** The header's timestamp; null for a headerless continuation (its first entry's time is used). */
  startedAt: number | null;
}

function readEntries(source: TranscriptLines, lines: TranscriptLine[], head: SessionHead, headerLine = 0): TranscriptReading {
  const at = (line: number): string => `${source.path}:${line}`;
  const rejections: Rejection[] = [];
  const entries: TranscriptEntry[] = [];
  const models: ModelState = { provider: null, model: null };
  const firstLineOfId = new Map<string, number>();
  let startedAt = head.startedAt ?? Number.POSITIVE_INFINITY;
  let endedAt = head.startedAt ?? Number.NEGATIVE_INFINITY;

  for (const line of lines) {
    if (line.unreadable !== undefined) {
      rejections.push({ location: at(line.number), reason: line.unreadable });
      continue;
    }
    const json = parseJson(line.text);
    if (!json.ok) {
      rejections.push({ location: at(line.number), reason: json.reason });
      continue;
    }
    const reading = readEntry(json.value, line.number, models);
    if (!reading.ok) {
      rejections.push({ location: at(line.number), reason: reading.reason });
      continue;
    }
    const entry = reading.entry;
    if (!entry) continue;
    // Span ids are built from entry ids, so a repeated id would make two records collide.
    const earlier = firstLineOfId.get(entry.id);
    if (earlier !== undefined) {
      rejections.push({ location: at(line.number), reason: `duplicate entry id ${entry.id} (first used on line ${earlier})` });
      continue;
    }
    firstLineOfId.set(entry.id, line.number);
    entries.push(entry);
    endedAt = Math.max(endedAt, entry.at);
    if (head.startedAt === null) startedAt = Math.min(startedAt, entry.at);
  }
  if (head.startedAt === null && entries.length === 0) {
    return { transcript: null, rejections: [...rejections, { location: at(lines[0]?.number ?? 1), reason: 'headerless OpenClaw transcript with no usable entry' }] };
  }

  return {
    transcript: {
      path: source.path,
      headerLine,
      sessionId: head.id,
      cwd: head.cwd,
      startedAt,
      endedAt,
      entries,
      ...(head.startedAt === null ? { headerless: true } : {}),
    },
    rejections,
  };
}
