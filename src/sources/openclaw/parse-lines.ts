// One transcript file → its header and validated entries, with a located rejection per bad line.
//
// A file whose first non-blank line is not a v3 session header is rejected as a whole: without the
// header there is no session id, so no stable ids for anything in it. Every other bad line (invalid
// JSON, a truncated last line, wrong types) is rejected on its own and reading continues.
import type { Rejection } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import type { TranscriptEntry } from './entries.ts';
import { readEntry, type ModelState } from './read-entry.ts';
import { describeIssues, HeaderSchema, TRANSCRIPT_VERSION } from './schema.ts';
import { truncate } from './text.ts';

export interface Transcript {
  path: string;
  /** The session id from the header (the file name is normally the same id). */
  sessionId: string;
  cwd: string | null;
  /** Header timestamp (epoch ms). */
  startedAt: number;
  /** Latest timestamp of any entry, header included (epoch ms). */
  endedAt: number;
  /** Valid entries the adapter uses, in file order. */
  entries: TranscriptEntry[];
}

export interface TranscriptReading {
  transcript: Transcript | null;
  rejections: Rejection[];
}

interface Line {
  number: number;
  text: string;
}

function nonBlankLines(text: string): Line[] {
  const lines: Line[] = [];
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
  const at = (line: number): string => `${file.path}:${line}`;
  const lines = nonBlankLines(file.text);
  const first = lines[0];
  if (!first) return { transcript: null, rejections: [{ location: at(1), reason: 'empty file: no OpenClaw session header' }] };

  const notTranscript = (why: string): TranscriptReading => ({
    transcript: null,
    rejections: [
      {
        location: at(first.number),
        reason: `not an OpenClaw v${TRANSCRIPT_VERSION} transcript (whole file rejected): ${why}`,
      },
    ],
  });
  const headerJson = parseJson(first.text);
  if (!headerJson.ok) return notTranscript(`first line is not a session header: ${headerJson.reason}`);
  const header = HeaderSchema.safeParse(headerJson.value);
  if (!header.success) {
    return notTranscript(`first line is not a {"type":"session","version":3,"id",...} header (${describeIssues(header.error)})`);
  }
  if (header.data.version !== TRANSCRIPT_VERSION) {
    return notTranscript(`unsupported transcript version ${header.data.version} (expected ${TRANSCRIPT_VERSION})`);
  }

  const rejections: Rejection[] = [];
  const entries: TranscriptEntry[] = [];
  const models: ModelState = { provider: null, model: null };
  const firstLineOfId = new Map<string, number>();
  let endedAt = header.data.timestamp;

  for (const line of lines.slice(1)) {
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
  }

  return {
    transcript: {
      path: file.path,
      sessionId: header.data.id,
      cwd: header.data.cwd ?? null,
      startedAt: header.data.timestamp,
      endedAt,
      entries,
    },
    rejections,
  };
}
