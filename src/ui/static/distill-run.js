// One distill run: polls distillRun(id) while it is queued or running (progress bar, cancel),
// then shows the resulting SKILL.md with provenance, the diff against the previous version, and
// the skill's other versions.
import { gql, useGql } from './api.js';
import { dateTime, duration, percent } from './format.js';
import { DISTILL_CANCEL, DISTILL_RUN, SKILL_VERSIONS } from './queries.js';
import { h, useEffect, useState } from './react.js';
import { href } from './router.js';
import { DiffView } from './diff-view.js';
import { DroppedPatches, SkillView } from './skill-view.js';
import { Badge, CopyButton, ErrorBox, Loading, Section } from './widgets.js';

const LIVE = new Set(['QUEUED', 'RUNNING']);
const POLL_MS = 700;

function useRun(runId) {
  const [state, setState] = useState({ run: null, error: null });
  useEffect(() => {
    let stop = false;
    let timer = null;
    const poll = async () => {
      try {
        const data = await gql(DISTILL_RUN, { id: runId });
        if (stop) return;
        setState({ run: data.distillRun, error: data.distillRun ? null : new Error(`No distill run ${runId} in this project`) });
        if (data.distillRun && LIVE.has(data.distillRun.status)) timer = window.setTimeout(poll, POLL_MS);
      } catch (error) {
        if (!stop) setState((s) => ({ run: s.run, error }));
      }
    };
    poll();
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [runId]);
  return state;
}

function Progress({ run }) {
  const p = run.progress;
  return h(
    'div',
    { className: 'progress-wrap', 'data-testid': 'distill-progress', 'data-status': run.status },
    h('div', { className: 'progress' }, h('span', { style: { width: percent(run.status === 'SUCCEEDED' ? 1 : p.fraction) } })),
    h('div', { className: 'muted small' }, `${p.phase}${p.total ? ` ${p.done}/${p.total}` : ''}${p.message ? ` — ${p.message}` : ''}`),
  );
}

function Versions({ skill, current }) {
  const { data } = useGql(SKILL_VERSIONS, { name: skill }, skill);
  const versions = data?.skill?.versions ?? [];
  if (versions.length < 2) return null;
  return h(
    Section,
    { title: `Versions of ${skill}` },
    h(
      'ol',
      { className: 'versions', reversed: true },
      versions.map((v) =>
        h(
          'li',
          { key: v.id },
          v.runId === current ? h('strong', null, `v${v.number}`) : h('a', { href: href(['distill'], { run: v.runId }) }, `v${v.number}`),
          h('span', { className: 'muted small' }, ` ${dateTime(v.createdAt)} · ${v.tokens}/${v.budgetTokens} tokens · ${v.mode.toLowerCase()}`),
        ),
      ),
    ),
  );
}

export function DistillRunView({ runId }) {
  const { run, error } = useRun(runId);
  const [tab, setTab] = useState('skill');
  if (error && !run) return h(ErrorBox, { error });
  if (!run) return h(Loading, { what: 'Loading the run' });
  const version = run.skillVersion;
  const cancel = () => gql(DISTILL_CANCEL, { input: { id: run.id } }).catch(() => null);
  return h(
    'div',
    { className: 'distill-run', 'data-testid': 'distill-run', 'data-run-id': run.id },
    h(
      Section,
      {
        title: `Run ${run.id}`,
        actions: LIVE.has(run.status) ? h('button', { type: 'button', className: 'button small', onClick: cancel }, 'Cancel') : null,
      },
      h(
        'div',
        { className: 'meta' },
        h(Badge, { kind: run.status.toLowerCase() }, run.status.toLowerCase()),
        h('span', null, `skill ${run.skill} · ${run.mode.toLowerCase()} · started ${dateTime(run.startedAt ?? run.createdAt)} · ${duration(run.durationMs)}`),
      ),
      h(Progress, { run }),
      run.error ? h('div', { className: 'error-box' }, run.error) : null,
      Object.keys(run.timingsMs ?? {}).length
        ? h('p', { className: 'muted small' }, Object.entries(run.timingsMs).map(([k, v]) => `${k} ${duration(v)}`).join(' · '))
        : null,
    ),
    version
      ? h(
          Section,
          {
            title: `SKILL.md v${version.number}`,
            actions: h(
              'span',
              { className: 'toolbar' },
              h('span', { className: 'muted small' }, `${version.tokens} / ${version.budgetTokens} tokens`),
              h('button', { type: 'button', className: tab === 'skill' ? 'button small' : 'button small ghost', onClick: () => setTab('skill'), 'data-testid': 'tab-skill' }, 'Rules'),
              h('button', { type: 'button', className: tab === 'diff' ? 'button small' : 'button small ghost', onClick: () => setTab('diff'), 'data-testid': 'tab-diff' }, version.previousId ? `Diff vs v${version.number - 1}` : 'Diff vs base'),
              h('button', { type: 'button', className: tab === 'raw' ? 'button small' : 'button small ghost', onClick: () => setTab('raw') }, 'Markdown'),
              h(CopyButton, { text: version.text, label: 'Copy' }),
            ),
          },
          tab === 'skill' ? h(SkillView, { text: version.text, patches: run.patches }) : tab === 'diff' ? h(DiffView, { diff: version.diff }) : h('pre', { className: 'yaml' }, version.text),
          h(DroppedPatches, { patches: run.patches }),
        )
      : null,
    run.status === 'SUCCEEDED' ? h(Versions, { skill: run.skill, current: run.id }) : null,
    run.status === 'SUCCEEDED'
      ? h('p', null, h('a', { href: href(['distill'], { impact: run.skill }), 'data-testid': 'impact-link' }, `Did it work? Compare the versions of ${run.skill} the sessions ran →`))
      : null,
  );
}
