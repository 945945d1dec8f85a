// The Alerts page's budgets and alert rules: each listed (a period budget with its spend in the
// current period and where it stands) with a delete button, and a small form for each that calls
// createBudget / createAlertRule. The server checks the values (src/alerts/definitions.ts) and its
// message is shown as it is: it names the field.
import { gql, useGql } from './api.js';
import { usd } from './format.js';
import { BUDGETS_AND_RULES, CREATE_ALERT_RULE, CREATE_BUDGET, DELETE_ALERT_RULE, DELETE_BUDGET } from './queries.js';
import { h, useState } from './react.js';
import { Badge, ErrorBox, Loading, Section } from './widgets.js';

const SCOPES = ['PROJECT', 'AGENT', 'SKILL', 'SESSION'];
const WINDOWS = ['SESSION', 'HOUR', 'DAY', 'WEEK', 'MONTH'];
const WASTE_KINDS = ['POLL_LOOP', 'FAILED_RETRY', 'REPEATED_LLM_REQUEST', 'EXACT_DUPLICATE', 'REREAD', 'DUPLICATE_SUBAGENT', 'HANDOFF'];

const scopeText = (scope, value) => (scope === 'PROJECT' ? 'project' : `${scope.toLowerCase()} ${value}`);
const lower = (text) => text.toLowerCase().replace(/_/g, ' ');
/** A number from a form field; '' is null (left out). */
const amount = (text) => (text.trim() === '' ? null : Number(text));

function ruleCondition(rule) {
  if (rule.kind === 'SPEND_RATE') return `${usd(rule.thresholdUsd)} within ${rule.windowMinutes} min`;
  const kinds = (rule.findingKinds ?? ['POLL_LOOP', 'FAILED_RETRY', 'REPEATED_LLM_REQUEST']).map(lower).join(', ');
  const limits = [rule.minMinutes !== null ? `lasting ${rule.minMinutes} min` : null, rule.thresholdUsd !== null ? `wasting ${usd(rule.thresholdUsd)}` : null].filter(Boolean);
  return `${kinds} ${limits.join(' or ')}`;
}

function DeleteButton({ mutation, id, onDone, label }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const remove = async () => {
    setBusy(true);
    try {
      await gql(mutation, { input: { id } });
      onDone();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return h(
    'span',
    null,
    h('button', { type: 'button', className: 'button small', disabled: busy, onClick: remove, 'aria-label': `Delete ${label}`, 'data-testid': 'delete' }, 'Delete'),
    error ? h(ErrorBox, { error }) : null,
  );
}

function ScopeFields({ scope, setScope, value, setValue }) {
  return [
    h('label', { key: 'scope' }, 'for ', h('select', { value: scope, onChange: (e) => setScope(e.target.value), name: 'scope' }, SCOPES.map((s) => h('option', { key: s, value: s }, s === 'PROJECT' ? 'the project' : lower(s))))),
    scope === 'PROJECT' ? null : h('input', { key: 'value', name: 'scopeValue', placeholder: scope === 'SESSION' ? 'session id' : `${lower(scope)} name`, value, onChange: (e) => setValue(e.target.value), required: true }),
  ];
}

function useSubmit(mutation, onDone) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (input) => {
    setBusy(true);
    setError(null);
    try {
      await gql(mutation, { input });
      onDone();
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  };
  return { error, busy, submit };
}

function BudgetForm({ onDone }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState('PROJECT');
  const [scopeValue, setScopeValue] = useState('');
  const [period, setPeriod] = useState('SESSION');
  const [warn, setWarn] = useState('');
  const [limit, setLimit] = useState('');
  const { error, busy, submit } = useSubmit(CREATE_BUDGET, () => {
    setName('');
    setWarn('');
    setLimit('');
    onDone();
  });
  const onSubmit = (event) => {
    event.preventDefault();
    submit({ name: name.trim() || null, scope, scopeValue: scope === 'PROJECT' ? null : scopeValue.trim(), window: period, warnUsd: amount(warn), limitUsd: amount(limit) });
  };
  return h(
    'form',
    { className: 'inline-form', onSubmit, 'data-testid': 'budget-form' },
    h('strong', null, 'Add a budget'),
    h('label', null, 'limit $', h('input', { name: 'limitUsd', type: 'number', min: '0', step: 'any', required: true, value: limit, onChange: (e) => setLimit(e.target.value), className: 'money' })),
    h('label', null, 'warn at $', h('input', { name: 'warnUsd', type: 'number', min: '0', step: 'any', value: warn, onChange: (e) => setWarn(e.target.value), className: 'money', placeholder: 'optional' })),
    h('label', null, 'per ', h('select', { name: 'window', value: period, onChange: (e) => setPeriod(e.target.value) }, WINDOWS.map((w) => h('option', { key: w, value: w }, w === 'SESSION' ? 'session (with sub-agents)' : lower(w))))),
    ...ScopeFields({ scope, setScope, value: scopeValue, setValue: setScopeValue }),
    h('input', { name: 'name', placeholder: 'name (optional)', value: name, onChange: (e) => setName(e.target.value) }),
    h('button', { type: 'submit', className: 'button primary small', disabled: busy }, 'Add budget'),
    error ? h(ErrorBox, { error }) : null,
  );
}

function RuleForm({ onDone }) {
  const [kind, setKind] = useState('SPEND_RATE');
  const [scope, setScope] = useState('PROJECT');
  const [scopeValue, setScopeValue] = useState('');
  const [threshold, setThreshold] = useState('');
  const [minutes, setMinutes] = useState('');
  const [kinds, setKinds] = useState(['POLL_LOOP', 'FAILED_RETRY', 'REPEATED_LLM_REQUEST']);
  const [cooldown, setCooldown] = useState('30');
  const { error, busy, submit } = useSubmit(CREATE_ALERT_RULE, () => {
    setThreshold('');
    setMinutes('');
    onDone();
  });
  const rate = kind === 'SPEND_RATE';
  const onSubmit = (event) => {
    event.preventDefault();
    const base = { kind, scope, scopeValue: scope === 'PROJECT' ? null : scopeValue.trim(), thresholdUsd: amount(threshold), cooldownMinutes: amount(cooldown) ?? 30 };
    submit(rate ? { ...base, windowMinutes: amount(minutes) } : { ...base, minMinutes: amount(minutes), findingKinds: kinds });
  };
  const flip = (k) => setKinds(kinds.includes(k) ? kinds.filter((x) => x !== k) : [...kinds, k]);
  return h(
    'form',
    { className: 'inline-form', onSubmit, 'data-testid': 'rule-form' },
    h('strong', null, 'Add a rule'),
    h('select', { name: 'kind', value: kind, onChange: (e) => setKind(e.target.value) }, h('option', { value: 'SPEND_RATE' }, 'spend rate'), h('option', { value: 'WASTE' }, 'live waste')),
    rate
      ? [
          h('label', { key: 't' }, '$', h('input', { name: 'thresholdUsd', type: 'number', min: '0', step: 'any', required: true, value: threshold, onChange: (e) => setThreshold(e.target.value), className: 'money' })),
          h('label', { key: 'm' }, 'within ', h('input', { name: 'windowMinutes', type: 'number', min: '0', step: 'any', required: true, value: minutes, onChange: (e) => setMinutes(e.target.value), className: 'money' }), ' min'),
        ]
      : [
          h('label', { key: 'm' }, 'lasting ', h('input', { name: 'minMinutes', type: 'number', min: '0', step: 'any', value: minutes, onChange: (e) => setMinutes(e.target.value), className: 'money' }), ' min'),
          h('label', { key: 't' }, 'or wasting $', h('input', { name: 'thresholdUsd', type: 'number', min: '0', step: 'any', value: threshold, onChange: (e) => setThreshold(e.target.value), className: 'money' })),
          h(
            'span',
            { key: 'k', className: 'kinds' },
            WASTE_KINDS.map((k) => h('label', { key: k, className: 'chip' }, h('input', { type: 'checkbox', checked: kinds.includes(k), onChange: () => flip(k) }), ` ${lower(k)}`)),
          ),
        ],
    ...ScopeFields({ scope, setScope, value: scopeValue, setValue: setScopeValue }),
    h('label', null, 'quiet ', h('input', { name: 'cooldownMinutes', type: 'number', min: '0', step: 'any', value: cooldown, onChange: (e) => setCooldown(e.target.value), className: 'money' }), ' min after firing'),
    h('button', { type: 'submit', className: 'button primary small', disabled: busy }, 'Add rule'),
    error ? h(ErrorBox, { error }) : null,
  );
}

function BudgetsTable({ budgets, reload }) {
  if (budgets.length === 0) return h('p', { className: 'muted' }, 'No budgets yet.');
  return h(
    'table',
    { className: 'table', 'data-testid': 'budgets-table' },
    h('thead', null, h('tr', null, ['Name', 'Covers', 'Per', 'Warn at', 'Limit', 'This period', ''].map((l, i) => h('th', { key: i, className: i >= 3 && i <= 5 ? 'num' : '' }, l)))),
    h(
      'tbody',
      null,
      budgets.map((b) =>
        h(
          'tr',
          { key: b.id, 'data-budget-id': b.id },
          h('td', null, b.name),
          h('td', null, scopeText(b.scope, b.scopeValue)),
          h('td', null, b.window === 'SESSION' ? 'session tree' : lower(b.window)),
          h('td', { className: 'num' }, usd(b.warnUsd)),
          h('td', { className: 'num' }, usd(b.limitUsd)),
          h(
            'td',
            { className: 'num', 'data-testid': 'budget-now' },
            b.currentSpendUsd === null ? h('span', { className: 'muted' }, 'per session') : [usd(b.currentSpendUsd), h(Badge, { key: 's', kind: `level-${b.status.toLowerCase()}` }, b.status.toLowerCase())],
          ),
          h('td', null, h(DeleteButton, { mutation: DELETE_BUDGET, id: b.id, onDone: reload, label: b.name })),
        ),
      ),
    ),
  );
}

function RulesTable({ rules, reload }) {
  if (rules.length === 0) return h('p', { className: 'muted' }, 'No rules yet.');
  return h(
    'table',
    { className: 'table', 'data-testid': 'rules-table' },
    h('thead', null, h('tr', null, ['Name', 'Kind', 'Fires on', 'Covers', 'Quiet after', ''].map((l, i) => h('th', { key: i }, l)))),
    h(
      'tbody',
      null,
      rules.map((r) =>
        h(
          'tr',
          { key: r.id, 'data-rule-id': r.id },
          h('td', null, r.name),
          h('td', null, r.kind === 'SPEND_RATE' ? 'spend rate' : 'live waste'),
          h('td', { 'data-col': 'task' }, ruleCondition(r)),
          h('td', null, scopeText(r.scope, r.scopeValue)),
          h('td', null, `${r.cooldownMinutes} min`),
          h('td', null, h(DeleteButton, { mutation: DELETE_ALERT_RULE, id: r.id, onDone: reload, label: r.name })),
        ),
      ),
    ),
  );
}

export function BudgetsPanel({ version }) {
  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((n) => n + 1);
  const { data, error } = useGql(BUDGETS_AND_RULES, {}, `${reloads}:${version}`);
  return h(
    'div',
    { className: 'budgets' },
    h(
      Section,
      { title: 'Budgets', className: 'budgets-panel' },
      error ? h(ErrorBox, { error }) : data ? h(BudgetsTable, { budgets: data.budgets, reload }) : h(Loading, { what: 'Loading budgets' }),
      h(BudgetForm, { onDone: reload }),
    ),
    h(
      Section,
      { title: 'Alert rules', className: 'rules-panel' },
      data ? h(RulesTable, { rules: data.alertRules, reload }) : null,
      h(RuleForm, { onDone: reload }),
    ),
  );
}
