// The execution tree and its timeline side by side: one row per visible span (kind, tool or model,
// a one-line snippet of what it did, own and inclusive cost, tokens, duration, badges) with its
// Gantt bar on the right, on a time axis whose idle gaps may be compressed to breaks
// (timeline-scale.js). Only the rows in view are in the DOM (fixed row height), so 10,000 spans
// scroll as smoothly as 10.
import { duration, count, tokensOf, usd } from './format.js';
import { h, useEffect, useRef, useState } from './react.js';
import { rowSnippet, spanLabel } from './row-text.js';
import { axisTicks } from './timeline-scale.js';
import { Badge } from './widgets.js';

export const ROW_HEIGHT = 26;
const OVERSCAN = 12;

const KIND_LABEL = { LLM: 'LLM', TOOL: 'TOOL', SUBAGENT: 'SUB', AGENT: 'AGT', OTHER: 'OTH' };

/** Only model calls are priced: other rows show a cost only when they carry one (a spawn's sub-agent). */
const shownCost = (node, value) => (node.kind === 'LLM' || (value ?? 0) > 0 ? value : undefined);

function bar(node, scale) {
  const t = node.span.startedAt ? Date.parse(node.span.startedAt) : NaN;
  if (!scale || Number.isNaN(t)) return null;
  const [start, end] = scale.range;
  const spanEnd = t + (node.span.durationMs ?? 0);
  // Zoomed in, spans wholly outside the window have no bar; the others are cut at its edges.
  if (t > end || spanEnd < start) return null;
  const left = scale.x(Math.max(t, start));
  const width = scale.x(Math.min(spanEnd, end)) - left;
  return { left: `${left * 100}%`, width: `max(2px, ${width * 100}%)` };
}

function Row({ row, top, selected, finding, scale, rootSessionId, nodes, onSelect, onToggle, onHover }) {
  const { node, depth, hasChildren, open } = row;
  const span = node.span;
  const style = bar(node, scale);
  const snippet = rowSnippet(node, nodes);
  const own = shownCost(node, node.ownCostUsd);
  const inclusive = shownCost(node, node.inclusiveCostUsd);
  const fromSubSession = node.sessionId !== rootSessionId;
  const isSessionRoot = fromSubSession && !node.parentId;
  return h(
    'div',
    {
      className: `tree-row${selected ? ' selected' : ''}${fromSubSession ? ' sub' : ''}${row.match ? ' match' : ''}`,
      style: { top },
      role: 'treeitem',
      'aria-level': depth + 1,
      'aria-expanded': hasChildren ? open : undefined,
      'aria-selected': selected,
      'data-span-id': node.id,
      'data-kind': node.kind,
      onClick: () => onSelect(node.id),
    },
    h(
      'div',
      { className: 'cell name', style: { paddingLeft: 6 + depth * 14 } },
      hasChildren
        ? h(
            'button',
            {
              type: 'button',
              className: 'toggle',
              'aria-label': open ? 'Collapse' : 'Expand',
              'data-testid': node.spawnedSessionId ? 'expand-subagent' : 'toggle',
              onClick: (e) => {
                e.stopPropagation();
                onToggle(node.id);
              },
            },
            open ? '▾' : '▸',
          )
        : h('span', { className: 'toggle-spacer' }),
      h('span', { className: `kind kind-${node.kind}` }, KIND_LABEL[node.kind] ?? node.kind),
      h('span', { className: 'label', title: `${node.name} · #${span.seq}` }, spanLabel(node)),
      snippet ? h('span', { className: 'snippet', title: snippet, 'data-testid': 'row-snippet' }, snippet) : null,
      isSessionRoot ? h(Badge, { kind: 'subagent', title: node.sessionId }, 'sub-agent session') : null,
      span.status === 'ERROR' ? h(Badge, { kind: 'error' }, 'error') : null,
      finding ? h(Badge, { kind: 'waste', title: `repeats an earlier call; wasted ${usd(finding.wastedUsd)}` }, finding.kind.toLowerCase().replace(/_/g, ' ')) : null,
      node.kind === 'LLM' && node.ownCostUsd === null ? h(Badge, { kind: 'unpriced' }, 'unpriced') : null,
    ),
    h('div', { className: 'cell num', 'data-col': 'own' }, own === undefined ? '' : usd(own)),
    h('div', { className: 'cell num', 'data-col': 'inclusive' }, inclusive === undefined ? '' : `${node.unpricedDescendants ? '≥' : ''}${usd(inclusive)}`),
    h('div', { className: 'cell num', 'data-col': 'tokens' }, tokensOf(span) ? count(tokensOf(span)) : '—'),
    h('div', { className: 'cell num', 'data-col': 'duration' }, duration(span.durationMs)),
    h(
      'div',
      { className: 'cell timeline' },
      style
        ? h('span', {
            className: `gantt kind-${node.kind}${span.status === 'ERROR' ? ' failed' : ''}`,
            style,
            'data-testid': 'gantt-bar',
            onMouseEnter: (e) => onHover({ node, x: e.clientX, y: e.clientY }),
            onMouseMove: (e) => onHover({ node, x: e.clientX, y: e.clientY }),
            onMouseLeave: () => onHover(null),
          })
        : null,
    ),
  );
}

function HoverCard({ hover, scale, nodes }) {
  if (!hover) return null;
  const { node } = hover;
  const span = node.span;
  const offset = scale && span.startedAt ? Date.parse(span.startedAt) - scale.range[0] : null;
  const snippet = rowSnippet(node, nodes);
  return h(
    'div',
    { className: 'hover-card', style: { left: hover.x + 14, top: hover.y + 14 }, 'data-testid': 'hover-card' },
    h('strong', null, `${node.kind} · ${spanLabel(node)}`),
    snippet ? h('div', { className: 'hover-snippet' }, snippet) : null,
    h('div', null, `starts at +${duration(offset)} · lasts ${duration(span.durationMs)}`),
    shownCost(node, node.inclusiveCostUsd) === undefined ? null : h('div', null, `own ${usd(node.ownCostUsd)} · inclusive ${usd(node.inclusiveCostUsd)}`),
    tokensOf(span) ? h('div', null, `${count(tokensOf(span))} tokens (in ${count(span.inputTokens ?? 0)}, out ${count(span.outputTokens ?? 0)})`) : null,
    span.status === 'ERROR' ? h('div', { className: 'danger' }, 'failed') : null,
  );
}

/** Scrolls the row at `index` to a third of the way down, unless it is already comfortably in view. */
function scrollRowIntoView(el, index) {
  const top = index * ROW_HEIGHT;
  if (top < el.scrollTop || top > el.scrollTop + el.clientHeight - ROW_HEIGHT * 2) el.scrollTop = Math.max(0, top - el.clientHeight / 3);
}

/** The compressed axis's breaks: a hatched band down the timeline column, and its duration in the head. */
function Breaks({ scale, labels = false }) {
  if (!scale?.breaks.length) return null;
  return scale.breaks.map((b) =>
    h(
      'span',
      {
        key: b.start,
        className: labels ? 'axis-break' : 'timeline-break',
        style: { left: `${b.x0 * 100}%`, width: `${(b.x1 - b.x0) * 100}%` },
        title: `${duration(b.end - b.start)} with no model or tool call (of the spans loaded), compressed`,
        'data-testid': labels ? 'timeline-break' : undefined,
        'data-gap-ms': labels ? Math.round(b.end - b.start) : undefined,
      },
      // In the head, a break near either end would cover the end labels: its length stays in the tooltip.
      labels && b.x0 > 0.12 && b.x1 < 0.85 ? duration(b.end - b.start).replace(/ /g, '') : null,
    ),
  );
}

/**
 * rows: TreeStore.rows() (or a search's rows); scale: the time axis (timeline-scale.js); nodes: the
 * store's nodes (a row's snippet may name its children); `scrollTo` ({ id }, a new object per
 * request) scrolls that row into view once; `total` the unfiltered row count when searching.
 */
export function TreeView({ rows, scale, origin, nodes, rootSessionId, selectedId, findings, onSelect, onToggle, scrollTo, onViewport, total = null }) {
  const scroller = useRef(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [hover, setHover] = useState(null);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return undefined;
    const measure = () => setViewport(el.clientHeight || 600);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  // A scroll request is honoured once, as soon as its row is in the list. It waits for `rows` because
  // the row may not be loaded or revealed yet; but once done, later changes of the rows (a sub-agent
  // expanded elsewhere, its spans arriving, more pages streaming in) must not pull the view back to
  // the last selected span, or the rows the user just opened end up outside the drawn window.
  const doneScrollTo = useRef(null);
  useEffect(() => {
    const el = scroller.current;
    if (!el || !scrollTo || doneScrollTo.current === scrollTo) return;
    const index = rows.findIndex((r) => r.id === scrollTo.id);
    if (index < 0) return;
    doneScrollTo.current = scrollTo;
    scrollRowIntoView(el, index);
  }, [scrollTo, rows]);

  function onKeyDown(event) {
    const index = rows.findIndex((r) => r.id === selectedId);
    const row = rows[index];
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 };
    if (moves[event.key] !== undefined) {
      const next = rows[Math.min(Math.max(index + moves[event.key], 0), rows.length - 1)];
      if (next) onSelect(next.id, { scroll: true });
    } else if (row && event.key === 'ArrowRight' && row.hasChildren && !row.open) onToggle(row.id, true);
    else if (row && event.key === 'ArrowLeft' && row.open) onToggle(row.id, false);
    else return;
    event.preventDefault();
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);
  // The rows actually in view (no overscan): the timeline can be fitted to them.
  const inViewFirst = Math.floor(scrollTop / ROW_HEIGHT);
  const inViewLast = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT));
  useEffect(() => {
    if (onViewport) onViewport({ first: inViewFirst, last: inViewLast });
  }, [inViewFirst, inViewLast, rows]);
  return h(
    'div',
    { className: 'tree', 'data-testid': 'span-tree' },
    h(
      'div',
      { className: 'tree-row head' },
      h('div', { className: 'cell name' }, total === null ? `Span (${rows.length} shown)` : `Span (${rows.length} of ${total} shown)`),
      h('div', { className: 'cell num' }, 'Own $'),
      h('div', { className: 'cell num' }, 'Incl. $'),
      h('div', { className: 'cell num' }, 'Tokens'),
      h('div', { className: 'cell num' }, 'Duration'),
      h(
        'div',
        { className: `cell timeline axis-labels${scale?.compressed ? ' compressed' : ''}`, 'data-testid': 'timeline-axis' },
        scale ? axisTicks(scale).map((t) => h('span', { key: t.at, className: `tick${t.at === 0 ? ' tick-start' : t.at === 1 ? ' tick-end' : ''}`, style: { left: `${t.at * 100}%` } }, `+${duration(t.offsetMs + (scale.range[0] - (origin ?? scale.range[0])))}`)) : null,
        h(Breaks, { scale, labels: true }),
      ),
    ),
    h(
      'div',
      {
        className: 'tree-scroll',
        ref: scroller,
        tabIndex: 0,
        role: 'tree',
        'aria-label': 'Execution tree',
        onKeyDown,
        onScroll: (e) => setScrollTop(e.currentTarget.scrollTop),
      },
      h(
        'div',
        { className: 'tree-canvas', style: { height: rows.length * ROW_HEIGHT } },
        scale?.breaks.length ? h('div', { className: 'timeline-overlay' }, h(Breaks, { scale })) : null,
        visible.map((row, i) =>
          h(Row, {
            key: row.id,
            row,
            top: (first + i) * ROW_HEIGHT,
            selected: row.id === selectedId,
            finding: findings.get(row.id),
            scale,
            nodes,
            rootSessionId,
            onSelect,
            onToggle,
            onHover: setHover,
          }),
        ),
      ),
    ),
    h(HoverCard, { hover, scale, nodes }),
  );
}
