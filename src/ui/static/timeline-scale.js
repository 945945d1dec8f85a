// The Gantt's time axis. Agent sessions are bursts of work separated by long waits (a cron run that
// polls every few minutes, a parent waiting on sub-agents, a user away for an hour): drawn to a
// linear scale, a 5-hour session makes every call a 1-pixel sliver. So idle gaps much longer than a
// typical step are compressed to a fixed-width break (which says how long the gap was), and the
// busy stretches share the rest of the width in proportion to their time. Pure: no DOM.

/** A gap becomes a break when it is this many times the median step between calls... */
export const GAP_FACTOR = 10;
/** ...and at least this long (short sessions are drawn as they are). */
export const MIN_GAP_MS = 60_000;
/** Only the longest gaps become breaks: a few wide, labelled breaks read better than many slivers. */
export const MAX_BREAKS = 6;
/** Each break's width, as a share of the axis; all breaks together take at most MAX_BREAKS_SHARE. */
export const BREAK_SHARE = 0.04;
export const MAX_BREAKS_SHARE = 0.24;
/** Compress only when the gaps are a good part of the session (else linear reads better). */
export const MIN_IDLE_SHARE = 0.2;

/** Spans that do the work: waits (the session root, a spawn waiting on its child) do not make time busy. */
const WORK_KINDS = new Set(['LLM', 'TOOL', 'OTHER']);

function median(values) {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A linear scale over [start, end]: { range, breaks: [], x(t) → 0..1 }. */
export function linearScale([start, end]) {
  const total = Math.max(1, end - start);
  return { range: [start, end], breaks: [], compressed: false, x: (t) => (t - start) / total };
}

/**
 * intervals: [startMs, endMs, kind] of the loaded spans; range: [start, end] of the axis.
 * Returns { range, breaks: [{ start, end, x0, x1 }], compressed, x(t) }: x maps a time to a share
 * of the axis, monotone, with every break drawn BREAK_SHARE wide (or narrower when there are many).
 */
export function compressedScale(intervals, range) {
  if (!range) return null;
  const [start, end] = range;
  const work = intervals.filter(([s, e, kind]) => WORK_KINDS.has(kind) && Number.isFinite(s) && Number.isFinite(e) && e >= start && s <= end).sort((a, b) => a[0] - b[0]);
  if (work.length < 2) return linearScale(range);
  const steps = [];
  for (let i = 1; i < work.length; i++) steps.push(work[i][0] - work[i - 1][0]);
  const threshold = Math.max(GAP_FACTOR * median(steps.filter((s) => s > 0)), MIN_GAP_MS);

  // Idle gaps: stretches no working span covers (from the axis start, between spans, to the end).
  const gaps = [];
  let busyUntil = start;
  for (const [s, e] of work) {
    if (s - busyUntil > threshold) gaps.push({ start: busyUntil, end: s });
    busyUntil = Math.max(busyUntil, e);
  }
  if (end - busyUntil > threshold) gaps.push({ start: busyUntil, end });
  if (gaps.length > MAX_BREAKS) {
    const longest = [...gaps].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, MAX_BREAKS);
    gaps.splice(0, gaps.length, ...longest.sort((a, b) => a.start - b.start));
  }
  const idle = gaps.reduce((sum, g) => sum + (g.end - g.start), 0);
  if (!gaps.length || idle < MIN_IDLE_SHARE * (end - start)) return linearScale(range);

  const breakShare = Math.min(BREAK_SHARE, MAX_BREAKS_SHARE / gaps.length);
  const busyShare = 1 - breakShare * gaps.length;
  const busyTotal = Math.max(1, end - start - idle);
  // Pieces in time order: busy stretches (scaled) and breaks (fixed width).
  const pieces = [];
  let t = start;
  let x = 0;
  for (const gap of gaps) {
    if (gap.start > t) {
      const w = ((gap.start - t) / busyTotal) * busyShare;
      pieces.push({ start: t, end: gap.start, x0: x, x1: x + w, gap: false });
      x += w;
    }
    pieces.push({ start: gap.start, end: gap.end, x0: x, x1: x + breakShare, gap: true });
    x += breakShare;
    t = gap.end;
  }
  if (end > t) pieces.push({ start: t, end, x0: x, x1: 1, gap: false });
  const toX = (time) => {
    if (time <= start) return 0;
    if (time >= end) return 1;
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pieces[mid].end < time) lo = mid + 1;
      else hi = mid;
    }
    const p = pieces[lo];
    const span = p.end - p.start;
    return span > 0 ? p.x0 + ((time - p.start) / span) * (p.x1 - p.x0) : p.x0;
  };
  return { range, breaks: pieces.filter((p) => p.gap).map(({ start: s, end: e, x0, x1 }) => ({ start: s, end: e, x0, x1 })), compressed: true, x: toX };
}

/**
 * Axis labels: the time since the axis start at evenly spread points of a linear scale; on a
 * compressed one only at both ends (each break is labelled with its own length instead).
 */
export function axisTicks(scale) {
  const [start, end] = scale.range;
  const at = scale.compressed ? [0, 1] : [0, 0.25, 0.5, 0.75, 1];
  return at.map((x) => ({ at: x, offsetMs: (end - start) * x }));
}

/** Below this many pixels a bar reads as a sliver (the Gantt column is about 300 px wide). */
export const READABLE_PX = 3;
export const TIMELINE_PX = 300;

/** The median width in pixels of the working spans' bars on `scale` (0 when there are none). */
export function medianBarPx(intervals, scale, px = TIMELINE_PX) {
  const widths = intervals.filter(([, , kind]) => WORK_KINDS.has(kind)).map(([s, e]) => (scale.x(e) - scale.x(s)) * px);
  return median(widths);
}

/**
 * The window of the rows in view: from the first start to the last end of their working spans,
 * with a little room on both sides; null when they have none (only the session root, say).
 */
export function viewWindow(intervals) {
  const work = intervals.filter(([s, e, kind]) => WORK_KINDS.has(kind) && Number.isFinite(s) && Number.isFinite(e));
  if (!work.length) return null;
  const start = Math.min(...work.map((w) => w[0]));
  const end = Math.max(...work.map((w) => w[1]));
  const pad = Math.max(250, (end - start) * 0.03);
  return [start - pad, end + pad];
}
