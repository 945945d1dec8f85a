// Pure helpers of the dashboard: the GraphQL variables for its filters, periods (the API rolls up by
// HOUR or DAY; weeks are summed here from days), idle periods shown as zero and long idle stretches
// as breaks, axis labels with the year where it changes, and the redundancy waste that matches the
// filters.

export const PERIODS = ['hour', 'day', 'week'];

/** Filters → GraphQL variables. `to` is a day and inclusive for the user, so the range ends the next midnight. */
export function filterVariables({ agent, skill, from, to, period }) {
  const where = {};
  if (agent) where.agentId = agent;
  if (skill) where.skill = skill;
  const range = {};
  if (from) range.from = `${from}T00:00:00.000Z`;
  if (to) range.to = new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString();
  const hasRange = Boolean(range.from || range.to);
  const sessions = { ...where, ...(hasRange ? { startedAt: range } : {}) };
  return {
    where: Object.keys(where).length ? where : null,
    range: hasRange ? range : null,
    byTime: period === 'hour' ? 'HOUR' : 'DAY',
    sessions,
    roots: { ...sessions, rootOnly: true },
  };
}

/** Monday (UTC) of the ISO week a 'YYYY-MM-DD' day falls in. */
export function weekOf(day) {
  const t = Date.parse(`${day}T00:00:00.000Z`);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  return new Date(t - weekday * 86_400_000).toISOString().slice(0, 10);
}

const STEP_MS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };
const keyAt = (period, t) => (period === 'hour' ? new Date(t).toISOString().slice(0, 13) + ':00' : new Date(t).toISOString().slice(0, 10));
const timeOf = (period, key) => Date.parse(period === 'hour' ? `${key}:00.000Z` : `${key}T00:00:00.000Z`);
/**
 * Idle periods up to this many are drawn as empty buckets (a quiet weekend stays visible as such);
 * a longer stretch becomes one break (a bucket with `gap`), so active periods months or years apart
 * neither sit side by side as if adjacent nor shrink to slivers between hundreds of empty ones.
 */
export const MAX_FILLED_GAP = { hour: 24, day: 14, week: 8 };

export function emptyBucket(key) {
  return { key, costUsd: 0, tokens: 0, llmCalls: 0, toolCalls: 0, sessions: 0, errors: 0 };
}

/** A break between active periods: { key, gap: true, from, to, ms } (from/to: the active keys around it). */
function gapBucket(period, from, to) {
  const ms = timeOf(period, to) - timeOf(period, from) - STEP_MS[period];
  return { ...emptyBucket(`gap:${from}`), gap: true, from, to, ms };
}

/**
 * Buckets in time order with cost, tokens, calls (LLM + tool) and sessions. `series` rows are
 * costRollup([HOUR|DAY]); `toolSeries` rows are costRollup([TOOL, HOUR|DAY]) (tool calls per period).
 * Sessions per week add up per-day counts, so a session active on two days counts twice. Short idle
 * stretches are empty buckets; long ones one `gap` bucket (MAX_FILLED_GAP).
 */
export function buckets(series, toolSeries, period) {
  const byKey = new Map();
  const bucket = (rawKey) => {
    const key = period === 'week' ? weekOf(rawKey) : rawKey;
    if (!byKey.has(key)) byKey.set(key, emptyBucket(key));
    return byKey.get(key);
  };
  for (const row of series) {
    if (!row.key1) continue;
    const b = bucket(row.key1);
    b.costUsd += row.costUsd;
    b.tokens += row.inputTokens + row.outputTokens + row.cacheReadTokens + row.cacheWriteTokens;
    b.llmCalls += row.llmCalls;
    b.sessions += row.sessions;
    b.errors += row.errors;
  }
  for (const row of toolSeries) if (row.key2) bucket(row.key2).toolCalls += row.toolCalls;
  const keys = [...byKey.keys()].sort();
  const out = [];
  for (const [i, key] of keys.entries()) {
    const previous = keys[i - 1];
    if (previous !== undefined) {
      const missing = Math.round((timeOf(period, key) - timeOf(period, previous)) / STEP_MS[period]) - 1;
      if (missing > MAX_FILLED_GAP[period]) out.push(gapBucket(period, previous, key));
      else for (let n = 1; n <= missing; n++) out.push(emptyBucket(keyAt(period, timeOf(period, previous) + n * STEP_MS[period])));
    }
    out.push(byKey.get(key));
  }
  return out;
}

/**
 * The axis label of a bucket: month-day (and the hour, per hour), with the year in front on the
 * first label and wherever the year changed since the label before (`previousKey`, null at first).
 */
export function tickText(period, key, previousKey) {
  const year = key.slice(0, 4);
  const short = period === 'hour' ? key.slice(5).replace('T', ' ') : key.slice(5);
  return previousKey === null || previousKey.slice(0, 4) !== year ? `${year}-${short}` : short;
}

/** '3 d', '5 mo', '2 y': how long a break on the time axis lasted, roughly. */
export function gapText(ms) {
  const days = ms / 86_400_000;
  if (days < 1) return `${Math.round(ms / 3_600_000)} h`;
  if (days < 60) return `${Math.round(days)} d`;
  if (days < 730) return `${Math.round(days / 30.44)} mo`;
  return `${(days / 365.25).toFixed(1).replace(/\.0$/, '')} y`;
}

/** Findings inside the filters (the API filters redundancy by session only, so the rest is done here). */
export function wasteInFilters(findings, { agent, skill }, range) {
  const from = range?.from ? Date.parse(range.from) : -Infinity;
  const to = range?.to ? Date.parse(range.to) : Infinity;
  const kept = findings.filter((f) => {
    const t = f.startedAt ? Date.parse(f.startedAt) : null;
    if (t !== null && (t < from || t >= to)) return false;
    if (t === null && range) return false;
    const session = f.span?.session;
    if (agent && session?.agentId !== agent) return false;
    if (skill && session?.skill !== skill) return false;
    return true;
  });
  const byKind = new Map();
  let usd = 0;
  let unknown = 0;
  for (const f of kept) {
    if (f.wastedUsd === null) unknown++;
    else usd += f.wastedUsd;
    const k = byKind.get(f.kind) ?? { kind: f.kind, findings: 0, usd: 0 };
    k.findings++;
    k.usd += f.wastedUsd ?? 0;
    byKind.set(f.kind, k);
  }
  return { findings: kept.length, usd, unknown, byKind: [...byKind.values()].sort((a, b) => b.usd - a.usd) };
}
