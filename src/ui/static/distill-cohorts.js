// The cohorts a run can learn from without picking sessions (Query.cohorts): skills the sessions
// used (recorded or detected, and how), agents, recurring tasks (cron jobs, shared prompt
// templates), each with its session count, spend and outcomes — inferred ones said as such.
import { useGql } from './api.js';
import { usd } from './format.js';
import { COHORTS } from './queries.js';
import { h } from './react.js';
import { ErrorBox, Loading } from './widgets.js';

const KIND_LABEL = { SKILL: 'skill', AGENT: 'agent', TASK: 'recurring task' };

function outcomes(c) {
  const judged = `${c.successes} succeeded · ${c.failures} failed`;
  return c.inferredOutcomes ? `${judged} (${c.inferredOutcomes} inferred)` : judged;
}

/** `selected` is `{kind, key, name}` or null; `onSelect` gets the cohort clicked. */
export function CohortPicker({ selected, onSelect }) {
  const { data, error } = useGql(COHORTS, {}, 'cohorts');
  if (error) return h(ErrorBox, { error });
  if (!data) return h(Loading, { what: 'Loading cohorts' });
  const cohorts = data.cohorts;
  if (cohorts.length === 0) return h('p', { className: 'muted', 'data-testid': 'distill-no-cohorts' }, 'No cohorts yet: import sessions first, or pick sessions by hand.');
  const isSelected = (c) => selected !== null && selected.kind === c.kind && selected.key === c.key;
  return h(
    'table',
    { className: 'table cohorts', 'data-testid': 'distill-cohorts' },
    h('thead', null, h('tr', null, ['', 'cohort', 'kind', 'sessions', 'spend', 'outcomes', 'detected by'].map((t) => h('th', { key: t }, t)))),
    h(
      'tbody',
      null,
      cohorts.map((c) =>
        h(
          'tr',
          { key: `${c.kind}:${c.key}`, 'data-cohort-kind': c.kind, 'data-cohort-key': c.key, className: isSelected(c) ? 'selected' : undefined, onClick: () => onSelect(c) },
          h('td', null, h('input', { type: 'radio', name: 'cohort', checked: isSelected(c), onChange: () => onSelect(c), 'aria-label': c.name })),
          h('td', { title: c.key }, c.name),
          h('td', null, KIND_LABEL[c.kind] ?? c.kind),
          h('td', { className: 'num', 'data-testid': 'cohort-sessions' }, String(c.sessions)),
          h('td', { className: 'num', 'data-testid': 'cohort-spend', 'data-value': c.costUsd }, usd(c.costUsd)),
          h('td', null, outcomes(c)),
          h('td', { className: 'muted small' }, c.detectedBy.join(', ')),
        ),
      ),
    ),
  );
}
