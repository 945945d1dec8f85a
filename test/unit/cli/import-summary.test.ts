// The text summary `clawtrace import` prints: every unresolved spawn named, priced calls counted as
// calls (never tool spans), long lists cut with "and N more", and the formats named when a file was
// not recognised.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printReport } from '../../../src/cli/import-command.ts';
import type { ImportReport } from '../../../src/ingest/import-files.ts';
import { FORMATS, UNRECOGNISED } from '../../../src/sources/discover.ts';

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    files: 3,
    sessions: 2,
    spans: 40,
    spawns: { linked: 1, missing: 1, refused: 1, pending: 0 },
    costBySource: {
      reported: { spans: 12, usd: 1.5 },
      computed: { spans: 3, usd: 0.25 },
      override: { spans: 0, usd: 0 },
      unpriced: { spans: 0, usd: 0 },
    },
    unpricedLlmCalls: 0,
    rejections: [],
    sessionIds: ['openclaw:p'],
    timings: { parseMs: 1, writeMs: 1, finaliseMs: 1 },
    skipped: [],
    unresolvedSpawns: [
      { status: 'missing', parentSessionId: 'openclaw:p', spanId: 'openclaw:p:tool:t1', task: 'Review   PR #75\nthen fix', label: 'pr75-review', startedAt: null },
      { status: 'refused', parentSessionId: 'openclaw:p', spanId: 'openclaw:p:tool:t2', task: null, label: null, startedAt: null },
    ],
    acceptedFormats: FORMATS,
    ...overrides,
  };
}

function printed(r: ImportReport): string {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  printReport(r, false);
  const text = log.mock.calls.map((c) => String(c[0])).join('\n');
  log.mockRestore();
  return text;
}

afterEach(() => vi.restoreAllMocks());

describe('import summary', () => {
  it('names each spawn left without a child: status, parent session, spawn span, label and task', () => {
    const text = printed(report());
    expect(text).toContain('sub-agents 1 linked, 1 missing, 1 refused');
    expect(text).toContain('lower bounds');
    expect(text).toContain('    missing  openclaw:p [pr75-review]\n             spawn openclaw:p:tool:t1\n             task "Review PR #75 then fix"');
    expect(text).toContain('    refused  openclaw:p\n             spawn openclaw:p:tool:t2\n             no task recorded');
  });

  it('fits 80 columns however long the ids and tasks are (ids in full with --json)', () => {
    const long = { status: 'missing' as const, parentSessionId: `openclaw:${'a'.repeat(80)}`, spanId: `openclaw:${'b'.repeat(60)}:tool:toolu_END`, task: 'x'.repeat(500), label: 'l'.repeat(60), startedAt: null };
    const text = printed(report({ unresolvedSpawns: [long] }));
    for (const line of text.split('\n').filter((l) => l.startsWith('    ') && !l.includes('/data/'))) expect([...line].length).toBeLessThanOrEqual(80);
    expect(text).toContain('toolu_END');
  });

  it('counts priced calls, not spans', () => {
    expect(printed(report())).toContain('cost       reported $1.5000 (12 calls)\n             computed $0.2500 (3 calls)\n             override $0.0000 (0 calls)');
  });

  it('cuts long lists with "and N more" and names the formats when a file was not recognised', () => {
    const skipped = Array.from({ length: 28 }, (_, i) => ({ file: `/data/f${i}.json`, reason: UNRECOGNISED }));
    const text = printed(report({ skipped }));
    expect(text).toContain('skipped    28 files:');
    expect(text.match(/^ {4}\/data\/f\d+\.json: not a recognised trace format$/gm)).toHaveLength(20);
    expect(text).toContain('… and 8 more (use --json for all)');
    expect(text.replace(/\n {6}/g, ' ')).toContain(`formats read: ${FORMATS.join(', ')}`);
    expect(text).toContain('to read a file as one of them: --format <name>');
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('says nothing about formats when every skipped file was skipped for a known reason', () => {
    const text = printed(report({ skipped: [{ file: '/x/a.jsonl.deleted.1', reason: 'deleted OpenClaw transcript (left out by --skip-deleted)' }], unresolvedSpawns: [] }));
    expect(text).not.toContain('formats read');
    expect(text).not.toContain('lower bounds');
  });
});
