// Dashboard: what the filtered sessions cost over time (cost, tokens, calls, sessions per period;
// long idle stretches as breaks, years on the axis), where the money went (models, tools, the most
// expensive sessions, told apart when their titles read alike), how much redundancy wasted, and
// the table of sessions.
import { useGql } from './api.js';
import { BarChart, RankedBars } from './charts.js';
import { buckets, filterVariables, gapText, tickText, wasteInFilters } from './dashboard-data.js';
import { FilterBar, filtersOf } from './filters.js';
import { missingText } from './lower-bound.js';
import { count, dateTime, plural, usd } from './format.js';
import { DASHBOARD } from './queries.js';
import { h, useMemo } from './react.js';
import { sessionHref } from './router.js';
import { listTitles } from './session-title.js';
import { SessionsTable } from './sessions-table.js';
import { ErrorBox, Kpi, Loading, Section } from './widgets.js';

function Overview({ data, filters, vars }) {
  const series = useMemo(() => buckets(data.series, data.toolSeries, filters.period), [data, filters.period]);
  const waste = useMemo(() => wasteInFilters(data.waste, filters, vars.range), [data, filters, vars]);
  const sum = (rows, f) => rows.reduce((s, r) => s + f(r), 0);
  const totalCost = sum(data.series, (r) => r.costUsd);
  const tokens = sum(series, (b) => b.tokens);
  const llmCalls = sum(data.series, (r) => r.llmCalls);
  const toolCalls = sum(data.byTool, (r) => r.toolCalls);
  const unpriced = sum(data.series, (r) => r.unpricedCalls);
  const point = (value) => (b) =>
    b.gap ? { label: b.key, gap: true, short: gapText(b.ms), gapLabel: `${b.from} → ${b.to}`, value: 0 } : { label: b.key, value: value(b) };
  const tick = (key, previous) => tickText(filters.period, key, previous);
  const topTitles = listTitles(data.top.nodes, 48);
  const subSessions = data.allSessions.totalCount - data.top.totalCount;
  const capped = data.waste.length >= 1000;
  return h(
    'div',
    { className: 'overview' },
    h(
      'div',
      { className: 'kpis' },
      h(Kpi, { label: 'Cost', value: totalCost, testId: 'kpi-cost', hint: unpriced ? `${plural(unpriced, 'LLM call has', 'LLM calls have')} no known price and count as nothing` : undefined }),
      h(Kpi, {
        label: 'Sessions (top-level)',
        value: data.top.totalCount,
        text: count(data.top.totalCount),
        testId: 'kpi-sessions',
        hint: 'Sessions no other session spawned; their sub-agent sessions are counted apart',
        note: `+ ${plural(subSessions, 'sub-agent session')} = ${count(data.allSessions.totalCount)} in all`,
        noteTestId: 'kpi-sessions-all',
        noteClass: 'muted',
      }),
      h(Kpi, { label: 'LLM calls', value: llmCalls, text: count(llmCalls), testId: 'kpi-llm-calls' }),
      h(Kpi, { label: 'Tool calls', value: toolCalls, text: count(toolCalls), testId: 'kpi-tool-calls' }),
      h(Kpi, { label: 'Tokens', value: tokens, text: count(tokens), testId: 'kpi-tokens', hint: 'input + output + cache read + cache write' }),
      h(Kpi, {
        label: 'Waste found (redundancy)',
        value: waste.usd,
        text: `${capped ? '≥ ' : ''}${usd(waste.usd)}`,
        testId: 'kpi-waste',
        hint: `${plural(waste.findings, 'redundant call')}${waste.unknown ? `, ${waste.unknown} of unknown cost` : ''}`,
      }),
    ),
    h(
      'div',
      { className: 'charts' },
      h(BarChart, { title: `Cost per ${filters.period}`, points: series.map(point((b) => b.costUsd)), format: usd, testId: 'chart-cost', tick }),
      h(BarChart, { title: `Tokens per ${filters.period}`, points: series.map(point((b) => b.tokens)), format: count, testId: 'chart-tokens', tick, color: 'var(--tool)' }),
      h(BarChart, { title: `Calls per ${filters.period} (LLM + tool)`, points: series.map(point((b) => b.llmCalls + b.toolCalls)), format: count, testId: 'chart-calls', tick, color: 'var(--llm)' }),
      h(BarChart, { title: `Sessions active per ${filters.period}`, points: series.map(point((b) => b.sessions)), format: count, testId: 'chart-sessions', tick, color: 'var(--subagent)' }),
    ),
    h(
      'div',
      { className: 'grid-3' },
      h(
        Section,
        { title: 'Cost by model' },
        h(RankedBars, {
          testId: 'cost-by-model',
          format: usd,
          rows: data.byModel.map((r) => ({ key: r.key1 ?? '?', label: r.key1 ?? 'unknown', value: r.costUsd, extra: `${plural(r.llmCalls, 'call')}${r.unpricedCalls ? `, ${r.unpricedCalls} unpriced` : ''}` })),
        }),
      ),
      h(
        Section,
        { title: 'Cost by tool', actions: h('span', { className: 'muted small', title: 'The requesting LLM call’s cost split evenly over its tool calls' }, 'attributed') },
        h(RankedBars, {
          testId: 'cost-by-tool',
          format: usd,
          rows: data.byTool.slice(0, 12).map((r) => ({ key: r.key1 ?? '?', label: r.key1 ?? 'unknown', value: r.costUsd, extra: `${plural(r.toolCalls, 'call')}${r.errors ? `, ${r.errors} failed` : ''}` })),
        }),
      ),
      h(
        Section,
        { title: 'Most expensive sessions' },
        h(RankedBars, {
          testId: 'top-sessions',
          format: usd,
          rows: data.top.nodes.map((s, i) => ({
            key: s.id,
            label: topTitles[i].title,
            tag: topTitles[i].tag,
            href: sessionHref(s.id),
            value: s.totalCostUsd,
            hint: `${s.task ?? s.id}\n${s.id} · ${dateTime(s.startedAt)}`,
            // The bar is the total as stored; the caveat says when it is a lower bound. Titles that
            // read alike get the start time and short id that tell them apart.
            extra: [topTitles[i].distinct, plural(s.spanCount, 'span'), s.inclusiveIsLowerBound ? `lower bound: ${missingText(s.missingSubagents)}` : null].filter(Boolean).join(' · '),
          })),
        }),
      ),
    ),
    h(
      Section,
      { title: 'Waste found by redundancy detection' },
      h(RankedBars, {
        testId: 'waste-by-kind',
        format: usd,
        empty: 'No redundant calls found',
        rows: waste.byKind.map((k) => ({ key: k.kind, label: k.kind.toLowerCase().replace(/_/g, ' '), value: k.usd, extra: plural(k.findings, 'call') })),
      }),
    ),
  );
}

export function DashboardPage({ query }) {
  const filters = filtersOf(query);
  const vars = filterVariables(filters);
  const key = JSON.stringify(vars);
  const { data, error, loading } = useGql(DASHBOARD, vars, key);
  return h(
    'div',
    { className: 'page dashboard', 'data-testid': 'dashboard' },
    h('h1', null, 'Dashboard'),
    h(FilterBar, { query }),
    h(ErrorBox, { error }),
    data ? h(Overview, { data, filters, vars }) : loading ? h(Loading, { what: 'Loading the figures' }) : null,
    h(SessionsTable, { query, where: vars.sessions }),
  );
}
