// What adapters read: a file's path (for located errors and stable ids) and its text.
import type { NormalisedBatch } from '../domain/model.ts';

export interface SourceFile {
  path: string;
  text: string;
}

/** A file-based adapter: many files at once, so sub-agent transcripts can be linked to parents. */
export type FileAdapter = (files: SourceFile[]) => NormalisedBatch;
