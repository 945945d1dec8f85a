// #/alerts: the alerts budgets and rules fired, newest first (level, kind, message, the session at
// the step that crossed, fired time, and webhook delivery where the server delivers alerts), then
// the budgets and rules themselves (budgets-panel.js). The list reloads when the live feed brings a
// new alert. `deliveries` is asked for only when the server's Alert type has it.
import { useAlertFeed } from './alert-feed.js';
import { levelBadge } from './alert-banner.js';
import { useGql } from './api.js';
import { BudgetsPanel } from './budgets-panel.js';
import { dateTime, truncate, usd } from './format.js';
import { ALERT_FIELDS, alertsPage } from './queries.js';
import { h, useState } from './react.js';
import { sessionHref } from './router.js';
import { Badge, ErrorBox, Loading, Section } from './widgets.js';

const PAGE_SIZE = 50;
const KIND_WORDS = { BUDGET: 'budget', SPEND_RATE: 'spend rate', WASTE: 'waste' };
const FEED_WORDS = { live: 'live', polling: 'checking every few seconds', reconnecting: 'reconnecting…', connecting: 'connecting…' };

/** One cell per webhook: delivered, pending (with its next attempt) or failed (with the error). */
function Deliveries({ deliveries }) {
  if (!deliveries) return null;
  if (deliveries.length === 0) return h('span', { className: 'muted small' }, 'no webhooks');
  return h(
    'span',
    null,
    deliveries.map((d) => {
      const status = d.status.toLowerCase();
      const title = [d.url, `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`, d.lastError, d.nextAttemptAt ? `next ${dateTime(d.nextAttemptAt)}` : null, d.deliveredAt ? `delivered ${dateTime(d.deliveredAt)}` : null]
        .filter(Boolean)
        .join('\n');
      return h(Badge, { key: d.webhookId, kind: `delivery-${status}`, title }, status);
    }),
  );
}

function AlertsTable({ withDeliveries, version }) {
  const [after, setAfter] = useState([]);
  const cursor = after.at(-1) ?? null;
  const { data, error, loading } = useGql(alertsPage(withDeliveries), { first: PAGE_SIZE, after: cursor }, `${withDeliveries}:${cursor}:${version}`);
  if (error) return h(ErrorBox, { error });
  if (!data) return h(Loading, { what: 'Loading alerts' });
  const { nodes, totalCount, pageInfo } = data.alerts;
  if (totalCount === 0) return h('p', { className: 'muted', 'data-testid': 'alerts-empty' }, 'No alerts yet. Budgets and rules below fire them as sessions are finalised.');
  return h(
    'div',
    null,
    h(
      'table',
      { className: `table alerts${loading ? ' stale' : ''}`, 'data-testid': 'alerts-table' },
      h(
        'thead',
        null,
        h('tr', null, ['Fired (UTC)', 'Level', 'Kind', 'Message', 'Session', ...(withDeliveries ? ['Delivery'] : [])].map((label) => h('th', { key: label }, label))),
      ),
      h(
        'tbody',
        null,
        nodes.map((a) =>
          h(
            'tr',
            { key: a.id, 'data-alert-id': a.id },
            h('td', null, dateTime(a.firedAt)),
            h('td', null, levelBadge(a.level)),
            h('td', { title: a.ruleName }, KIND_WORDS[a.kind] ?? a.kind.toLowerCase(), a.findingKind ? h('span', { className: 'muted small' }, ` ${a.findingKind.toLowerCase()}`) : null),
            h('td', { 'data-col': 'message', title: `${a.message}\nobserved ${usd(a.observedUsd)}${a.thresholdUsd !== null ? ` · threshold ${usd(a.thresholdUsd)}` : ''}` }, a.message),
            h(
              'td',
              null,
              a.sessionId
                ? h('a', { href: sessionHref(a.sessionId, a.spanId ?? undefined), title: a.spanId ? `${a.sessionId}\nstep ${a.spanId}` : a.sessionId, 'data-testid': 'alert-session-link' }, truncate(a.sessionId, 32))
                : h('span', { className: 'muted' }, a.periodStart ? `period from ${dateTime(a.periodStart)}` : '—'),
            ),
            withDeliveries ? h('td', null, h(Deliveries, { deliveries: a.deliveries })) : null,
          ),
        ),
      ),
    ),
    h(
      'div',
      { className: 'pager' },
      h('span', { className: 'muted small' }, `${nodes.length} of ${totalCount} alerts, newest first`),
      after.length ? h('button', { type: 'button', className: 'button small', onClick: () => setAfter(after.slice(0, -1)) }, '← newer') : null,
      pageInfo.hasNextPage ? h('button', { type: 'button', className: 'button small', onClick: () => setAfter([...after, pageInfo.endCursor]) }, 'older →') : null,
    ),
  );
}

export function AlertsPage() {
  const probe = useGql(ALERT_FIELDS, {}, 'alert-fields');
  const [version, setVersion] = useState(0);
  const mode = useAlertFeed(() => setVersion((v) => v + 1));
  const withDeliveries = Boolean(probe.data?.__type?.fields?.some((f) => f.name === 'deliveries'));
  return h(
    'div',
    { className: 'page alerts', 'data-testid': 'alerts-page' },
    h('h1', null, 'Alerts'),
    h(
      Section,
      { title: 'Fired', actions: h('span', { className: 'muted small', 'data-testid': 'alert-feed-mode', 'data-mode': mode }, `new alerts: ${FEED_WORDS[mode] ?? mode}`) },
      probe.error ? h(ErrorBox, { error: probe.error }) : probe.data ? h(AlertsTable, { withDeliveries, version }) : h(Loading, { what: 'Loading alerts' }),
    ),
    h(BudgetsPanel, { version }),
  );
}
