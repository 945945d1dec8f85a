// Splits one transcript file into validated lines. A bad line becomes a located rejection
// (`<file>:<line>`) and the rest of the file is still read: nothing valid is lost because one line
// is broken (a crash mid-write leaves a torn last line, for instance).
import type { z } from 'zod';
import type { Rejection } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import { baseName } from './file-layout.ts';
import { EnvelopeSchema, MessageSchema, type Envelope, type Message } from './schema.ts';
import { toEpochMs } from './time.ts';

export interface TranscriptLine {
  file: string;
  /** 1-based line number in `file`. */
  lineNo: number;
  envelope: Envelope;
  /** The validated `message` of a user / assistant line; null for other line types. */
  message: Message | null;
  timeMs: number | null;
}

export interface ReadResult {
  lines: TranscriptLine[];
  rejections: Rejection[];
}

/** Line types whose `message` the adapter reads, and so validates strictly. */
const MESSAGE_TYPES = new Set(['user', 'assistant']);
const MAX_ISSUES_IN_REASON = 3;

/** The first few zod issues as `path: message`, with `prefix` naming where the checked value sits. */
export function describeIssues(error: z.ZodError, prefix: string[] = []): string {
  return error.issues
    .slice(0, MAX_ISSUES_IN_REASON)
    .map((issue) => {
      const path = [...prefix, ...issue.path.map(String)];
      return `${path.length > 0 ? path.join('.') : '(value)'}: ${issue.message}`;
    })
    .join('; ');
}

function readLine(file: string, lineNo: number, text: string): TranscriptLine | Rejection {
  const location = `${file}:${lineNo}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { location, reason: `invalid JSON: ${(error as Error).message}` };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { location, reason: 'expected a JSON object per line' };
  }
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) return { location, reason: `not a transcript line: ${describeIssues(envelope.error)}` };
  let message: Message | null = null;
  if (MESSAGE_TYPES.has(envelope.data.type)) {
    const parsed = MessageSchema.safeParse(envelope.data.message);
    if (!parsed.success) {
      return { location, reason: `${envelope.data.type} line with a malformed message: ${describeIssues(parsed.error, ['message'])}` };
    }
    message = parsed.data;
  }
  return { file, lineNo, envelope: envelope.data, message, timeMs: toEpochMs(envelope.data.timestamp) };
}

/**
 * A stable name for a line: its uuid, else its file name and number (the file name, not the path,
 * so ids do not depend on where the files were read from).
 */
export function lineKey(line: TranscriptLine): string {
  return line.envelope.uuid ?? `${baseName(line.file)}-${line.lineNo}`;
}

export function readTranscript(source: SourceFile): ReadResult {
  const result: ReadResult = { lines: [], rejections: [] };
  const rows = source.text.replace(/^\uFEFF/, '').split('\n');
  rows.forEach((row, index) => {
    const text = row.trim();
    if (text === '') return;
    const line = readLine(source.path, index + 1, text);
    if ('reason' in line) result.rejections.push(line);
    else result.lines.push(line);
  });
  return result;
}
