// The explorer's shell: top bar, API key entry, and the page for the current hash route.
import { AlertBanner } from './alert-banner.js';
import { AlertsPage } from './alerts-page.js';
import { apiKey } from './api.js';
import { DashboardPage } from './dashboard-page.js';
import { DistillPage } from './distill-page.js';
import { h, ReactDOM, useState } from './react.js';
import { href, useRoute } from './router.js';
import { SessionPage } from './session-page.js';
import { SpanRedirect } from './span-redirect.js';
import { TraceCardPage } from './tracecard-page.js';

function KeyButton() {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(apiKey.get());
  if (!open) {
    return h('button', { type: 'button', className: 'button small ghost', onClick: () => setOpen(true) }, apiKey.get() ? 'API key ✓' : 'API key');
  }
  const save = (event) => {
    event.preventDefault();
    apiKey.set(value.trim());
    window.location.reload();
  };
  return h(
    'form',
    { className: 'key-form', onSubmit: save },
    h('input', { type: 'password', placeholder: 'Bearer key (not needed in local mode)', value, onChange: (e) => setValue(e.target.value), autoFocus: true }),
    h('button', { type: 'submit', className: 'button small' }, 'Save'),
  );
}

function NavLink({ to, active, children }) {
  return h('a', { href: to, className: active ? 'nav-link active' : 'nav-link' }, children);
}

function Page({ route }) {
  const [name, id, sub] = route.path;
  if (name === 'session' && id && sub === 'card') return h(TraceCardPage, { key: `${id}/card`, sessionId: id, query: route.query });
  if (name === 'session' && id) return h(SessionPage, { key: id, sessionId: id, query: route.query });
  if (name === 'span' && id) return h(SpanRedirect, { key: id, spanId: id });
  if (name === 'distill') return h(DistillPage, { query: route.query });
  if (name === 'alerts') return h(AlertsPage);
  return h(DashboardPage, { query: route.query });
}

function App() {
  const route = useRoute();
  const page = route.path[0] ?? 'dashboard';
  return h(
    'div',
    { className: 'app' },
    h(
      'nav',
      { className: 'topbar' },
      h('a', { className: 'brand', href: href([]) }, 'ClawTrace'),
      h(NavLink, { to: href([]), active: page === 'dashboard' }, 'Dashboard'),
      h(NavLink, { to: href(['distill']), active: page === 'distill' }, 'Distill'),
      h(NavLink, { to: href(['alerts']), active: page === 'alerts' }, 'Alerts'),
      h('a', { className: 'nav-link', href: '/graphql' }, 'GraphQL'),
      h('span', { className: 'spacer' }),
      h(KeyButton),
    ),
    h(AlertBanner),
    h('main', { className: 'content' }, h(Page, { route })),
  );
}

ReactDOM.createRoot(document.getElementById('app')).render(h(App));
