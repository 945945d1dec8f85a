// Pure helpers of the dashboard: the GraphQL variables for its filters, periods (the API rolls up by
// HOUR or DAY; weeks are summed here from days), gap filling so idle periods show as zero, and the
// redundancy waste that matches the filters.

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
const MAX_FILLED_BUCKETS = 400;

export function emptyBucket(key) {
  return { key, costUsd: 0, tokens: 0, llmCalls: 0, toolCalls: 0, sessions: 0, errors: 0 };
}

/**
 * Buckets in time order with cost, tokens, calls (LLM + tool) and sessions. `series` rows are
 * costRollup([HOUR|DAY]); `toolSeries` rows are costRollup([TOOL, HOUR|DAY]) (tool calls per period).
 * Sessions per week add up per-day counts, so a session active on two days counts twice.
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
  if (keys.length < 2) return keys.map((k) => byKey.get(k));
  const first = timeOf(period, keys[0]);
  const last = timeOf(period, keys[keys.length - 1]);
  const n = Math.round((last - first) / STEP_MS[period]) + 1;
  if (n > MAX_FILLED_BUCKETS) return keys.map((k) => byKey.get(k));
  const out = [];
  for (let i = 0; i < n; i++) {
    const key = keyAt(period, first + i * STEP_MS[period]);
    out.push(byKey.get(key) ?? emptyBucket(key));
  }
  return out;
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
