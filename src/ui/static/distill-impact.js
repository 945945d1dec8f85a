// Did the distilled skill work? (Query.skillImpact, ?impact=<skill> on the Distill page). A verdict
// banner, then two charts read at a glance: cost per session of each version (median bar, p90
// whisker; baseline and candidate coloured) and the change with its 95% interval against zero (all
// sessions, the same tasks, success) — an interval crossing zero is "no significant difference".
// Then the prune rules followed or ignored, the versions' figures and what is estimated.
import { useGql } from './api.js';
import { usd } from './format.js';
import { h, useState } from './react.js';
import { href, navigate } from './router.js';
import { ErrorBox, Loading } from './widgets.js';

export const SKILL_IMPACT = `query SkillImpact($skill: String!, $baseline: String, $candidate: String) {
  skillImpact(skill: $skill, baseline: $baseline, candidate: $candidate) {
    skill verdict summary baseline candidate labels
    alerts { metric message }
    method { confidence resamples seed alpha }
    versions { key label kind sessions costMedianUsd costP90Usd tokensMedian stepsMedian successRate outcomeBasis
               waste { kind usdPerSession } }
    comparison {
      cost { baselineMedian candidateMedian difference ciLow ciHigh pValue significant direction relativeChange }
      success { basis baselineRate candidateRate difference ciLow ciHigh pValue significant direction }
      matched { tasks mixShift costChangePerTask ciLow ciHigh pValue significant direction cheaperTasks dearerTasks unchangedTasks }
    }
    pruneRules { patchId rule signature counts status note baselinePerSession candidatePerSession savedUsdTotal }
  }
}`;

const VERDICT = {
  IMPROVED: { text: 'Improved', bg: '#ecfdf5', fg: '#065f46' },
  REGRESSED: { text: 'Regression', bg: '#fef2f2', fg: '#7f1d1d' },
  NO_SIGNIFICANT_DIFFERENCE: { text: 'No significant difference', bg: '#f3f4f6', fg: '#1f2937' },
  MIX_SHIFT: { text: 'Not a better skill: the task mix changed', bg: '#fffbeb', fg: '#78350f' },
  INSUFFICIENT_DATA: { text: 'Not enough sessions to tell', bg: '#f3f4f6', fg: '#1f2937' },
};
const STATUS_COLOR = { FOLLOWED: '#065f46', PARTLY_FOLLOWED: '#065f46', INCONCLUSIVE: '#92400e', IGNORED: '#b91c1c', NOT_SEEN_BEFORE: '#6b7280', NOT_CHECKABLE: '#6b7280' };
const BASELINE = '#94a3b8';
const CANDIDATE = 'var(--accent)';
const GOOD = '#059669';
const BAD = '#dc2626';
const pct = (x) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);
const signedUsd = (x) => (x === null || x === undefined ? '—' : `${x < 0 ? '−' : '+'}${usd(Math.abs(x))}`);
const pText = (p) => (p === null || p === undefined ? '' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

function Banner({ report }) {
  const v = VERDICT[report.verdict] ?? VERDICT.INSUFFICIENT_DATA;
  return h(
    'div',
    { className: 'callout', 'data-testid': 'impact-verdict', 'data-verdict': report.verdict, style: { background: v.bg, color: v.fg, fontSize: 15 } },
    h('strong', null, v.text),
    report.alerts.map((a, i) => h('div', { key: i, 'data-testid': 'impact-alert', style: { color: BAD, marginTop: 4 } }, `⚠ ${a.message}`)),
  );
}

/** Cost per session of every version: median bar, p90 whisker. */
function CostChart({ report }) {
  const rows = report.versions.filter((v) => v.costMedianUsd !== null);
  const max = Math.max(0, ...rows.map((v) => v.costP90Usd ?? v.costMedianUsd));
  const W = 640;
  const rowH = 30;
  const left = 250;
  const right = 120;
  const H = rows.length * rowH + 16;
  const x = (v) => left + (max > 0 ? (v / max) * (W - left - right) : 0);
  return h(
    'figure',
    { className: 'chart', 'data-testid': 'impact-cost-chart' },
    h('figcaption', null, h('span', null, 'Cost per session, by version'), h('span', { className: 'muted' }, 'bar = median, whisker = p90 (inclusive of sub-agents)')),
    h(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Cost per session by version', preserveAspectRatio: 'xMinYMin meet', style: { height: H, width: '100%', maxWidth: W * 1.6 } },
      rows.map((v, i) => {
        const y = 8 + i * rowH;
        const role = v.key === report.candidate ? 'candidate' : v.key === report.baseline ? 'baseline' : null;
        const fill = role === 'candidate' ? CANDIDATE : role === 'baseline' ? BASELINE : '#e5e7eb';
        return h(
          'g',
          { key: v.key, 'data-version': v.key, 'data-role': role ?? '' },
          h('text', { x: 0, y: y + 17, style: { fontSize: 11, fontWeight: role ? 600 : 400 } }, `${v.label}${role ? ` (${role})` : ''}`),
          h('rect', { x: left, y: y + 4, width: Math.max(1, x(v.costMedianUsd) - left), height: 18, fill, rx: 3 }, h('title', null, `${v.label}: median ${usd(v.costMedianUsd)}, p90 ${usd(v.costP90Usd)}, ${v.sessions} sessions`)),
          v.costP90Usd !== null ? h('line', { x1: x(v.costMedianUsd), x2: x(v.costP90Usd), y1: y + 13, y2: y + 13, stroke: '#374151', strokeWidth: 1.5 }) : null,
          v.costP90Usd !== null ? h('line', { x1: x(v.costP90Usd), x2: x(v.costP90Usd), y1: y + 7, y2: y + 19, stroke: '#374151', strokeWidth: 1.5 }) : null,
          h('text', { x: x(v.costP90Usd ?? v.costMedianUsd) + 6, y: y + 17, style: { fontSize: 12 } }, `${usd(v.costMedianUsd)} · n=${v.sessions}`),
        );
      }),
    ),
  );
}

/** The change with its interval against zero: green/red when significant, grey when it crosses 0. */
function ChangeRow({ label, estimate, low, high, significant, direction, goodWhenLower, format, note, testId }) {
  const W = 640;
  const left = 250;
  const right = 170;
  const span = Math.max(Math.abs(low ?? 0), Math.abs(high ?? 0), Math.abs(estimate ?? 0)) || 1;
  const x = (v) => left + ((v + span) / (2 * span)) * (W - left - right);
  const dir = (direction ?? '').toLowerCase();
  const good = dir === 'lower' ? goodWhenLower : dir === 'higher' ? !goodWhenLower : null;
  const color = !significant || good === null ? '#6b7280' : good ? GOOD : BAD;
  const known = estimate !== null && low !== null && high !== null;
  return h(
    'svg',
    { viewBox: `0 0 ${W} 34`, preserveAspectRatio: 'xMinYMid meet', style: { width: '100%', height: 34, maxWidth: W * 1.6, display: 'block' }, 'data-testid': testId, 'data-significant': String(significant), role: 'img', 'aria-label': label },
    h('text', { x: 0, y: 21, style: { fontSize: 11 } }, label),
    h('line', { x1: x(0), x2: x(0), y1: 2, y2: 32, stroke: '#9ca3af', strokeDasharray: '3 3' }),
    known ? h('line', { x1: x(low), x2: x(high), y1: 17, y2: 17, stroke: color, strokeWidth: 3 }) : null,
    known ? h('circle', { cx: x(estimate), cy: 17, r: 5, fill: color }) : null,
    h('text', { x: W - right + 8, y: 21, style: { fontSize: 12, fill: color } }, known ? `${format(estimate)} [${format(low)}, ${format(high)}]` : 'not measured'),
    note ? h('title', null, note) : null,
  );
}

function ChangeChart({ report }) {
  const c = report.comparison;
  if (!c) return null;
  const m = c.matched;
  const pp = (x) => `${x < 0 ? '−' : '+'}${Math.abs(x * 100).toFixed(1)} pp`;
  return h(
    'figure',
    { className: 'chart', 'data-testid': 'impact-change-chart' },
    h('figcaption', null, h('span', null, `Candidate − baseline, ${Math.round(report.method.confidence * 100)}% intervals`), h('span', { className: 'muted' }, 'dashed line = no change; an interval crossing it is not significant')),
    h(ChangeRow, { label: 'median cost, all sessions', estimate: c.cost.difference, low: c.cost.ciLow, high: c.cost.ciHigh, significant: c.cost.significant, direction: c.cost.direction, goodWhenLower: true, format: signedUsd, note: `Mann–Whitney ${pText(c.cost.pValue)}`, testId: 'impact-change-cost' }),
    h(ChangeRow, { label: `cost, same ${m.tasks} tasks`, estimate: m.costChangePerTask, low: m.ciLow, high: m.ciHigh, significant: m.significant, direction: m.direction, goodWhenLower: true, format: signedUsd, note: `Wilcoxon ${pText(m.pValue)}`, testId: 'impact-change-matched' }),
    h(ChangeRow, { label: `success rate (${c.success.basis.toLowerCase()})`, estimate: c.success.difference, low: c.success.ciLow, high: c.success.ciHigh, significant: c.success.significant, direction: c.success.direction, goodWhenLower: false, format: pp, note: `Fisher ${pText(c.success.pValue)}`, testId: 'impact-change-success' }),
  );
}

function PruneRules({ rules }) {
  if (!rules.length) return null;
  return h(
    'table',
    { className: 'table', 'data-testid': 'impact-prune-rules', style: { tableLayout: 'fixed', width: '100%' } },
    h('thead', null, h('tr', null, [['rule', '46%'], ['step', '24%'], ['per session', '12%'], ['status', '9%'], ['saved (est.)', '9%']].map(([t, w]) => h('th', { key: t, style: { width: w } }, t)))),
    h(
      'tbody',
      null,
      rules.map((r) =>
        h(
          'tr',
          { key: r.patchId, 'data-status': r.status },
          h('td', { style: { whiteSpace: 'normal', overflowWrap: 'anywhere' } }, r.rule),
          h('td', { className: 'small', style: { whiteSpace: 'normal', overflowWrap: 'anywhere' } }, h('code', null, r.signature ?? '—'), r.counts !== 'step' ? ` (${r.counts} repeats)` : ''),
          h('td', { className: 'num' }, `${r.baselinePerSession.toFixed(2)} → ${r.candidatePerSession.toFixed(2)}`),
          h('td', { title: r.note, style: { color: STATUS_COLOR[r.status], fontWeight: 600 } }, r.status.replace(/_/g, ' ').toLowerCase()),
          h('td', { className: 'num' }, r.savedUsdTotal ? usd(r.savedUsdTotal) : '—'),
        ),
      ),
    ),
  );
}

function Versions({ report }) {
  return h(
    'table',
    { className: 'table', 'data-testid': 'impact-versions' },
    h('thead', null, h('tr', null, ['version', 'sessions', 'median cost', 'p90', 'tokens (median)', 'steps (median)', 'success', 'waste / session'].map((t) => h('th', { key: t }, t)))),
    h(
      'tbody',
      null,
      report.versions.map((v) =>
        h(
          'tr',
          { key: v.key, 'data-version': v.key },
          h('td', { title: v.key }, v.label, v.key === report.baseline ? ' · baseline' : v.key === report.candidate ? ' · candidate' : ''),
          h('td', { className: 'num' }, String(v.sessions)),
          h('td', { className: 'num' }, usd(v.costMedianUsd)),
          h('td', { className: 'num' }, usd(v.costP90Usd)),
          h('td', { className: 'num' }, v.tokensMedian === null ? '—' : Math.round(v.tokensMedian).toLocaleString('en-US')),
          h('td', { className: 'num' }, v.stepsMedian ?? '—'),
          h('td', { className: 'num' }, `${pct(v.successRate)}${v.outcomeBasis === 'RECORDED' || v.outcomeBasis === 'NONE' ? '' : ` (${v.outcomeBasis.toLowerCase()})`}`),
          h('td', { className: 'num' }, usd(v.waste.reduce((a, w) => a + w.usdPerSession, 0))),
        ),
      ),
    ),
  );
}

/** The before/after report of one skill; `baseline` / `candidate` as the URL gave them. */
export function ImpactView({ skill, baseline, candidate }) {
  const { data, error } = useGql(SKILL_IMPACT, { skill, baseline: baseline || null, candidate: candidate || null }, `${skill}|${baseline}|${candidate}`);
  if (error) return h(ErrorBox, { error });
  if (!data) return h(Loading, { what: `Comparing the versions of ${skill}` });
  const r = data.skillImpact;
  return h(
    'section',
    { className: 'panel', 'data-testid': 'impact' },
    h('h2', null, `Did it work? ${skill}: before / after`),
    h(Banner, { report: r }),
    h(CostChart, { report: r }),
    h(ChangeChart, { report: r }),
    h('p', { 'data-testid': 'impact-summary', style: { lineHeight: 1.5 } }, r.summary),
    h(PruneRules, { rules: r.pruneRules }),
    h(Versions, { report: r }),
    h('ul', { className: 'muted small' }, r.labels.map((l, i) => h('li', { key: i }, l))),
  );
}

/** Pick a skill to evaluate (on the Distill page without ?impact). */
export function ImpactPicker({ initial = '' }) {
  const [skill, setSkill] = useState(initial);
  return h(
    'form',
    { className: 'panel', 'data-testid': 'impact-picker', onSubmit: (e) => { e.preventDefault(); if (skill.trim()) navigate(href(['distill'], { impact: skill.trim() })); } },
    h('strong', null, 'Did a distilled skill work? '),
    h('input', { value: skill, placeholder: 'skill name', 'aria-label': 'skill to evaluate', onChange: (e) => setSkill(e.target.value) }),
    ' ',
    h('button', { className: 'button', type: 'submit' }, 'Compare its versions'),
  );
}
