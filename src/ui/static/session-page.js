// Session: the header figures, the execution tree with its timeline (searchable; idle gaps
// compressed on the time axis), and a side panel with the step inspector. The TraceCard has a page
// of its own (tracecard-page.js), linked from here. The selected span is in the URL (?span=…), so a
// span can be linked to (the Distill page's provenance links land here).
import { useGql } from './api.js';
import { count, dateTime, duration, plural, truncate } from './format.js';
import { SESSION_HEADER } from './queries.js';
import { h, useEffect, useMemo, useState } from './react.js';
import { cardHref, navigate, sessionHref } from './router.js';
import { Inspector } from './inspector.js';
import { inclusiveUsd, lowerBoundHint, missingText } from './lower-bound.js';
import { rowMatches, searchTerms } from './row-text.js';
import { sessionTitle } from './session-title.js';
import { compressedScale, linearScale, medianBarPx, READABLE_PX, viewWindow } from './timeline-scale.js';
import { useSessionTree } from './tree-loader.js';
import { TreeView } from './tree-view.js';
import { Badge, ErrorBox, Kpi, Loading } from './widgets.js';

function Header({ session, findings }) {
  const wasted = findings.reduce((s, f) => s + (f.wastedUsd ?? 0), 0);
  return h(
    'header',
    { className: 'session-head' },
    h('h1', { title: session.task ?? '' }, truncate(sessionTitle(session).title, 120)),
    h(
      'div',
      { className: 'meta' },
      h('code', { 'data-testid': 'session-id' }, session.id),
      h(Badge, { kind: session.role.toLowerCase() }, session.role.toLowerCase()),
      h(Badge, { kind: session.status.toLowerCase() }, session.status.toLowerCase()),
      session.outcome ? h(Badge, { kind: session.outcome.toLowerCase() }, `${session.outcome.toLowerCase()}${session.score !== null ? ` ${session.score}` : ''}`) : null,
      h('span', null, `${session.agentName ?? session.agentId ?? 'unknown agent'} · ${session.source?.toLowerCase() ?? ''}`),
      h('span', null, `started ${dateTime(session.startedAt)} UTC · ${duration(session.durationMs)}`),
      session.parentSessionId ? h('a', { href: sessionHref(session.parentSessionId, session.spawnedBy?.id), 'data-testid': 'parent-session' }, '↑ parent session') : null,
    ),
    h(
      'div',
      { className: 'kpis' },
      h(Kpi, { label: 'Own cost', value: session.ownCostUsd, testId: 'session-own-cost' }),
      h(Kpi, {
        label: 'Total cost (with sub-agents)',
        value: session.totalCostUsd,
        text: inclusiveUsd(session),
        testId: 'session-total-cost',
        hint: lowerBoundHint(session),
        note: session.inclusiveIsLowerBound ? `lower bound: ${missingText(session.missingSubagents)}` : null,
        noteTestId: 'session-lower-bound',
      }),
      h(Kpi, { label: 'Spans', value: session.spanCount, text: count(session.spanCount), testId: 'session-span-count' }),
      h(Kpi, { label: 'Sub-agent sessions', value: session.childSessions.length, text: String(session.childSessions.length), testId: 'session-children' }),
      h(Kpi, { label: 'Redundancy waste', value: wasted, testId: 'session-waste', hint: `${plural(findings.length, 'redundant call')} in this session and its sub-agents` }),
      session.totalUnpricedCalls ? h(Kpi, { label: 'Unpriced LLM calls', value: session.totalUnpricedCalls, text: String(session.totalUnpricedCalls) }) : null,
    ),
    h(MissingSubagents, { session }),
  );
}

/** The spawns the total is missing, each linking to its spawn call (in this session or one below). */
function MissingSubagents({ session }) {
  const spawns = session.missingSubagentSpawns ?? [];
  if (!session.inclusiveIsLowerBound) return null;
  return h(
    'div',
    { className: 'callout lower-bound', 'data-testid': 'missing-subagents' },
    h('strong', null, `Total is a lower bound: ${missingText(session.missingSubagents)}. `),
    session.missingSubagents === 1
      ? 'It was spawned, but its transcript is not here, so its cost is not counted. '
      : 'They were spawned, but their transcripts are not here, so their cost is not counted. ',
    spawns.map((m) =>
      h(
        'a',
        { key: m.spanId, className: 'missing-spawn', href: sessionHref(m.parentSessionId, m.spanId), title: m.task ?? '' },
        h(Badge, { kind: m.status.toLowerCase() }, m.status.toLowerCase()),
        ` ${truncate(m.label || m.task || m.spanId, 60)}`,
      ),
    ),
  );
}

function LoadState({ store }) {
  const state = store.loading.get(store.rootSessionId);
  if (!state) return null;
  if (state.error) return h(ErrorBox, { error: state.error });
  if (state.done) return null;
  return h('span', { className: 'muted small', 'data-testid': 'tree-progress' }, `loading spans ${count(state.loaded)} of ${state.total === null ? '…' : count(state.total)}`);
}

/** Spans as [start, end, kind] for the time axis. */
function intervals(nodes) {
  const out = [];
  for (const node of nodes) {
    const t = node.span.startedAt ? Date.parse(node.span.startedAt) : NaN;
    if (!Number.isNaN(t)) out.push([t, t + (node.span.durationMs ?? 0), node.kind]);
  }
  return out;
}

/**
 * The time axis. `fit` 'session': the whole session; 'view': the rows in view (scrolling moves the
 * window), so a long session's calls get readable bars; 'auto' picks 'view' when the whole
 * session would draw the calls as slivers. Either may compress idle gaps into breaks.
 */
function useTimeline(store, version, rows, viewport, zoom, fit, compress) {
  const all = useMemo(() => intervals(store.nodes.values()), [store, version]);
  const fullRange = useMemo(() => store.timeRange(), [store, version]);
  const sessionScale = useMemo(() => (fullRange ? (compress ? compressedScale(all, fullRange) : linearScale(fullRange)) : null), [all, fullRange, compress]);
  const readable = useMemo(() => (sessionScale ? medianBarPx(all, sessionScale) >= READABLE_PX : true), [all, sessionScale]);
  const mode = fit === 'auto' ? (readable ? 'session' : 'view') : fit;
  const inView = useMemo(() => (mode === 'view' && viewport ? intervals(rows.slice(viewport.first, viewport.last).map((r) => r.node)) : null), [mode, rows, viewport]);
  const padded = inView ? viewWindow(inView) : null;
  // Kept inside the session, so the axis never reads "+-3 s".
  const frame = padded && fullRange ? [Math.max(padded[0], fullRange[0]), Math.min(padded[1], fullRange[1])] : null;
  let scale = sessionScale;
  if (zoom) scale = linearScale(zoom);
  else if (frame) scale = compress ? compressedScale(inView, frame) : linearScale(frame);
  return { scale, sessionScale, origin: fullRange?.[0] ?? null, mode, fitted: Boolean(frame && !zoom) };
}

function TimelineControls({ zoom, setZoom, timeline, setFit, compress, setCompress }) {
  if (zoom) {
    return h('button', { type: 'button', className: 'button small', onClick: () => setZoom(null), 'data-testid': 'zoom-reset' }, `Timeline: ${duration(zoom[1] - zoom[0])} window · show all`);
  }
  const scale = timeline.scale;
  const idle = scale?.breaks.reduce((s, b) => s + (b.end - b.start), 0) ?? 0;
  return h(
    'div',
    { className: 'timeline-controls' },
    h(
      'div',
      { className: 'segmented small', role: 'group', 'aria-label': 'Timeline window', 'data-testid': 'timeline-fit', 'data-mode': timeline.mode },
      [
        ['session', 'whole session', 'The whole session on one axis'],
        ['view', 'rows in view', 'The axis spans the rows on screen (it moves as you scroll), so each call gets a readable bar'],
      ].map(([value, label, title]) =>
        h('button', { key: value, type: 'button', title, className: timeline.mode === value ? 'active' : '', onClick: () => setFit(value), 'data-testid': `timeline-fit-${value}` }, label),
      ),
    ),
    h(
      'label',
      { className: 'small', title: 'Long stretches with no model or tool call are drawn as narrow breaks labelled with their length' },
      h('input', { type: 'checkbox', checked: compress, onChange: (e) => setCompress(e.target.checked), 'data-testid': 'timeline-compress' }),
      ' compress idle gaps',
      compress && idle ? h('span', { className: 'muted' }, ` (${plural(scale.breaks.length, 'gap')}, ${duration(idle)})`) : null,
    ),
  );
}

export function SessionPage({ sessionId, query }) {
  const head = useGql(SESSION_HEADER, { id: sessionId }, sessionId);
  const { store, version, toggle, reveal } = useSessionTree(sessionId);
  const [scrollTo, setScrollTo] = useState(null);
  // The timeline's window: the whole session, or one span's time when the user zooms to it.
  const [zoom, setZoom] = useState(null);
  const [compress, setCompress] = useState(true);
  const [fit, setFit] = useState('auto');
  const [viewport, setViewport] = useState(null);
  const [search, setSearch] = useState('');
  const selectedId = query.get('span');
  const terms = useMemo(() => searchTerms(search), [search]);
  const allRows = useMemo(() => store.rows(), [store, version]);
  const found = useMemo(() => (terms.length ? store.matchingRows((node) => rowMatches(node, terms)) : null), [store, version, terms]);
  const rows = found ? found.rows : allRows;
  const timeline = useTimeline(store, version, rows, viewport, zoom, fit, compress);
  const findings = useMemo(() => new Map((head.data?.redundantCalls ?? []).map((f) => [f.spanId, f])), [head.data]);

  // A span selected by URL may not be loaded or visible yet: reveal it once it is there.
  const selectedLoaded = Boolean(selectedId && store.nodes.has(selectedId));
  useEffect(() => {
    if (!selectedLoaded) return;
    reveal(selectedId);
    setScrollTo({ id: selectedId });
  }, [selectedId, selectedLoaded]);

  const select = (id, { scroll = false } = {}) => {
    navigate(sessionHref(sessionId, id), { replace: true });
    if (scroll) setScrollTo({ id });
  };
  const openSubagent = (spawnId) => {
    toggle(spawnId, true);
    setScrollTo({ id: spawnId });
  };
  // Leaving a search keeps the span chosen in it in view.
  const clearSearch = () => {
    setSearch('');
    if (selectedId) {
      reveal(selectedId);
      setScrollTo({ id: selectedId });
    }
  };

  if (head.error) return h(ErrorBox, { error: head.error });
  const session = head.data?.session;
  if (head.data && !session) return h('p', { className: 'error-box' }, `No session ${sessionId} in this project.`);
  return h(
    'div',
    { className: 'page session', 'data-testid': 'session-page' },
    session ? h(Header, { session, findings: head.data.redundantCalls }) : h(Loading, { what: 'Loading the session' }),
    h(
      'div',
      { className: 'session-body' },
      h(
        'section',
        { className: 'panel tree-panel' },
        h(
          'header',
          { className: 'panel-head' },
          h('h2', null, 'Execution tree & timeline'),
          h('span', { className: 'legend' }, ['LLM', 'TOOL', 'SUBAGENT', 'AGENT'].map((k) => h('span', { key: k, className: `legend-item kind-${k}` }, k.toLowerCase()))),
          h(LoadState, { store }),
          h('span', { className: 'spacer' }),
          h(TimelineControls, { zoom, setZoom, timeline, setFit, compress, setCompress }),
        ),
        h(
          'div',
          { className: 'toolbar tree-search' },
          h('input', {
            type: 'search',
            placeholder: 'Search spans: command, path, model, answer text…',
            value: search,
            onChange: (e) => setSearch(e.target.value),
            onKeyDown: (e) => e.key === 'Escape' && clearSearch(),
            'aria-label': 'Search the execution tree',
            'data-testid': 'tree-search',
          }),
          found
            ? h(
                'span',
                { className: 'muted small', 'data-testid': 'tree-search-count' },
                `${plural(found.matched.size, 'matching span')} (of ${count(store.nodes.size)} loaded), shown with their parents `,
                h('button', { type: 'button', className: 'button small ghost', onClick: clearSearch }, 'clear'),
              )
            : null,
        ),
        h(TreeView, {
          rows,
          total: found ? allRows.length : null,
          scale: timeline.scale,
          origin: timeline.origin,
          onViewport: setViewport,
          nodes: store.nodes,
          rootSessionId: sessionId,
          selectedId,
          findings,
          onSelect: select,
          onToggle: toggle,
          scrollTo,
        }),
      ),
      h(
        'aside',
        { className: 'panel side-panel' },
        h(
          'div',
          { className: 'tabs', role: 'tablist' },
          h('button', { type: 'button', role: 'tab', className: 'active', 'data-testid': 'tab-step' }, 'Step inspector'),
          h('a', { className: 'tab-link', href: cardHref(sessionId), 'data-testid': 'tab-tracecard', title: 'The TraceCard on a page of its own (a link you can share)' }, 'TraceCard ↗'),
        ),
        h(Inspector, { spanId: selectedId, finding: selectedId ? findings.get(selectedId) : null, onSelect: select, onOpenSubagent: openSubagent, onZoom: setZoom, store }),
      ),
    ),
  );
}
