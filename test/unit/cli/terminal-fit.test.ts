// Terminal output that must fit 80 columns: cutting text by display width (wide characters count
// two), and tables whose title shrinks, whose optional columns go in order, and whose refs are
// never cut.
import { describe, expect, it } from 'vitest';
import { renderTable, type Column } from '../../../src/cli/table.ts';
import { displayWidth, fit, oneLine } from '../../../src/cli/text-width.ts';

describe('text width', () => {
  it('counts CJK and emoji as two columns, combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('修复构建')).toBe(8);
    expect(displayWidth('🚀 go')).toBe(5);
    expect(displayWidth('e\u0301')).toBe(1);
  });

  it('cuts at the end, the start or the middle, marking the cut, within the width', () => {
    expect(fit('abcdefghij', 6)).toBe('abcde…');
    expect(fit('abcdefghij', 6, 'start')).toBe('…fghij');
    expect(fit('abcdefghij', 6, 'middle')).toBe('abc…ij');
    expect(fit('short', 10)).toBe('short');
    const cut = fit('修复构建系统的错误', 7);
    expect(displayWidth(cut)).toBeLessThanOrEqual(7);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('flattens a task to one line', () => {
    expect(oneLine('## Fix\n\n  the\tbuild\r\n')).toBe('## Fix the build');
  });
});

interface Row {
  ref: string;
  agent: string;
  spans: string;
  cost: string;
  title: string;
}

const columns: Column<Row>[] = [
  { header: 'ref', value: (r) => r.ref },
  { header: 'agent', value: (r) => r.agent, drop: 1 },
  { header: 'spans', value: (r) => r.spans, align: 'right', drop: 2 },
  { header: 'cost', value: (r) => r.cost, align: 'right' },
  { header: 'title', value: (r) => r.title, flex: true, minWidth: 24 },
];

const row = (ref: string, title: string): Row => ({ ref, agent: 'build-agent', spans: '1234', cost: '≥$31.53', title });

describe('tables', () => {
  it('fit 80 columns: the title is cut, the refs and costs are whole', () => {
    const rows = [row('684637ff', `[cron] PR Review Patrol ${'x'.repeat(200)}`), row('3c0cbde4', '修复构建'.repeat(30))];
    const lines = renderTable(columns, rows, 80);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(lines[0]).toMatch(/^ref\s+agent\s+spans\s+cost\s+title$/);
    expect(lines[1]).toMatch(/^684637ff\s+build-agent\s+1234\s+≥\$31\.53\s+\[cron\] PR Review Patrol x+…$/);
    expect(lines[2]).toContain('3c0cbde4');
  });

  it('keep short tables at their natural width', () => {
    const lines = renderTable(columns, [row('a', 'short')], 80);
    expect(lines[1]).toBe('a    build-agent   1234  ≥$31.53  short');
  });

  it('drop optional columns, highest order first, before the title goes below its minimum', () => {
    const long = row('claude-code-session-long-ref-30', 'a title that is long enough to need cutting here');
    const lines = renderTable(columns, [long], 80);
    expect(lines[0]).not.toContain('spans');
    expect(lines[0]).toContain('agent');
    expect(lines[1]).toContain('claude-code-session-long-ref-30');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    const narrow = renderTable(columns, [long], 60);
    expect(narrow[0]).not.toContain('agent');
    for (const line of narrow) expect(displayWidth(line)).toBeLessThanOrEqual(60);
  });
});
