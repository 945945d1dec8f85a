// How numbers look everywhere in the explorer (the e2e test imports this module in the page to
// check that what is shown matches the API). Money keeps more digits when it is small: a $0.0004
// call must not read as $0.00.
export function usd(value) {
  if (value === null || value === undefined) return '—';
  const abs = Math.abs(value);
  if (abs === 0) return '$0.00';
  if (abs >= 100) return `$${value.toFixed(0)}`;
  if (abs >= 1) return `$${value.toFixed(2)}`;
  if (abs >= 0.01) return `$${value.toFixed(3)}`;
  return `$${value.toFixed(4)}`;
}

export function count(value) {
  if (value === null || value === undefined) return '—';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return String(Math.round(value));
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${Math.round(s % 60)}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** '2026-02-18 03:34' in UTC (traces come from many machines; UTC is the one shared clock). */
export function dateTime(iso) {
  if (!iso) return '—';
  return iso.slice(0, 16).replace('T', ' ');
}

export const percent = (fraction) => `${Math.round((fraction ?? 0) * 100)}%`;

export function tokensOf(span) {
  return (span.inputTokens ?? 0) + (span.outputTokens ?? 0) + (span.cacheReadTokens ?? 0) + (span.cacheWriteTokens ?? 0);
}

export const truncate = (text, n) => (!text ? '' : text.length <= n ? text : `${text.slice(0, n - 1)}…`);

/** '1 call', '2 calls', '1.2k calls': a count with its noun agreeing (pass the plural when not +s). */
export function plural(n, one, many = `${one}s`) {
  return `${count(n)} ${n === 1 ? one : many}`;
}
