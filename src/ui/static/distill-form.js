// Starts a CostCraft distill run: which skill, which sessions (all of the skill's, or picked by
// hand — corpora often record no skill), the mode and the token budget of the SKILL.md.
import { gql, useGql } from './api.js';
import { dateTime, truncate, usd } from './format.js';
import { CATALOG, DISTILL_SESSIONS, DISTILL_START } from './queries.js';
import { h, useState } from './react.js';
import { href, navigate } from './router.js';
import { ErrorBox, Section } from './widgets.js';

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
            ` ${dateTime(s.startedAt)} · ${truncate(s.task || s.id, 60)} · ${usd(s.totalCostUsd)}${s.outcome ? ` · ${s.outcome.toLowerCase()}` : ''}`,
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
  const known = skills.find((s) => s.name === skill);
  const [scope, setScope] = useState('pick');
  const [agent, setAgent] = useState('');
  const [picked, setPicked] = useState([]);
  const [mode, setMode] = useState('OFFLINE');
  const [budget, setBudget] = useState(1200);
  const [baseSkill, setBaseSkill] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const useAll = scope === 'skill' && known;

  async function start(event) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    const input = { skill: skill.trim(), mode, budgetTokens: Number(budget) };
    if (!useAll) input.sessionIds = picked;
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

  const ready = skill.trim() && (useAll || picked.length > 0);
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
        h('input', { list: 'known-skills', value: skill, onChange: (e) => setSkill(e.target.value), placeholder: 'e.g. pr-patrol', required: true, 'data-testid': 'distill-skill' }),
        h('datalist', { id: 'known-skills' }, skills.map((s) => h('option', { key: s.name, value: s.name }))),
      ),
      h(
        'div',
        { className: 'row' },
        h('label', null, h('input', { type: 'radio', name: 'scope', checked: scope === 'skill', disabled: !known, onChange: () => setScope('skill') }), ` all ${known ? known.sessions : 0} sessions of this skill`),
        h('label', null, h('input', { type: 'radio', name: 'scope', checked: scope !== 'skill' || !known, onChange: () => setScope('pick') }), ' sessions I pick'),
      ),
      useAll ? null : h(SessionPicker, { agent, setAgent, picked, setPicked, agents }),
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
