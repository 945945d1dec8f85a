// Hand-drawn SVG/HTML charts: enough for bars over time (with breaks where nothing happened for a
// long time) and ranked lists, with no chart library.
import { h } from './react.js';

const W = 600;
const H = 150;
const PAD = { left: 8, right: 8, top: 10, bottom: 22 };

/**
 * Vertical bars over time; each bar's tooltip (SVG <title>) gives the period and the value. A point
 * with `gap` is a break in the axis (a long idle stretch), drawn as a hatched slot saying how long.
 * `tick(key, previousLabelledKey)` writes the axis labels (dashboard-data.js tickText: with the year
 * where it changes); without it the point's `short` is used.
 */
export function BarChart({ title, points, format, testId, color = 'var(--accent)', tick }) {
  const max = Math.max(0, ...points.map((p) => p.value));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = points.length ? innerW / points.length : innerW;
  const barW = Math.max(1, slot * 0.8);
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  const total = points.reduce((s, p) => s + p.value, 0);
  let labelled = null;
  return h(
    'figure',
    { className: 'chart', 'data-testid': testId },
    h('figcaption', null, h('span', null, title), h('span', { className: 'muted' }, `max ${format(max)} · total ${format(total)}`)),
    h(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, preserveAspectRatio: 'none' },
      h('line', { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, className: 'axis' }),
      points.map((p, i) => {
        const x = PAD.left + i * slot + (slot - barW) / 2;
        if (p.gap) {
          return h(
            'g',
            { key: p.label, className: 'gap', 'data-testid': 'chart-gap' },
            h('rect', { className: 'gap-band', x: PAD.left + i * slot, y: PAD.top, width: slot, height: innerH }, h('title', null, `${p.gapLabel}: nothing recorded`)),
            h('text', { x: PAD.left + i * slot + slot / 2, y: PAD.top + innerH / 2, className: 'gap-text', textAnchor: 'middle' }, p.short),
          );
        }
        const barH = max > 0 ? (p.value / max) * innerH : 0;
        let label = null;
        if (i % labelEvery === 0) {
          label = tick ? tick(p.label, labelled) : (p.short ?? p.label);
          labelled = p.label;
        }
        return h(
          'g',
          { key: p.label },
          h('rect', { className: 'bar', x, y: H - PAD.bottom - barH, width: barW, height: Math.max(barH, p.value > 0 ? 1 : 0), fill: color }, h('title', null, `${p.label}: ${format(p.value)}`)),
          label === null
            ? null
            : h('text', { x: i === 0 ? PAD.left : PAD.left + i * slot + slot / 2, y: H - 6, className: 'tick', textAnchor: i === 0 ? 'start' : 'middle', 'data-key': p.label }, label),
        );
      }),
    ),
    points.length === 0 ? h('p', { className: 'muted empty' }, 'No data in this range') : null,
  );
}

/** A ranked list with proportional bars: cost by model, by tool, most expensive sessions. */
export function RankedBars({ rows, format, testId, empty = 'Nothing here yet' }) {
  const max = Math.max(0, ...rows.map((r) => r.value));
  if (!rows.length) return h('p', { className: 'muted' }, empty);
  return h(
    'ol',
    { className: 'ranked', 'data-testid': testId },
    rows.map((r) =>
      h(
        'li',
        { key: r.key, title: r.hint ?? undefined },
        h('span', { className: 'ranked-label' }, r.tag ? h('span', { className: 'badge badge-tag' }, r.tag) : null, r.href ? h('a', { href: r.href }, r.label) : r.label),
        h('span', { className: 'ranked-bar' }, h('span', { style: { width: `${max > 0 ? (r.value / max) * 100 : 0}%` } })),
        h('span', { className: 'ranked-value', 'data-value': r.value }, format(r.value)),
        r.extra ? h('span', { className: 'ranked-extra muted' }, r.extra) : null,
      ),
    ),
  );
}
