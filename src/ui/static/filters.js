// The dashboard's filter bar. Filters live in the URL (#/?agent=…&from=…), so a filtered view can be
// bookmarked and the Back button undoes a change.
import { useGql } from './api.js';
import { CATALOG } from './queries.js';
import { h } from './react.js';
import { href, navigate } from './router.js';
import { PERIODS } from './dashboard-data.js';

export const FILTER_KEYS = ['agent', 'skill', 'from', 'to', 'period'];

export function filtersOf(query) {
  const f = Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? '']));
  if (!PERIODS.includes(f.period)) f.period = 'day';
  return f;
}

/** Navigates to the dashboard with `changes` applied (and the table back on its first page). */
export function applyFilters(query, changes) {
  const next = Object.fromEntries(query.entries());
  Object.assign(next, changes);
  delete next.after;
  navigate(href([], next), { replace: true });
}

export function FilterBar({ query }) {
  const f = filtersOf(query);
  const catalog = useGql(CATALOG, {}, 'catalog');
  const agents = catalog.data?.agents ?? [];
  const skills = catalog.data?.skills ?? [];
  const set = (key) => (event) => applyFilters(query, { [key]: event.target.value });
  return h(
    'div',
    { className: 'filters', role: 'search' },
    h(
      'label',
      null,
      'Agent ',
      h(
        'select',
        { value: f.agent, onChange: set('agent'), 'data-testid': 'filter-agent' },
        h('option', { value: '' }, 'all agents'),
        agents.map((a) => h('option', { key: a.id, value: a.id }, `${a.name ?? a.id} (${a.sessions})`)),
      ),
    ),
    h(
      'label',
      null,
      'Skill ',
      h(
        'select',
        { value: f.skill, onChange: set('skill'), 'data-testid': 'filter-skill', disabled: !skills.length, title: skills.length ? '' : 'No session has a skill yet' },
        h('option', { value: '' }, skills.length ? 'all skills' : 'no skills recorded'),
        skills.map((s) => h('option', { key: s.name, value: s.name }, `${s.name} (${s.sessions})`)),
      ),
    ),
    h('label', null, 'From ', h('input', { type: 'date', value: f.from, onChange: set('from'), 'data-testid': 'filter-from' })),
    h('label', null, 'To ', h('input', { type: 'date', value: f.to, onChange: set('to'), 'data-testid': 'filter-to' })),
    h(
      'div',
      { className: 'segmented', role: 'group', 'aria-label': 'Period' },
      PERIODS.map((p) =>
        h('button', { key: p, type: 'button', className: p === f.period ? 'active' : '', onClick: () => applyFilters(query, { period: p }), 'data-testid': `period-${p}` }, `per ${p}`),
      ),
    ),
    FILTER_KEYS.some((k) => k !== 'period' && f[k])
      ? h('button', { type: 'button', className: 'button small ghost', onClick: () => navigate(href([], { period: f.period }), { replace: true }) }, 'Clear filters')
      : null,
  );
}
