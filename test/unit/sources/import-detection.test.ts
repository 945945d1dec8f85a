// `clawtrace import` finds Langfuse exports, OpenTelemetry SDK span JSON and SWE-agent trajectories
// by name and first lines, one group per file, and a file that cannot be read becomes a located
// rejection of its group, never a crash. Corpus files are read in place; made-up files live in a
// temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, discover, FORMATS } from '../../../src/sources/discover.ts';
import { parseGroup } from '../../../src/sources/parse-group.ts';
import { corpus } from '../../helpers/corpora.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'detect-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
};

const FOLDERS = [
  { folder: 'langfuse-framework-traces', format: 'langfuse', files: 12 },
  { folder: 'otel-genai-any-agent', format: 'otel-sdk-json', files: 7 },
  { folder: 'swe-agent-traj', format: 'swe-agent', files: 1 },
] as const;

describe('detection of the new formats', () => {
  it('the formats are named for --format', () => {
    for (const f of ['langfuse', 'otel-sdk-json', 'swe-agent']) expect(FORMATS).toContain(f);
  });

  for (const { folder, format, files } of FOLDERS) {
    it(`every file of ${folder} is ${format}, one group per file; SOURCES.md is skipped`, () => {
      const { groups, skipped } = discover([corpus(folder)]);
      expect(groups).toHaveLength(files);
      for (const group of groups) {
        expect(group).toMatchObject({ format, files: [group.key] });
        expect(detectFormat(group.key)).toBe(format);
      }
      expect(skipped.map((s) => path.basename(s.file))).toEqual(['SOURCES.md']);
    });
  }

  it('console-exporter streams and bare span arrays are otel-sdk-json; OTLP/JSON stays otlp-json', () => {
    const span = { name: 'chat', context: { trace_id: '0x5b8aa5a2d2c872e8321cf37308d69df2', span_id: '0x051581bf3cb55c13' }, kind: 'SpanKind.CLIENT', parent_id: null, attributes: {} };
    expect(detectFormat(write('console.log', `${JSON.stringify(span, null, 4)}\n${JSON.stringify(span, null, 4)}\n`))).toBe('otel-sdk-json');
    expect(detectFormat(write('spans.json', JSON.stringify([span])))).toBe('otel-sdk-json');
    expect(detectFormat(write('otlp.json', JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'a', context: { trace_id: 1 } }] }] }] })))).toBe('otlp-json');
    expect(detectFormat(write('notes.json', JSON.stringify({ context: 'nothing', trace: 'x' })))).toBeUndefined();
  });

  it('a file that fails to parse is a rejection with its path and what is wrong', async () => {
    const cases = [
      { format: 'langfuse', file: write('cut.trace.json', '{"trace": {"id": "abc", "name": "x"}, "observations": [{"id": "0123456789abcdef", "type": "SPAN", "startTi') },
      { format: 'otel-sdk-json', file: write('cut_trace.json', '{"spans": [{"name": "x", "context": {"trace_id": 12') },
      { format: 'swe-agent', file: write('cut.traj', '{"environment": "swe_main", "trajectory": [{"action": "ls"') },
    ] as const;
    for (const { format, file } of cases) {
      expect(detectFormat(file)).toBe(format);
      const batch = await parseGroup({ format, key: file, files: [file] });
      expect(batch.rejections.length).toBeGreaterThan(0);
      expect(batch.rejections[0]!.location).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1$`));
      expect(batch.rejections[0]!.reason).toMatch(/truncated/);
    }
  });

  it('forced formats read anything without throwing', async () => {
    const junk = write('junk.bin', '\u0000\u0001garbage{[');
    for (const format of ['langfuse', 'otel-sdk-json', 'swe-agent'] as const) {
      const batch = await parseGroup({ format, key: junk, files: [junk] });
      expect(batch.spans).toEqual([]);
      expect(batch.rejections[0]!.location).toMatch(/junk\.bin/);
    }
  });
});
