// A TraceCard drawn for people: the card's JSON (GraphQL `traceCard.card`, key for key what the YAML
// says) as figures and tables, with what the token budget cut said in place. Tables take their
// columns from the rows, so a field added to the card shows up without a change here.
import { count, percent, usd } from './format.js';
import { h } from './react.js';

const MONEY = /usd$/i;
const SECTION_TITLES = {
  topSteps: 'Top steps (most expensive calls)',
  subagents: 'Sub-agents',
  failures: 'Failures',
  redundancy: 'Redundant calls (top)',
  costByModel: 'Cost by model',
  costByTool: 'Cost by tool (attributed)',
};
/** Which card path holds each list section (the budget's names, truncated.rowsShown). */
export const SECTION_PATHS = { topSteps: ['topSteps'], subagents: ['subagents'], failures: ['failures', 'items'], redundancy: ['redundancy', 'top'], costByModel: ['costByModel'], costByTool: ['costByTool'] };

const LABELS = { llmCalls: 'LLM calls', subagentCalls: 'Sub-agent calls', costUsd: 'Cost', useScore: 'Use score', ref: 'Ref', cacheRead: 'Cache read', cacheWrite: 'Cache write' };
const words = (key) => LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/Usd$/, ' $').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])/g, (_, c) => ` ${c.toLowerCase()}`);

/** One value as text: money as money, shares as percentages, token maps as "in 3 · out 1". */
export function cell(key, value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (MONEY.test(key)) return usd(value);
    if (key === 'share' || key === 'useScore') return key === 'share' ? percent(value) : value.toFixed(2);
    return Number.isInteger(value) ? count(value) : String(value);
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k} ${cell(k, v)}`).join(' · ');
  return String(value);
}

function Table({ rows, testId }) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return h(
    'table',
    { className: 'table card-table', 'data-testid': testId },
    h('thead', null, h('tr', null, columns.map((c) => h('th', { key: c, className: typeof rows[0]?.[c] === 'number' ? 'num' : '' }, words(c))))),
    h('tbody', null, rows.map((r, i) => h('tr', { key: i }, columns.map((c) => h('td', { key: c, className: typeof r[c] === 'number' ? 'num' : '' }, cell(c, r[c])))))),
  );
}

const at = (card, path) => path.reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), card);

/** "2 of 10 shown: the budget cut 8" under a section the budget shortened. */
function CutNote({ section, card }) {
  const shown = card.truncated?.rowsShown?.[section];
  if (!shown) return null;
  const [n, of] = shown.split('/').map(Number);
  return h('p', { className: 'muted small cut-note', 'data-testid': `cut-${section}` }, `${n} of ${of} shown: the token budget cut ${of - n}. Raise the budget to see them.`);
}

function ListSection({ section, card }) {
  const rows = at(card, SECTION_PATHS[section]);
  const cut = card.truncated?.rowsShown?.[section];
  if (!Array.isArray(rows) && !cut) return null;
  return h(
    'section',
    { className: 'panel card-section', 'data-section': section },
    h('header', { className: 'panel-head' }, h('h2', null, SECTION_TITLES[section])),
    Array.isArray(rows) && rows.length ? h(Table, { rows, testId: `card-${section}` }) : cut ? null : h('p', { className: 'muted' }, 'None.'),
    h(CutNote, { section, card }),
  );
}

const TOTAL_ROWS = ['costUsd', 'sessions', 'llmCalls', 'toolCalls', 'subagentCalls', 'errors', 'unpricedCalls'];

function Totals({ card }) {
  const { own, inclusive } = card.totals;
  const tokenKinds = [...new Set([...Object.keys(own.tokens ?? {}), ...Object.keys(inclusive.tokens ?? {})])];
  const row = (label, a, b, key) => h('tr', { key: label }, h('th', null, label), h('td', { className: 'num' }, cell(key, a)), h('td', { className: 'num' }, b));
  return h(
    'section',
    { className: 'panel card-section' },
    h('header', { className: 'panel-head' }, h('h2', null, 'Totals')),
    h(
      'table',
      { className: 'table card-table', 'data-testid': 'card-totals' },
      h('thead', null, h('tr', null, h('th', null, ''), h('th', { className: 'num' }, 'This session'), h('th', { className: 'num' }, 'With sub-agents'))),
      h(
        'tbody',
        null,
        TOTAL_ROWS.map((k) => row(words(k), own[k], `${k === 'costUsd' && inclusive.lowerBound ? '≥ ' : ''}${cell(k, inclusive[k])}`, k)),
        tokenKinds.map((k) => row(`${words(k)} tokens`, own.tokens?.[k] ?? 0, cell(k, inclusive.tokens?.[k] ?? 0), k)),
      ),
    ),
    inclusive.lowerBound
      ? h('p', { className: 'callout lower-bound small' }, `With sub-agents: at least ${usd(inclusive.costUsd)}; ${inclusive.missingSubagents} spawned sub-agent${inclusive.missingSubagents === 1 ? ' is' : 's are'} not in the graph (${cell('missingSpawns', inclusive.missingSpawns)}).`)
      : null,
  );
}

function Redundancy({ card }) {
  const r = card.redundancy;
  return h(
    'section',
    { className: 'panel card-section' },
    h('header', { className: 'panel-head' }, h('h2', null, 'Waste: redundant calls')),
    h('p', { 'data-testid': 'card-redundancy-summary' }, r.findings ? `${r.findings} redundant call${r.findings === 1 ? '' : 's'}, ${usd(r.wastedUsd)} wasted.` : 'No redundant calls found.'),
    r.byKind?.length ? h(Table, { rows: r.byKind, testId: 'card-redundancy-kinds' }) : null,
  );
}

/** What the budget did, in one sentence, at the top of the card. */
export function truncationText(card) {
  const t = card.truncated;
  if (!t) return null;
  const cuts = Object.entries(t.rowsShown ?? {}).map(([section, shown]) => `${shown} ${words(section).toLowerCase()}`);
  const compacted = (t.compacted ?? []).map((c) => (c === 'previews' ? 'texts clipped' : c === 'details' ? 'token breakdowns left out' : c));
  return `Cut to fit ${t.budgetTokens} tokens${t.overBudget ? ' (and still over it)' : ''}: ${[...cuts.map((c) => `${c} shown`), ...compacted].join(', ')}.`;
}

export function TraceCardView({ card }) {
  return h(
    'div',
    { className: 'card-view', 'data-testid': 'tracecard-view' },
    card.truncated ? h('div', { className: 'callout waste', 'data-testid': 'card-truncated' }, truncationText(card)) : null,
    h(Totals, { card }),
    h(ListSection, { section: 'topSteps', card }),
    h(Redundancy, { card }),
    h(ListSection, { section: 'redundancy', card }),
    h(ListSection, { section: 'subagents', card }),
    h(ListSection, { section: 'failures', card }),
    h(ListSection, { section: 'costByModel', card }),
    h(ListSection, { section: 'costByTool', card }),
    h(
      'section',
      { className: 'panel card-section' },
      h('header', { className: 'panel-head' }, h('h2', null, 'Provenance')),
      h('dl', { className: 'fields wide' }, Object.entries(card.provenance).map(([k, v]) => h('div', { key: k, className: 'field' }, h('dt', null, words(k)), h('dd', null, cell(k, v))))),
    ),
  );
}
