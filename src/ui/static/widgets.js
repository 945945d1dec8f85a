// Small pieces every page uses: loading and error states, figures, badges, a copy button.
import { usd } from './format.js';
import { h, useState } from './react.js';

export const Loading = ({ what = 'Loading' }) => h('p', { className: 'muted loading' }, `${what}…`);

export function ErrorBox({ error }) {
  if (!error) return null;
  const auth = error.code === 'UNAUTHENTICATED';
  return h(
    'div',
    { className: 'error-box', role: 'alert' },
    h('strong', null, auth ? 'API key needed. ' : 'Could not load this. '),
    error.message,
    auth ? ' Use the “API key” button at the top right.' : null,
  );
}

/** A headline figure; data-value keeps the raw number for tests and tooltips; `note` is a line under it. */
export function Kpi({ label, value, text, testId, hint, note, noteTestId, noteClass = '' }) {
  return h(
    'div',
    { className: 'kpi', title: hint ?? undefined },
    h('div', { className: 'kpi-label' }, label),
    h('div', { className: 'kpi-value', 'data-testid': testId, 'data-value': value ?? '' }, text ?? usd(value)),
    note ? h('div', { className: `kpi-note ${noteClass}`, 'data-testid': noteTestId }, note) : null,
  );
}

export const Badge = ({ kind, children, title }) => h('span', { className: `badge badge-${kind}`, title }, children);

export const KindTag = ({ kind }) => h('span', { className: `kind kind-${kind}` }, kind);

/** Copies text; falls back to a hidden textarea where the Clipboard API is refused. */
export function CopyButton({ text, label = 'Copy' }) {
  const [done, setDone] = useState(false);
  async function copy() {
    try {
      await window.navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setDone(true);
    window.setTimeout(() => setDone(false), 1500);
  }
  return h('button', { type: 'button', className: 'button small', onClick: copy }, done ? 'Copied ✓' : label);
}

export const Section = ({ title, actions, children, className = '' }) =>
  h('section', { className: `panel ${className}` }, h('header', { className: 'panel-head' }, h('h2', null, title), actions ?? null), children);
