// What users read of a project through the engine's GraphQL API, canonicalised for comparison:
// the TraceCard of every session (YAML, compared byte for byte), cost rollups by every dimension,
// each session's totals and call tree with own and inclusive costs, and the redundant calls.
import { canonical, sortedSet, type Canon } from './canonical-diff.ts';
import type { Engine } from './otlp-delivery.ts';

export const ROLLUP_GROUPINGS = [
  ['MODEL'], ['PROVIDER'], ['AGENT'], ['SKILL'], ['SESSION'], ['SOURCE'], ['DAY'], ['WEEK'], ['HOUR'], ['TOOL'],
  ['SESSION', 'MODEL'], ['TOOL', 'SESSION'],
] as const;

const ROLLUP = `query ($groupBy: [RollupDimension!]!) { costRollup(groupBy: $groupBy) {
  key1 key2 costUsd costBasis llmCalls toolCalls errors inputTokens outputTokens cacheReadTokens cacheWriteTokens
  unpricedCalls unpricedTokens sessions durationMs } }`;

const SESSION = `query ($id: ID!) {
  session(id: $id) { id status placeholder startedAt endedAt ownCostUsd totalCostUsd unpricedCalls totalUnpricedCalls spanCount
    tree(first: 1000) { totalCount nodes { id parentId childIds kind name ownCostUsd inclusiveCostUsd } } }
  traceCard(sessionId: $id) { yaml } }`;

const REDUNDANT = `{ redundantCalls(first: 1000) { kind spanId repeatsSpanId sessionId repeatsSessionId toolName model wastedUsd wastedTokens tokensEstimated wastedMs } }`;

export async function graphql<T>(engine: Engine, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${engine.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${engine.key}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: T; errors?: unknown[] };
  if (!res.ok || body.errors?.length || !body.data) throw new Error(`GraphQL ${res.status}: ${text.slice(0, 1000)}`);
  return body.data;
}

export interface EngineViews {
  /** Session id → TraceCard YAML (null when the engine has no card for it). */
  traceCards: Record<string, string | null>;
  rollups: Record<string, Canon>;
  sessions: Record<string, Canon>;
  redundantCalls: Canon;
}

export async function engineViews(engine: Engine, sessionIds: string[]): Promise<EngineViews> {
  const views: EngineViews = { traceCards: {}, rollups: {}, sessions: {}, redundantCalls: null };
  for (const groupBy of ROLLUP_GROUPINGS) {
    const data = await graphql<{ costRollup: unknown[] }>(engine, ROLLUP, { groupBy });
    views.rollups[groupBy.join('+')] = sortedSet(data.costRollup);
  }
  for (const id of [...sessionIds].sort()) {
    const data = await graphql<{ session: { tree: { nodes: unknown[] } } | null; traceCard: { yaml: string } | null }>(engine, SESSION, { id });
    views.traceCards[id] = data.traceCard?.yaml ?? null;
    views.sessions[id] = data.session ? canonical({ ...data.session, tree: { ...data.session.tree, nodes: sortedSet(data.session.tree.nodes) } }) : null;
  }
  const redundant = await graphql<{ redundantCalls: unknown[] }>(engine, REDUNDANT);
  views.redundantCalls = sortedSet(redundant.redundantCalls);
  return views;
}
