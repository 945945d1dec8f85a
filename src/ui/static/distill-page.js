// Distill: start a CostCraft run and follow it (?run=<id>), and see whether a distilled skill
// worked (?impact=<skill>[&baseline=…&candidate=…], distill-impact.js). A server whose schema has no
// CostCraft yet shows that plainly instead of failing query by query.
import { useGql } from './api.js';
import { DistillForm } from './distill-form.js';
import { ImpactPicker, ImpactView } from './distill-impact.js';
import { DistillRunView } from './distill-run.js';
import { DISTILL_AVAILABLE } from './queries.js';
import { h } from './react.js';
import { href } from './router.js';
import { ErrorBox, Loading } from './widgets.js';

export function DistillPage({ query }) {
  const probe = useGql(DISTILL_AVAILABLE, {}, 'probe');
  const runId = query.get('run');
  const impact = query.get('impact');
  let body;
  if (probe.error) body = h(ErrorBox, { error: probe.error });
  else if (!probe.data) body = h(Loading, { what: 'Checking what this server offers' });
  else if (!probe.data.__type)
    body = h(
      'div',
      { className: 'callout', 'data-testid': 'distill-unavailable' },
      h('strong', null, 'Distillation is not available on this server. '),
      'Its GraphQL schema has no distill mutation (CostCraft); upgrade the server to use this page.',
    );
  else
    body = h(
      'div',
      { className: 'distill-layout' },
      impact ? h(ImpactView, { key: `impact:${impact}`, skill: impact, baseline: query.get('baseline'), candidate: query.get('candidate') }) : null,
      runId ? h(DistillRunView, { key: runId, runId }) : null,
      runId || impact ? h('p', null, h('a', { href: href(['distill']) }, '+ start another run')) : h(DistillForm),
      runId || impact ? null : h(ImpactPicker),
    );
  return h('div', { className: 'page distill', 'data-testid': 'distill-page' }, h('h1', null, 'Distill a skill'), body);
}
