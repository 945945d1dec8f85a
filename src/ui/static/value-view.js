// Arguments and results as a person reads them: a shell command with its real line breaks (not a
// JSON string full of \n and \"), JSON indented, long text folded behind "show more". The span's
// `args` (GraphQL) is already parsed, also when the stored arguments were cut short.
import { count } from './format.js';
import { h, useState } from './react.js';

/** Text longer than this many lines or characters starts folded. */
export const FOLD_LINES = 14;
export const FOLD_CHARS = 1200;

/** Where a long text is cut when folded: at FOLD_LINES lines or FOLD_CHARS characters. */
export function foldPoint(text) {
  let at = 0;
  for (let line = 0; line < FOLD_LINES; line++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length > FOLD_CHARS ? FOLD_CHARS : null;
    at = next + 1;
  }
  return Math.min(at - 1, FOLD_CHARS);
}

/**
 * Indents JSON-looking text by its brackets and commas (outside strings) without parsing it:
 * previews are cut after a few hundred characters, so they are rarely valid JSON.
 */
export function reindent(text) {
  let out = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  const newline = () => `\n${'  '.repeat(Math.max(0, depth))}`;
  for (const c of text) {
    if (inString) {
      out += c;
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '{' || c === '[') {
      depth++;
      out += c + newline();
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') out += c + newline();
    else if (c === ':') out += ': ';
    else if (!/\s/.test(c)) out += c;
  }
  return out;
}

/** JSON text indented (also when cut short); other text as it is. */
export function prettyText(text) {
  if (!text) return text;
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    // JSON Lines (one object a line) read better as they are than run together.
    return trimmed.includes('\n') ? text : reindent(trimmed);
  }
}

/** A <pre> that shows the first lines of a long text and a "show more" button for the rest. */
export function Folded({ text, testId, className = '' }) {
  const [open, setOpen] = useState(false);
  const cut = foldPoint(text);
  const shown = cut === null || open ? text : text.slice(0, cut);
  return h(
    'div',
    { className: 'folded' },
    h('pre', { className, 'data-testid': testId }, shown, cut !== null && !open ? '…' : null),
    cut === null
      ? null
      : h(
          'button',
          { type: 'button', className: 'button small ghost show-more', onClick: () => setOpen(!open), 'data-testid': testId ? `${testId}-more` : undefined },
          open ? 'show less' : `show more (${count(text.length - cut)} more characters)`,
        ),
  );
}

/** Keys whose string value is a shell command: drawn as a script. */
const SHELL_KEYS = new Set(['command', 'cmd', 'script']);

function ArgValue({ name, value }) {
  if (typeof value === 'string') {
    const shell = SHELL_KEYS.has(name);
    return h(Folded, { text: shell ? value : prettyText(value), className: shell ? 'shell' : '', testId: shell ? 'arg-shell' : undefined });
  }
  if (value !== null && typeof value === 'object') return h(Folded, { text: JSON.stringify(value, null, 2) });
  return h('code', null, JSON.stringify(value));
}

/**
 * The arguments of a call, one field each: strings as text (commands as scripts), the rest as
 * indented JSON. `raw` (the stored canonical JSON) is offered below for copying.
 */
export function ArgsView({ args, raw, truncated }) {
  if (args === null || args === undefined) return raw ? h(Folded, { text: prettyText(raw), testId: 'inspector-args' }) : null;
  if (typeof args !== 'object' || Array.isArray(args)) return h(Folded, { text: JSON.stringify(args, null, 2), testId: 'inspector-args' });
  const entries = Object.entries(args);
  return h(
    'div',
    { className: 'args', 'data-testid': 'inspector-args' },
    entries.map(([name, value]) => h('div', { key: name, className: 'arg' }, h('div', { className: 'arg-name' }, name), h(ArgValue, { name, value }))),
    truncated ? h('p', { className: 'muted small' }, 'The stored arguments were cut short; the last value ends where they stop.') : null,
    raw ? h('details', { className: 'raw' }, h('summary', { className: 'muted small' }, 'canonical JSON (as stored)'), h('pre', null, raw)) : null,
  );
}
