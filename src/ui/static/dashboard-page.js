// Dashboard: what the filtered sessions cost over time (cost, tokens, calls, sessions per period),
// where the money went (models, tools, the most expensive sessions), how much redundancy wasted,
// and the table of sessions.
import { useGql } from './api.js';
import { BarChart, RankedBars } from './charts.js';
import { buckets, filterVariables, wasteInFilters } from './dashboard-data.js';
import { FilterBar, filtersOf } from './filters.js';
import { missingText } from './lower-bound.js';
import { count, dateTime, truncate, usd } from './format.js';
import { DASHBOARD } from './queries.js';
import { h, useMemo } from './react.js';
import { sessionHref } from './router.js';
import { SessionsTable } from './sessions-table.js';
import { ErrorBox, Kpi, Loading, Section } from './widgets.js';

const shortLabel = (period, key) => (period === 'hour' ? key.slice(5).replace('T', ' ') : key.slice(5));

function Overview({ data, filters, vars }) {
  const series = useMemo(() => buckets(data.series, data.toolSeries, filters.period), [data, filters.period]);
  const waste = useMemo(() => wasteInFilters(data.waste, filters, vars.range), [data, filters, vars]);
  const sum = (rows, f) => rows.reduce((s, r) => s + f(r), 0);
  const totalCost = sum(data.series, (r) => r.costUsd);
  const tokens = sum(series, (b) => b.tokens);
  const llmCalls = sum(data.series, (r) => r.llmCalls);
  const toolCalls = sum(data.byTool, (r) => r.toolCalls);
  const unpriced = sum(data.series, (r) => r.unpricedCalls);
  const point = (value) => (b) => ({ label: b.key, short: shortLabel(filters.period, b.key), value: value(b) });
  const capped = data.waste.length >= 1000;
  return h(
    'div',
    { className: 'overview' },
    h(
      'div',
      { className: 'kpis' },
      h(Kpi, { label: 'Cost', value: totalCost, testId: 'kpi-cost', hint: unpriced ? `${unpriced} LLM calls have no known price and count as nothing` : undefined }),
      h(Kpi, { label: 'Sessions', value: data.allSessions.totalCount, text: `${data.top.totalCount} · ${data.allSessions.totalCount}`, testId: 'kpi-sessions', hint: 'top-level · including sub-agent sessions' }),
      h(Kpi, { label: 'LLM calls', value: llmCalls, text: count(llmCalls), testId: 'kpi-llm-calls' }),
      h(Kpi, { label: 'Tool calls', value: toolCalls, text: count(toolCalls), testId: 'kpi-tool-calls' }),
      h(Kpi, { label: 'Tokens', value: tokens, text: count(tokens), testId: 'kpi-tokens', hint: 'input + output + cache read + cache write' }),
      h(Kpi, {
        label: 'Waste found (redundancy)',
        value: waste.usd,
        text: `${capped ? '≥ ' : ''}${usd(waste.usd)}`,
        testId: 'kpi-waste',
        hint: `${waste.findings} redundant calls${waste.unknown ? `, ${waste.unknown} of unknown cost` : ''}`,
      }),
    ),
    h(
      'div',
      { className: 'charts' },
      h(BarChart, { title: `Cost per ${filters.period}`, points: series.map(point((b) => b.costUsd)), format: usd, testId: 'chart-cost' }),
      h(BarChart, { title: `Tokens per ${filters.period}`, points: series.map(point((b) => b.tokens)), format: count, testId: 'chart-tokens', color: 'var(--tool)' }),
      h(BarChart, { title: `Calls per ${filters.period} (LLM + tool)`, points: series.map(point((b) => b.llmCalls + b.toolCalls)), format: count, testId: 'chart-calls', color: 'var(--llm)' }),
      h(BarChart, { title: `Sessions active per ${filters.period}`, points: series.map(point((b) => b.sessions)), format: count, testId: 'chart-sessions', color: 'var(--subagent)' }),
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
          rows: data.byModel.map((r) => ({ key: r.key1 ?? '?', label: r.key1 ?? 'unknown', value: r.costUsd, extra: `${count(r.llmCalls)} calls${r.unpricedCalls ? `, ${r.unpricedCalls} unpriced` : ''}` })),
        }),
      ),
      h(
        Section,
        { title: 'Cost by tool', actions: h('span', { className: 'muted small', title: 'The requesting LLM call’s cost split evenly over its tool calls' }, 'attributed') },
        h(RankedBars, {
          testId: 'cost-by-tool',
          format: usd,
          rows: data.byTool.slice(0, 12).map((r) => ({ key: r.key1 ?? '?', label: r.key1 ?? 'unknown', value: r.costUsd, extra: `${count(r.toolCalls)} calls${r.errors ? `, ${r.errors} failed` : ''}` })),
        }),
      ),
      h(
        Section,
        { title: 'Most expensive sessions' },
        h(RankedBars, {
          testId: 'top-sessions',
          format: usd,
          rows: data.top.nodes.map((s) => ({
            key: s.id,
            label: truncate(s.task || s.agentName || s.id, 48),
            href: sessionHref(s.id),
            value: s.totalCostUsd,
            hint: `${s.id} · ${dateTime(s.startedAt)}`,
            // The bar is the total as stored; the caveat says when it is a lower bound.
            extra: `${count(s.spanCount)} spans${s.inclusiveIsLowerBound ? ` · lower bound: ${missingText(s.missingSubagents)}` : ''}`,
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
        rows: waste.byKind.map((k) => ({ key: k.kind, label: k.kind.toLowerCase().replace(/_/g, ' '), value: k.usd, extra: `${k.findings} calls` })),
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
