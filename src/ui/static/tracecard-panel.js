// The session's TraceCard (deterministic YAML) at a chosen token budget, ready to copy into a
// prompt or an issue.
import { useGql } from './api.js';
import { usd } from './format.js';
import { TRACE_CARD } from './queries.js';
import { h, useState } from './react.js';
import { CopyButton, ErrorBox, Loading } from './widgets.js';

const BUDGETS = [512, 1024, 2048, 4096];

export function TraceCardPanel({ sessionId }) {
  const [budget, setBudget] = useState(512);
  const { data, error, loading } = useGql(TRACE_CARD, { id: sessionId, budget }, `${sessionId}|${budget}`);
  const card = data?.traceCard;
  return h(
    'div',
    { className: 'tracecard', 'data-testid': 'tracecard' },
    h(
      'div',
      { className: 'toolbar' },
      h(
        'label',
        null,
        'Budget ',
        h(
          'select',
          { value: budget, onChange: (e) => setBudget(Number(e.target.value)) },
          BUDGETS.map((b) => h('option', { key: b, value: b }, `${b} tokens`)),
        ),
      ),
      card ? h('span', { className: 'muted small' }, `${card.tokens} tokens${card.truncated ? ' · truncated to fit' : ''} · ${card.redundancyFindings} redundant calls, ${usd(card.redundancyWastedUsd)} wasted`) : null,
      h('span', { className: 'spacer' }),
      card ? h(CopyButton, { text: card.yaml, label: 'Copy YAML' }) : null,
    ),
    h(ErrorBox, { error }),
    card ? h('pre', { className: 'yaml', 'data-testid': 'tracecard-yaml' }, card.yaml) : loading ? h(Loading, { what: 'Compiling the TraceCard' }) : null,
  );
}
