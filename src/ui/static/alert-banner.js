// The banner every page shows when an alert fires while the explorer is open: the newest alert's
// level, message and a link to its session at the step that crossed, how many more arrived, and a
// link to the Alerts page. Dismissing hides it until the next alert.
import { useAlertFeed } from './alert-feed.js';
import { h, useState } from './react.js';
import { href, sessionHref } from './router.js';

export function levelBadge(level) {
  return h('span', { className: `badge badge-level-${level.toLowerCase()}` }, level === 'LIMIT' ? 'limit' : 'warning');
}

export function AlertBanner() {
  const [shown, setShown] = useState([]);
  useAlertFeed((alert) => setShown((list) => [alert, ...list]));
  const newest = shown[0];
  if (!newest) return null;
  const more = shown.length - 1;
  return h(
    'div',
    { className: `alert-banner level-${newest.level.toLowerCase()}`, role: 'alert', 'data-testid': 'alert-banner', 'data-alert-id': newest.id },
    levelBadge(newest.level),
    h('span', { className: 'alert-banner-message', 'data-testid': 'alert-banner-message' }, newest.message),
    newest.sessionId
      ? h('a', { href: sessionHref(newest.sessionId, newest.spanId ?? undefined), 'data-testid': 'alert-banner-link', onClick: () => setShown([]) }, newest.spanId ? 'open the step' : 'open the session')
      : null,
    h('a', { href: href(['alerts']), onClick: () => setShown([]) }, more > 0 ? `${more} more alert${more === 1 ? '' : 's'}` : 'all alerts'),
    h('span', { className: 'spacer' }),
    h('button', { type: 'button', className: 'button small ghost', 'aria-label': 'Dismiss', 'data-testid': 'alert-banner-dismiss', onClick: () => setShown([]) }, 'Dismiss'),
  );
}
