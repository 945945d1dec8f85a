// Import progress as a user sees it, on a fake stream of 80 columns: on a terminal one line redrawn
// per file and per batch of spans, each fitting the width, the label cut but never the counts or
// the closing "done in …"; off a terminal plain lines, one per file or batch (never per span).
import { describe, expect, it } from 'vitest';
import { fileLabel, importProgress } from '../../../src/cli/import-progress.ts';
import { createProgress, type ProgressStream } from '../../../src/cli/progress.ts';
import { displayWidth } from '../../../src/cli/text-width.ts';

function fakeStream(isTTY: boolean, columns = 80): ProgressStream & { text: string } {
  return {
    isTTY,
    columns,
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

/** What a terminal shows after each redraw: the frames between carriage returns. */
const frames = (text: string) => text.split(/\r|\n/).map((f) => f.trimEnd()).filter(Boolean);

const clock = (...times: number[]) => {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)]!;
};

const DIR = '/home/user/.openclaw/agents/build/sessions';
const FILES = ['684637ff-e673-46e4-a1a9-0de622f22f21.jsonl', '80b804aa-7482-4168-ba88-eaac2e97c921.jsonl.deleted.2026-02-18T05-22-47.820Z'];

/** Two folders of files, written in two slices, finalised in one round: what import-files reports. */
function runImport(stream: ProgressStream): void {
  const progress = importProgress(stream, clock(0, 10_400));
  const c = progress.callbacks;
  c.onFilesFound!(4);
  c.onFile!(`${DIR}/${FILES[0]}`);
  c.onFile!(`${DIR}/${FILES[1]}`);
  c.onParsed!(3000);
  c.onFile!('/home/user/.claude/projects/-repo/fa812bfe-b295-4cca-9c2f-fdf01028cb46.jsonl');
  c.onFile!('/home/user/.claude/projects/-repo/fa812bfe-b295-4cca-9c2f-fdf01028cb46/subagents/agent-a93ccab.jsonl');
  c.onParsed!(555);
  c.onWritten!(2500);
  c.onWritten!(1055);
  c.onFinalising!(26);
  c.onFinalised!(26);
  progress.done();
}

describe('import progress', () => {
  it('on a terminal: advances per file and per batch, every frame within 80 columns', () => {
    const stream = fakeStream(true);
    runImport(stream);
    const shown = frames(stream.text);
    for (const frame of shown) expect(displayWidth(frame), frame).toBeLessThanOrEqual(80);
    const counts = shown.map((f) => f.match(/(\d+)\/(\d+) (files|spans|sessions)/)?.slice(1, 4).join(' ')).filter(Boolean);
    expect(counts).toEqual([
      '0 4 files',
      '1 4 files',
      '2 4 files',
      '3 4 files',
      '4 4 files',
      '0 3555 spans',
      '2500 3555 spans',
      '3555 3555 spans',
      '0 26 sessions',
      '26 26 sessions',
    ]);
    // The bar moves within the first folder: half full after its two files.
    expect(shown[2]).toMatch(/import read █{10}░{9} 2\/4 files/);
    // A long file name is cut in the middle; its start (the session id) stays readable.
    expect(shown[2]).toMatch(/80b804aa-7482-41.*…/);
    expect(shown.at(-1)).toBe('import 4 files, 3555 spans, 26 sessions, done in 10.4 s');
    expect(stream.text.endsWith('\n')).toBe(true);
  });

  it('off a terminal: one plain line per file and per batch, no carriage returns, within 80 columns', () => {
    const stream = fakeStream(false, undefined);
    runImport(stream);
    expect(stream.text).not.toContain('\r');
    const lines = stream.text.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines).toEqual([
      // The whole path does not fit: the file's name does.
      `import read 1/4 files ${FILES[0]}`,
      expect.stringMatching(/^import read 2\/4 files 80b804aa-7482-4168-ba88-eaac2…ted\.2026-02-18T05-22-47\.820Z$/),
      'import read 3/4 files fa812bfe-b295-4cca-9c2f-fdf01028cb46.jsonl',
      'import read 4/4 files agent-a93ccab.jsonl',
      'import write 2500/3555 spans',
      'import write 3555/3555 spans',
      'import finalise 26/26 sessions',
      'import 4 files, 3555 spans, 26 sessions, done in 10.4 s',
    ]);
  });

  it('cuts the summary, never the "done in" tail, on a narrow terminal', () => {
    const stream = fakeStream(true, 40);
    const progress = createProgress(3, 'distill a-skill-with-a-long-name', stream, clock(0, 10_400));
    progress.tick('analysing session openclaw:684637ff-e673-46e4-a1a9-0de622f22f21');
    progress.done('3 sessions analysed, 2 rules kept, 1 rule dropped');
    const shown = frames(stream.text);
    for (const frame of shown) expect(displayWidth(frame)).toBeLessThanOrEqual(40);
    expect(shown.at(-1)).toMatch(/…, done in 10\.4 s$/);
  });

  it('names a file by its path when it fits, else by its name', () => {
    expect(fileLabel('/repo/corpora/a.jsonl', 80, '/repo')).toBe('corpora/a.jsonl');
    expect(fileLabel('/elsewhere/a.jsonl', 80, '/repo')).toBe('/elsewhere/a.jsonl');
    expect(fileLabel('/a/very/long/folder/name/a.jsonl', 12, '/repo')).toBe('a.jsonl');
  });
});
