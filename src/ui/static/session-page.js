// Session: the header figures, the execution tree with its timeline, and a side panel with the
// step inspector and the TraceCard. The selected span is in the URL (?span=…), so a span can be
// linked to (the Distill page's provenance links land here).
import { useGql } from './api.js';
import { count, dateTime, duration, truncate } from './format.js';
import { SESSION_HEADER } from './queries.js';
import { h, useEffect, useMemo, useState } from './react.js';
import { navigate, sessionHref } from './router.js';
import { Inspector } from './inspector.js';
import { inclusiveUsd, lowerBoundHint, missingText } from './lower-bound.js';
import { TraceCardPanel } from './tracecard-panel.js';
import { useSessionTree } from './tree-loader.js';
import { TreeView } from './tree-view.js';
import { Badge, ErrorBox, Kpi, Loading } from './widgets.js';

function Header({ session, findings }) {
  const wasted = findings.reduce((s, f) => s + (f.wastedUsd ?? 0), 0);
  return h(
    'header',
    { className: 'session-head' },
    h('h1', { title: session.task ?? '' }, truncate(session.task || session.agentName || session.id, 120)),
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
      h(Kpi, { label: 'Redundancy waste', value: wasted, testId: 'session-waste', hint: `${findings.length} redundant calls in this session and its sub-agents` }),
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

export function SessionPage({ sessionId, query }) {
  const head = useGql(SESSION_HEADER, { id: sessionId }, sessionId);
  const { store, version, toggle, reveal } = useSessionTree(sessionId);
  const [tab, setTab] = useState('step');
  const [scrollTo, setScrollTo] = useState(null);
  // The timeline's window: the whole session, or one span's time when the user zooms to it.
  const [zoom, setZoom] = useState(null);
  const selectedId = query.get('span');
  const rows = useMemo(() => store.rows(), [store, version]);
  const fullRange = useMemo(() => store.timeRange(), [store, version]);
  const range = zoom ?? fullRange;
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
    setTab('step');
    if (scroll) setScrollTo({ id });
  };
  const openSubagent = (spawnId) => {
    toggle(spawnId, true);
    setScrollTo({ id: spawnId });
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
          zoom
            ? h('button', { type: 'button', className: 'button small', onClick: () => setZoom(null), 'data-testid': 'zoom-reset' }, `Timeline: ${duration(zoom[1] - zoom[0])} window · show all`)
            : null,
        ),
        h(TreeView, { rows, range, rootSessionId: sessionId, selectedId, findings, onSelect: select, onToggle: toggle, scrollTo }),
      ),
      h(
        'aside',
        { className: 'panel side-panel' },
        h(
          'div',
          { className: 'tabs', role: 'tablist' },
          h('button', { type: 'button', role: 'tab', className: tab === 'step' ? 'active' : '', onClick: () => setTab('step'), 'data-testid': 'tab-step' }, 'Step inspector'),
          h('button', { type: 'button', role: 'tab', className: tab === 'card' ? 'active' : '', onClick: () => setTab('card'), 'data-testid': 'tab-tracecard' }, 'TraceCard'),
        ),
        tab === 'step'
          ? h(Inspector, { spanId: selectedId, finding: selectedId ? findings.get(selectedId) : null, onSelect: select, onOpenSubagent: openSubagent, onZoom: setZoom, inTree: (id) => store.nodes.has(id) })
          : h(TraceCardPanel, { sessionId }),
      ),
    ),
  );
}
