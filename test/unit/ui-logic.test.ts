// The explorer's pure browser modules (no DOM): the execution tree's rows, SKILL.md reading and
// the dashboard's periods and waste filter.
import { describe, expect, it } from 'vitest';
import { buckets, filterVariables, gapText, tickText, wasteInFilters, weekOf } from '../../src/ui/static/dashboard-data.js';
import { parseSkillMd } from '../../src/ui/static/skill-md.js';
import { TreeStore, type TreeNode } from '../../src/ui/static/tree-model.js';

const node = (id: string, parentId: string | null, childIds: string[] = [], extra: Partial<TreeNode> = {}): TreeNode => ({
  id,
  parentId,
  childIds,
  spawnedSessionId: null,
  kind: 'LLM',
  name: id,
  ownCostUsd: 0,
  inclusiveCostUsd: 0,
  unpricedDescendants: 0,
  span: { seq: 0, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1000 },
  ...extra,
});

describe('TreeStore', () => {
  function store() {
    const s = new TreeStore('main');
    s.addPage('main', [
      node('root', null, ['llm1', 'llm2'], { kind: 'AGENT' }),
      node('llm1', 'root', ['spawn']),
      node('spawn', 'llm1', [], { kind: 'SUBAGENT', spawnedSessionId: 'child' }),
      node('llm2', 'root'),
    ]);
    return s;
  }
  const ids = (s: TreeStore) => s.rows().map((r) => `${'  '.repeat(r.depth)}${r.id}`);

  it('lists rows in pre-order; sub-agents start closed, the rest open', () => {
    expect(ids(store())).toEqual(['root', '  llm1', '    spawn', '  llm2']);
  });

  it('collapses and reopens a node', () => {
    const s = store();
    expect(s.toggle('llm1')).toBeNull();
    expect(ids(s)).toEqual(['root', '  llm1', '  llm2']);
    s.toggle('llm1');
    expect(ids(s)).toEqual(['root', '  llm1', '    spawn', '  llm2']);
  });

  it('opening a spawn asks for its session once, then shows that session in place', () => {
    const s = store();
    expect(s.toggle('spawn')).toBe('child');
    s.loading.set('child', { loaded: 0, total: null, done: false, error: null });
    s.addPage('child', [node('c-root', null, ['c-llm'], { kind: 'AGENT' }), node('c-llm', 'c-root')]);
    expect(ids(s)).toEqual(['root', '  llm1', '    spawn', '      c-root', '        c-llm', '  llm2']);
    expect(s.toggle('spawn')).toBeNull();
    expect(s.toggle('spawn')).toBeNull();
  });

  it('reveals a span inside a closed sub-agent and collapsed parents', () => {
    const s = store();
    s.addPage('child', [node('c-root', null, ['c-llm']), node('c-llm', 'c-root')]);
    s.toggle('llm1', false);
    s.reveal('c-llm');
    expect(s.rows().map((r) => r.id)).toContain('c-llm');
  });

  it('shows a node whose parent has not arrived yet at the top, then under its parent', () => {
    const s = new TreeStore('main');
    s.addPage('main', [node('root', null, ['a']), node('b', 'a')]);
    expect(s.rows().map((r) => r.id)).toEqual(['root', 'b']);
    s.addPage('main', [node('a', 'root', ['b'])]);
    expect(ids(s)).toEqual(['root', '  a', '    b']);
  });

  it('a search keeps the matching spans and their ancestors, collapsed or inside a loaded sub-agent', () => {
    const s = store();
    s.addPage('child', [node('c-root', null, ['c-llm'], { kind: 'AGENT' }), node('c-llm', 'c-root', [], { name: 'needle' })]);
    s.toggle('llm1', false);
    const { rows, matched } = s.matchingRows((n) => n.name === 'needle' || n.id === 'llm2');
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.id}${r.match ? ' *' : ''}`)).toEqual(['root', '  llm1', '    spawn', '      c-root', '        c-llm *', '  llm2 *']);
    expect([...matched].sort()).toEqual(['c-llm', 'llm2']);
    expect(s.matchingRows(() => false).rows).toEqual([]);
  });

  it('flattens 10,000 spans quickly enough to redraw on every page', () => {
    const s = new TreeStore('main');
    const llms = Array.from({ length: 5000 }, (_, i) => `l${i}`);
    s.addPage('main', [node('root', null, llms), ...llms.flatMap((id) => [node(id, 'root', [`${id}t`]), node(`${id}t`, id, [], { kind: 'TOOL' })])]);
    expect(s.rows()).toHaveLength(10_001);
    expect(s.matchingRows((n) => n.kind === 'TOOL').rows).toHaveLength(10_001);
    expect(s.timeRange()).toEqual([Date.parse('2026-01-01T00:00:00.000Z'), Date.parse('2026-01-01T00:00:01.000Z')]);
  });
});

describe('parseSkillMd', () => {
  const md = [
    '# pr-patrol',
    '<!-- ClawTrace CostCraft run r1 (OFFLINE); budget 1200 tokens -->',
    '',
    '## Trigger',
    '- Tasks of skill `pr-patrol`. _[p0 trigger]_',
    '',
    '## Cost control',
    '- Do not delegate "batch worker.',
    '',
    'Repo: /home/x" to a sub-agent. _[p10 prune · 7 sessions · OFFLINE]_',
    '- Keep this hand-written rule.',
    '- Short mark. _[p3]_',
    '',
  ].join('\n');

  it('reads headings, the run comment and rules with their provenance marks, multi-line rules included', () => {
    expect(parseSkillMd(md)).toEqual([
      { type: 'title', text: 'pr-patrol' },
      { type: 'comment', text: 'ClawTrace CostCraft run r1 (OFFLINE); budget 1200 tokens' },
      { type: 'section', text: 'Trigger' },
      { type: 'rule', text: 'Tasks of skill `pr-patrol`.', patch: 'p0', mark: 'trigger' },
      { type: 'section', text: 'Cost control' },
      { type: 'rule', text: 'Do not delegate "batch worker.\n\nRepo: /home/x" to a sub-agent.', patch: 'p10', mark: 'prune · 7 sessions · OFFLINE' },
      { type: 'rule', text: 'Keep this hand-written rule.', patch: null, mark: '' },
      { type: 'rule', text: 'Short mark.', patch: 'p3', mark: '' },
    ]);
  });
});

describe('dashboard data', () => {
  const row = (key1: string, costUsd: number, llmCalls = 1) => ({ key1, costUsd, inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, llmCalls, sessions: 1, errors: 0 });

  it('turns filters into API variables; the "to" day is included', () => {
    const v = filterVariables({ agent: 'build', skill: '', from: '2026-02-18', to: '2026-02-18', period: 'hour' });
    expect(v.where).toEqual({ agentId: 'build' });
    expect(v.range).toEqual({ from: '2026-02-18T00:00:00.000Z', to: '2026-02-19T00:00:00.000Z' });
    expect(v.byTime).toBe('HOUR');
    expect(v.roots).toEqual({ agentId: 'build', startedAt: v.range, rootOnly: true });
    expect(filterVariables({ agent: '', skill: '', from: '', to: '', period: 'week' })).toMatchObject({ where: null, range: null, byTime: 'DAY' });
  });

  it('weeks start on Monday (UTC)', () => {
    expect(weekOf('2026-02-18')).toBe('2026-02-16');
    expect(weekOf('2026-02-16')).toBe('2026-02-16');
    expect(weekOf('2026-02-15')).toBe('2026-02-09');
  });

  it('fills idle periods with zeros and adds tool calls per period', () => {
    const days = buckets([row('2026-02-12', 1), row('2026-02-14', 2)], [{ key2: '2026-02-14', toolCalls: 3 }], 'day');
    expect(days.map((b) => [b.key, b.costUsd, b.llmCalls + b.toolCalls])).toEqual([
      ['2026-02-12', 1, 1],
      ['2026-02-13', 0, 0],
      ['2026-02-14', 2, 4],
    ]);
    const weeks = buckets([row('2026-02-12', 1), row('2026-02-18', 2)], [], 'week');
    expect(weeks.map((b) => [b.key, b.costUsd, b.tokens])).toEqual([
      ['2026-02-09', 1, 15],
      ['2026-02-16', 2, 15],
    ]);
    const hours = buckets([row('2026-02-18T03:00', 1), row('2026-02-18T05:00', 1)], [], 'hour');
    expect(hours.map((b) => b.key)).toEqual(['2026-02-18T03:00', '2026-02-18T04:00', '2026-02-18T05:00']);
  });

  it('draws a long idle stretch as one break, not hundreds of empty days or none at all', () => {
    const days = buckets([row('2023-11-14', 1), row('2023-11-16', 1), row('2026-02-12', 2)], [], 'day');
    expect(days.map((b) => (b.gap ? `gap ${b.from}→${b.to}` : b.key))).toEqual(['2023-11-14', '2023-11-15', '2023-11-16', 'gap 2023-11-16→2026-02-12', '2026-02-12']);
    const gap = days[3]!;
    expect(gap.costUsd).toBe(0);
    expect(gapText(gap.ms!)).toBe('2.2 y');
    expect(gapText(67 * 86_400_000)).toBe('2 mo');
    expect(gapText(20 * 86_400_000)).toBe('20 d');
  });

  it('labels the axis with the year first and wherever it changes', () => {
    expect(tickText('day', '2025-11-14', null)).toBe('2025-11-14');
    expect(tickText('day', '2025-11-20', '2025-11-14')).toBe('11-20');
    expect(tickText('day', '2026-01-23', '2025-11-20')).toBe('2026-01-23');
    expect(tickText('hour', '2026-02-18T05:00', '2026-02-18T03:00')).toBe('02-18 05:00');
  });

  it('keeps the waste inside the filters and counts unknown waste apart', () => {
    const finding = (startedAt: string, wastedUsd: number | null, agentId = 'build') => ({ kind: 'REREAD', startedAt, wastedUsd, span: { session: { agentId, skill: null } } });
    const findings = [finding('2026-02-18T04:00:00Z', 1), finding('2026-02-18T05:00:00Z', null), finding('2026-02-12T04:00:00Z', 2), finding('2026-02-18T06:00:00Z', 4, 'other')];
    const range = { from: '2026-02-18T00:00:00.000Z', to: '2026-02-19T00:00:00.000Z' };
    expect(wasteInFilters(findings, { agent: 'build', skill: '' }, range)).toEqual({ findings: 2, usd: 1, unknown: 1, byKind: [{ kind: 'REREAD', findings: 2, usd: 1 }] });
    expect(wasteInFilters(findings, { agent: '', skill: '' }, null).usd).toBe(7);
  });
});
