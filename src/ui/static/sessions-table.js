// The sessions table: searchable (task, agent, id: the API's `search` filter, in the URL as ?q=),
// sortable by the fields the API can order by, paged with Relay cursors (a stack of cursors gives
// "previous"), each row linking to its session.
import { useGql } from './api.js';
import { count, dateTime, duration, plural, truncate, usd } from './format.js';
import { inclusiveUsd, lowerBoundHint } from './lower-bound.js';
import { SESSIONS_PAGE } from './queries.js';
import { h, useState } from './react.js';
import { href, navigate, sessionHref } from './router.js';
import { sessionTitle } from './session-title.js';
import { Badge, ErrorBox, Section } from './widgets.js';

const PAGE_SIZE = 20;
const SORTABLE = { startedAt: 'STARTED_AT', totalCostUsd: 'TOTAL_COST_USD', ownCostUsd: 'OWN_COST_USD', spanCount: 'SPAN_COUNT' };

const COLUMNS = [
  { key: 'startedAt', label: 'Started (UTC)', cell: (s) => dateTime(s.startedAt) },
  { key: 'agent', label: 'Agent', cell: (s) => s.agentName ?? s.agentId ?? '—' },
  { key: 'task', label: 'Task', cell: (s) => TaskCell({ session: s }) },
  { key: 'role', label: 'Role', cell: (s) => h(Badge, { kind: s.role.toLowerCase() }, s.role.toLowerCase()) },
  { key: 'status', label: 'Status', cell: (s) => h(Badge, { kind: s.status.toLowerCase() }, s.status.toLowerCase()) },
  { key: 'spanCount', label: 'Spans', num: true, cell: (s) => count(s.spanCount) },
  { key: 'durationMs', label: 'Duration', num: true, cell: (s) => duration(s.durationMs) },
  { key: 'ownCostUsd', label: 'Own $', num: true, cell: (s) => usd(s.ownCostUsd) },
  { key: 'totalCostUsd', label: 'Total $', num: true, cell: (s) => TotalCell({ session: s }) },
];

/** The session's title (a cron run leads with its job name), linked; the full task on hover. */
function TaskCell({ session }) {
  const { title, tag } = sessionTitle(session);
  return h('span', null, tag ? h('span', { className: 'badge badge-tag' }, tag) : null, h('a', { href: sessionHref(session.id), title: `${session.task ?? ''}\n${session.id}` }, truncate(title, 70)));
}

/** The inclusive total; "≥ $x" and how many sub-agents are missing when it is a lower bound. */
function TotalCell({ session }) {
  if (!session.inclusiveIsLowerBound) return usd(session.totalCostUsd);
  return h(
    'span',
    { className: 'lower-bound', title: lowerBoundHint(session), 'data-testid': 'lower-bound', 'data-missing': session.missingSubagents },
    inclusiveUsd(session),
    h('span', { className: 'lower-bound-count' }, ` ${session.missingSubagents} missing`),
  );
}

function setQuery(query, changes) {
  const next = Object.fromEntries(query.entries());
  Object.assign(next, changes);
  navigate(href([], next), { replace: true });
}

export function SessionsTable({ query, where }) {
  const sort = SORTABLE[query.get('sort')] ? query.get('sort') : 'startedAt';
  const dir = query.get('dir') === 'ASC' ? 'ASC' : 'DESC';
  const includeSub = query.get('all') === '1';
  const search = query.get('q') ?? '';
  const fullWhere = { ...where, ...(includeSub ? {} : { rootOnly: true }), ...(search.trim() ? { search } : {}) };
  const base = JSON.stringify([fullWhere, sort, dir]);
  // Cursors of the pages before the current one; a new filter or order starts again at page 1.
  const [pager, setPager] = useState({ base, cursors: [] });
  const cursors = pager.base === base ? pager.cursors : [];
  const setCursors = (next) => setPager({ base, cursors: next });
  const after = cursors[cursors.length - 1] ?? null;
  const vars = { where: fullWhere, orderBy: { field: SORTABLE[sort], direction: dir }, first: PAGE_SIZE, after };
  const { data, error, loading } = useGql(SESSIONS_PAGE, vars, `${base}|${after}`);
  const conn = data?.sessions;
  const sortBy = (key) => setQuery(query, { sort: key, dir: key === sort && dir === 'DESC' ? 'ASC' : 'DESC' });
  const pageNo = cursors.length + 1;
  const pages = conn ? Math.max(1, Math.ceil(conn.totalCount / PAGE_SIZE)) : 1;
  return h(
    Section,
    {
      title: 'Sessions',
      className: 'sessions',
      actions: [
        h('input', {
          key: 'search',
          type: 'search',
          className: 'sessions-search',
          placeholder: 'Search task, agent or id…',
          value: search,
          onChange: (e) => setQuery(query, { q: e.target.value }),
          'aria-label': 'Search sessions',
          'data-testid': 'sessions-search',
        }),
        h(
          'label',
          { key: 'sub', className: 'small' },
          h('input', { type: 'checkbox', checked: includeSub, onChange: (e) => setQuery(query, { all: e.target.checked ? '1' : '' }), 'data-testid': 'include-subagents' }),
          ' include sub-agent sessions',
        ),
      ],
    },
    h(ErrorBox, { error }),
    h(
      'table',
      { className: `table${loading ? ' stale' : ''}`, 'data-testid': 'sessions-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          COLUMNS.map((c) => {
            const sortable = Boolean(SORTABLE[c.key]);
            const arrow = c.key === sort ? (dir === 'DESC' ? ' ▼' : ' ▲') : '';
            return h(
              'th',
              { key: c.key, className: `${c.num ? 'num' : ''}${sortable ? ' sortable' : ''}`, 'aria-sort': c.key === sort ? (dir === 'DESC' ? 'descending' : 'ascending') : undefined },
              sortable ? h('button', { type: 'button', onClick: () => sortBy(c.key), 'data-testid': `sort-${c.key}` }, c.label + arrow) : c.label,
            );
          }),
        ),
      ),
      h(
        'tbody',
        null,
        (conn?.nodes ?? []).map((s) =>
          h(
            'tr',
            { key: s.id, 'data-session-id': s.id },
            COLUMNS.map((c) => h('td', { key: c.key, className: c.num ? 'num' : '', 'data-col': c.key }, c.cell(s))),
          ),
        ),
      ),
    ),
    h(
      'div',
      { className: 'pager' },
      h('button', { type: 'button', className: 'button small', disabled: cursors.length === 0, onClick: () => setCursors(cursors.slice(0, -1)), 'data-testid': 'page-prev' }, '← Previous'),
      h('span', { className: 'muted', 'data-testid': 'page-info' }, conn ? `page ${pageNo} of ${pages} · ${plural(conn.totalCount, 'session')}${search.trim() ? ` matching “${search.trim()}”` : ''}` : '…'),
      h(
        'button',
        { type: 'button', className: 'button small', disabled: !conn?.pageInfo.hasNextPage, onClick: () => setCursors([...cursors, conn.pageInfo.endCursor]), 'data-testid': 'page-next' },
        'Next →',
      ),
    ),
  );
}
