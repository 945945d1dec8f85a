// A session's TraceCard on a page of its own (#/session/<id>/card; the server sends
// /ui/sessions/<id>/card here), so it can be linked to: the card drawn readably across the page
// (tracecard-view.js) beside the YAML an agent or an issue gets, with a button to copy it. The
// budget is in the URL too (?budget=), so a link shows the same card.
import { useGql } from './api.js';
import { dateTime, duration, truncate, usd } from './format.js';
import { TRACE_CARD_PAGE } from './queries.js';
import { h } from './react.js';
import { href, navigate, sessionHref } from './router.js';
import { sessionTitle } from './session-title.js';
import { TraceCardView } from './tracecard-view.js';
import { CopyButton, ErrorBox, Loading } from './widgets.js';

export const BUDGETS = [512, 1024, 2048, 4096, 8192];
const DEFAULT_BUDGET = 512;

export function TraceCardPage({ sessionId, query }) {
  const asked = Number(query.get('budget'));
  const budget = BUDGETS.includes(asked) ? asked : DEFAULT_BUDGET;
  const { data, error, loading } = useGql(TRACE_CARD_PAGE, { id: sessionId, budget }, `${sessionId}|${budget}`);
  const card = data?.traceCard;
  const session = data?.session;
  const setBudget = (b) => navigate(href(['session', sessionId, 'card'], { budget: b === DEFAULT_BUDGET ? '' : b }), { replace: true });
  if (data && !session) return h('p', { className: 'error-box' }, `No session ${sessionId} in this project.`);
  return h(
    'div',
    { className: 'page tracecard-page', 'data-testid': 'tracecard' },
    h(
      'header',
      { className: 'session-head' },
      h('h1', { title: session?.task ?? '' }, 'TraceCard', session ? h('span', { className: 'muted' }, ` · ${truncate(sessionTitle(session).title, 90)}`) : null),
      session
        ? h(
            'div',
            { className: 'meta' },
            h('a', { href: sessionHref(session.id), 'data-testid': 'card-session-link' }, '← execution tree'),
            h('code', null, session.id),
            h('span', null, `${session.agentName ?? session.agentId ?? 'unknown agent'} · started ${dateTime(session.startedAt)} UTC · ${duration(session.durationMs)} · ${usd(session.totalCostUsd)}`),
          )
        : null,
    ),
    h(
      'div',
      { className: 'toolbar' },
      h(
        'label',
        null,
        'Budget ',
        h(
          'select',
          { value: budget, onChange: (e) => setBudget(Number(e.target.value)), 'data-testid': 'card-budget' },
          BUDGETS.map((b) => h('option', { key: b, value: b }, `${b} tokens`)),
        ),
      ),
      card ? h('span', { className: 'muted small' }, `${card.tokens} tokens${card.truncated ? ' · cut to fit' : ' · complete'}`) : null,
      h('span', { className: 'spacer' }),
      card ? h(CopyButton, { text: card.yaml, label: 'Copy YAML' }) : null,
    ),
    h(ErrorBox, { error }),
    card
      ? h(
          'div',
          { className: 'card-layout' },
          h(TraceCardView, { card: card.card }),
          h(
            'section',
            { className: 'panel card-yaml' },
            h('header', { className: 'panel-head' }, h('h2', null, 'YAML'), h('span', { className: 'muted small' }, 'what an agent, a prompt or an issue gets')),
            h('pre', { className: 'yaml', 'data-testid': 'tracecard-yaml' }, card.yaml),
          ),
        )
      : loading
        ? h(Loading, { what: 'Compiling the TraceCard' })
        : null,
  );
}
