// The file I/O in front of the (pure) OpenClaw adapter: a group's paths → what parseOpenClaw reads.
// JSONL transcripts are read as text; a SQLite store (OpenClaw 2026.9+) becomes one line source per
// session it holds, plus the session keys it records. Stores are told apart by their content, not
// their name, so `--format openclaw` on a renamed copy still works.
import fs from 'node:fs';
import type { Rejection } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import type { OpenClawExtras, OpenClawSource } from './index.ts';
import { isSqliteFile } from './sqlite-file.ts';
import { readOpenClawStore } from './sqlite-store.ts';

export interface OpenClawInput {
  sources: OpenClawSource[];
  sessionKeys: NonNullable<OpenClawExtras['sessionKeys']>;
  /** Whole stores that could not be read (located at the store's path). */
  rejections: Rejection[];
}

function readSource(file: string): SourceFile {
  return { path: file, text: fs.readFileSync(file, 'utf8') };
}

export async function readOpenClawFiles(files: string[]): Promise<OpenClawInput> {
  const input: OpenClawInput = { sources: [], sessionKeys: [], rejections: [] };
  for (const file of files) {
    if (!isSqliteFile(file)) {
      input.sources.push(readSource(file));
      continue;
    }
    const store = await readOpenClawStore(file);
    input.sources.push(...store.transcripts);
    input.sessionKeys.push(...store.sessionKeys);
    input.rejections.push(...store.rejections);
  }
  return input;
}
