// The progress of `clawtrace import`, in the units the import reports (src/ingest/import-files.ts):
// files read, spans written (per committed slice), sessions finalised — so the bar moves within a
// folder instead of once per folder, and its labels name the file just read.
import path from 'node:path';
import type { ImportOptions } from '../ingest/import-files.ts';
import { createProgress, type Progress, type ProgressStream } from './progress.ts';
import { displayWidth } from './text-width.ts';

type Callbacks = Pick<ImportOptions, 'onFilesFound' | 'onFile' | 'onParsed' | 'onWritten' | 'onFinalising' | 'onFinalised'>;

/**
 * A file as the user gave it (relative to the working folder when inside it); its name alone when
 * the path does not fit, since the name is what tells the files of one folder apart.
 */
export function fileLabel(file: string, room: number, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  return displayWidth(shown) <= room ? shown : path.basename(file);
}

export function importProgress(stream: ProgressStream = process.stderr, now?: () => number): { callbacks: Callbacks; done(): void } {
  let progress: Progress | undefined;
  let files = 0;
  let toWrite = 0;
  return {
    callbacks: {
      onFilesFound: (count) => {
        files = count;
        progress = createProgress(0, 'import', stream, now);
      },
      onFile: (file) => {
        progress?.step('read', files, 'files');
        progress?.tick((room) => fileLabel(file, room));
      },
      onParsed: (spans) => {
        toWrite += spans;
      },
      onWritten: (spans) => {
        progress?.step('write', toWrite, 'spans');
        progress?.tick('', spans);
      },
      onFinalising: (sessions) => progress?.step('finalise', sessions, 'sessions'),
      onFinalised: (sessions) => progress?.tick('', sessions),
    },
    done: () => progress?.done(),
  };
}
