// A canonical snapshot of one project's graph: what must be identical whatever the order, split,
// duplication or concurrency of arrival (DESIGN §5). Properties are taken from allowlists, so
// bookkeeping the engine keeps beside the data (finaliser claims, timestamps of work done) does not
// count; every edge type a span or session holds counts, so a stray or missing edge does.
import type { Graph } from '../../src/graph/driver.ts';
import { canonical, sortedSet, type Canon } from './canonical-diff.ts';

const SPAN_PROPS = [
  'sessionId', 'kind', 'name', 'seq', 'startedAt', 'endedAt', 'durationMs', 'model', 'provider', 'toolName', 'toolCallId',
  'inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'cacheWrite1hTokens', 'reasoningTokens',
  'aggInputTokens', 'aggOutputTokens', 'aggCacheReadTokens', 'aggCacheWriteTokens',
  'reportedCostUsd', 'costUsd', 'costSource', 'costBasis', 'pricedAs', 'unpricedReason',
  'status', 'errorMessage', 'argsCanonical', 'argsHash', 'effect', 'resource', 'resultHash', 'resultPreview', 'resultChars', 'textPreview',
  'placeholder', 'spawnStatus', 'childSessionId',
] as const;

const SESSION_PROPS = [
  'source', 'externalId', 'agentId', 'agentName', 'sessionKey', 'task', 'skill', 'status', 'role', 'origin', 'taskKey',
  'startedAt', 'endedAt', 'placeholder', 'parentSessionId', 'parentSpanId',
  'ownCostUsd', 'totalCostUsd', 'unpricedCalls', 'totalUnpricedCalls', 'spanCount',
] as const;

const CELL_PROPS = [
  'sessionId', 'agentId', 'skill', 'source', 'model', 'provider', 'hour', 'toolName', 'llmModel',
  'costUsd', 'attributedCostUsd', 'llmCalls', 'calls', 'errors', 'inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens',
  'unpricedCalls', 'unpricedTokens', 'durationMs', 'resultChars',
] as const;

function pick(props: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (props[key] !== undefined && props[key] !== null) out[key] = props[key];
  return out;
}

interface EdgeRow {
  type: string;
  to: string | null;
  props: Record<string, unknown>;
}

export interface GraphSnapshot {
  sessions: Record<string, Canon>;
  spans: Record<string, Canon>;
  catalog: Record<string, Canon>;
}

export async function graphSnapshot(graph: Graph, projectId: string): Promise<GraphSnapshot> {
  const spans: Record<string, Canon> = {};
  for (const row of await graph.read('test-support/snapshot-spans', { projectId })) {
    const props = row.props as Record<string, unknown>;
    const edges: Record<string, unknown[]> = {};
    for (const edge of (row.out as EdgeRow[]).filter((e) => e.type !== null)) {
      (edges[edge.type] ??= []).push(Object.keys(edge.props).length ? { to: edge.to, props: edge.props } : edge.to);
    }
    spans[String(row.id)] = canonical({
      ...pick(props, SPAN_PROPS),
      // Display attributes as stored (parsed, so key order does not matter): a `danglingParent`
      // left on a span whose parent did arrive is a difference.
      attributes: typeof props.attributesJson === 'string' ? JSON.parse(props.attributesJson) : null,
      inSessions: sortedSet(row.sessions as unknown[]),
      calledBy: sortedSet(row.parents as unknown[]),
      edges: Object.fromEntries(Object.entries(edges).map(([type, list]) => [type, sortedSet(list)])),
    });
  }
  const sessions: Record<string, Canon> = {};
  for (const row of await graph.read('test-support/snapshot-sessions', { projectId })) {
    const cells = (row.cells as Array<{ labels: string[]; props: Record<string, unknown> }>).filter((c) => c.labels.length);
    sessions[String(row.id)] = canonical({
      ...pick(row.props as Record<string, unknown>, SESSION_PROPS),
      hasSpan: row.hasSpan,
      edges: sortedSet((row.out as EdgeRow[]).filter((e) => e.type !== null).map((e) => `${e.type}->${e.to}`)),
      usageCells: sortedSet(cells.map((c) => ({ labels: [...c.labels].sort(), ...pick(c.props, CELL_PROPS) }))),
    });
  }
  const catalog: Record<string, Canon> = {};
  for (const row of await graph.read('test-support/snapshot-catalog', { projectId })) {
    const { projectId: _project, ...props } = row.props as Record<string, unknown>;
    void _project;
    catalog[`${String(row.label)}:${String(row.key)}`] = canonical(props);
  }
  return { sessions, spans, catalog };
}
