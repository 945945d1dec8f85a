// A unified diff (as SkillVersion.diff gives it) with added and removed lines coloured.
import { h } from './react.js';

function lineClass(line) {
  if (line.startsWith('+++') || line.startsWith('---')) return 'diff-file';
  if (line.startsWith('@@')) return 'diff-hunk';
  if (line.startsWith('+')) return 'diff-add';
  if (line.startsWith('-')) return 'diff-del';
  return 'diff-ctx';
}

export function DiffView({ diff }) {
  if (!diff) return h('p', { className: 'muted' }, 'No changes.');
  const lines = diff.replace(/\n$/, '').split('\n');
  return h(
    'pre',
    { className: 'diff', 'data-testid': 'skill-diff' },
    lines.map((line, i) => h('span', { key: i, className: lineClass(line) }, `${line}\n`)),
  );
}
