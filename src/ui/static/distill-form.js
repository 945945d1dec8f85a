// Starts a CostCraft distill run: which sessions — a cohort (a skill the sessions used, an agent, a
// recurring task), or sessions picked by hand — the SKILL.md's name, the mode and the token budget.
import { gql, useGql } from './api.js';
import { dateTime, truncate, usd } from './format.js';
import { CohortPicker } from './distill-cohorts.js';
import { CATALOG, DISTILL_SESSIONS, DISTILL_START } from './queries.js';
import { h, useState } from './react.js';
import { href, navigate } from './router.js';
import { ErrorBox, Section } from './widgets.js';

function outcomeOf(s) {
  if (s.outcome) return ` · ${s.outcome.toLowerCase()}`;
  return s.inferredOutcome ? ` · ${s.inferredOutcome.result.toLowerCase()} (inferred)` : '';
}

function SessionPicker({ agent, setAgent, picked, setPicked, agents }) {
  const where = { rootOnly: true, ...(agent ? { agentId: agent } : {}) };
  const { data, error } = useGql(DISTILL_SESSIONS, { where }, JSON.stringify(where));
  const nodes = data?.sessions.nodes ?? [];
  const flip = (id) => setPicked(picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id]);
  return h(
    'div',
    { className: 'picker' },
    h(
      'div',
      { className: 'toolbar' },
      h(
        'select',
        { value: agent, onChange: (e) => setAgent(e.target.value) },
        h('option', { value: '' }, 'all agents'),
        agents.map((a) => h('option', { key: a.id, value: a.id }, a.name ?? a.id)),
      ),
      h('button', { type: 'button', className: 'button small ghost', onClick: () => setPicked(nodes.map((n) => n.id)), 'data-testid': 'pick-all' }, 'Select all shown'),
      h('button', { type: 'button', className: 'button small ghost', onClick: () => setPicked([]) }, 'None'),
      h('span', { className: 'muted small' }, `${picked.length} selected`),
    ),
    h(ErrorBox, { error }),
    h(
      'ul',
      { className: 'pick-list', 'data-testid': 'distill-sessions' },
      nodes.map((s) =>
        h(
          'li',
          { key: s.id },
          h(
            'label',
            { title: s.id },
            h('input', { type: 'checkbox', checked: picked.includes(s.id), onChange: () => flip(s.id), 'data-session-id': s.id }),
            ` ${dateTime(s.startedAt)} · ${truncate(s.task || s.id, 60)} · ${usd(s.totalCostUsd)}${outcomeOf(s)}`,
          ),
        ),
      ),
    ),
  );
}

export function DistillForm({ initialSkill = '' }) {
  const catalog = useGql(CATALOG, {}, 'catalog');
  const skills = catalog.data?.skills ?? [];
  const agents = catalog.data?.agents ?? [];
  const [skill, setSkill] = useState(initialSkill);
  const [scope, setScope] = useState('cohort');
  const [cohort, setCohort] = useState(null);
  const [agent, setAgent] = useState('');
  const [picked, setPicked] = useState([]);
  const [mode, setMode] = useState('OFFLINE');
  const [budget, setBudget] = useState(1200);
  const [baseSkill, setBaseSkill] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const useCohort = scope === 'cohort';
  // Picking a cohort names the SKILL.md after it unless a name was typed.
  const pickCohort = (c) => {
    if (!skill.trim() || (cohort && skill === cohort.name)) setSkill(c.name);
    setCohort(c);
  };

  async function start(event) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    const input = { mode, budgetTokens: Number(budget) };
    if (skill.trim()) input.skill = skill.trim();
    if (useCohort) input.cohort = { kind: cohort.kind, key: cohort.key };
    else input.sessionIds = picked;
    if (baseSkill.trim()) input.baseSkill = baseSkill;
    try {
      const data = await gql(DISTILL_START, { input });
      navigate(href(['distill'], { run: data.distill.run.id }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const ready = useCohort ? cohort !== null : skill.trim() && picked.length > 0;
  return h(
    Section,
    { title: 'New distill run', className: 'distill-form' },
    h(
      'form',
      { onSubmit: start },
      h(
        'label',
        { className: 'row' },
        'Skill ',
        h('input', { list: 'known-skills', value: skill, onChange: (e) => setSkill(e.target.value), placeholder: useCohort ? 'default: the cohort’s name' : 'e.g. pr-patrol', required: !useCohort, 'data-testid': 'distill-skill' }),
        h('datalist', { id: 'known-skills' }, skills.map((s) => h('option', { key: s.name, value: s.name }))),
      ),
      h(
        'div',
        { className: 'row' },
        h('label', null, h('input', { type: 'radio', name: 'scope', checked: useCohort, onChange: () => setScope('cohort'), 'data-testid': 'scope-cohort' }), ' all sessions of a cohort (skill, agent, recurring task)'),
        h('label', null, h('input', { type: 'radio', name: 'scope', checked: !useCohort, onChange: () => setScope('pick'), 'data-testid': 'scope-pick' }), ' sessions I pick'),
      ),
      useCohort ? h(CohortPicker, { selected: cohort, onSelect: pickCohort }) : h(SessionPicker, { agent, setAgent, picked, setPicked, agents }),
      h(
        'div',
        { className: 'row' },
        h(
          'label',
          null,
          'Mode ',
          h(
            'select',
            { value: mode, onChange: (e) => setMode(e.target.value), 'data-testid': 'distill-mode' },
            h('option', { value: 'OFFLINE' }, 'OFFLINE (deterministic templates)'),
            h('option', { value: 'CLAUDE' }, 'CLAUDE (needs ANTHROPIC_API_KEY on the server)'),
          ),
        ),
        h('label', null, 'Budget ', h('input', { type: 'number', min: 200, max: 20000, step: 100, value: budget, onChange: (e) => setBudget(e.target.value) }), ' tokens'),
      ),
      h(
        'details',
        null,
        h('summary', null, 'Base SKILL.md (optional; default: the latest version of this skill)'),
        h('textarea', { rows: 8, value: baseSkill, onChange: (e) => setBaseSkill(e.target.value), placeholder: '# my-skill\n\n## Workflow\n- …' }),
      ),
      h(ErrorBox, { error }),
      h('button', { type: 'submit', className: 'button primary', disabled: !ready || busy, 'data-testid': 'distill-start' }, busy ? 'Starting…' : 'Start distill run'),
    ),
  );
}
