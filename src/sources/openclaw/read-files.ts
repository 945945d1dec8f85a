// The file I/O in front of the (pure) OpenClaw adapter: a group's paths → what parseOpenClaw reads.
// JSONL transcripts are read as text; a SQLite store (OpenClaw 2026.9+) becomes one line source per
// session it holds, plus the session keys it records. Stores are told apart by their content, not
// their name, so `--format openclaw` on a renamed copy still works. Archived transcripts OpenClaw
// compressed (`<id>.jsonl.reset.<ts>.zst`) are decompressed with fzstd (Node 20 has no zstd).
import fs from 'node:fs';
import { decompress } from 'fzstd';
import type { Rejection } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import { readTranscriptFileName } from './file-name.ts';
import type { OpenClawExtras, OpenClawSource } from './index.ts';
import { isSqliteFile } from './sqlite-file.ts';
import { readOpenClawStore } from './sqlite-store.ts';

export interface OpenClawInput {
  sources: OpenClawSource[];
  sessionKeys: NonNullable<OpenClawExtras['sessionKeys']>;
  /** Whole stores that could not be read (located at the store's path). */
  rejections: Rejection[];
}

/** A transcript file's text, decompressed when OpenClaw stored it zstd-compressed. */
export function readTranscriptText(file: string): string {
  const bytes = fs.readFileSync(file);
  if (!readTranscriptFileName(file)?.compressed) return bytes.toString('utf8');
  return Buffer.from(decompress(bytes)).toString('utf8');
}

function readSource(file: string): SourceFile {
  return { path: file, text: readTranscriptText(file) };
}

/** `onFile` is told each file once read (the import's progress advances per file). */
export async function readOpenClawFiles(files: string[], onFile?: (file: string) => void): Promise<OpenClawInput> {
  const input: OpenClawInput = { sources: [], sessionKeys: [], rejections: [] };
  for (const file of files) {
    if (!isSqliteFile(file)) {
      try {
        input.sources.push(readSource(file));
      } catch (error) {
        input.rejections.push({ location: file, reason: `unreadable transcript file: ${(error as Error).message}` });
      }
      onFile?.(file);
      continue;
    }
    const store = await readOpenClawStore(file);
    input.sources.push(...store.transcripts);
    input.sessionKeys.push(...store.sessionKeys);
    input.rejections.push(...store.rejections);
    onFile?.(file);
  }
  return input;
}
