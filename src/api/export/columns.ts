// The columns of each export, in order. Flat scalars only, so every BI tool can read them.
import type { RollupDimension, RollupRow } from '../../graph/rollups.ts';
import type { SessionNode, SpanNode } from '../../graph/sessions.ts';
import type { Cell, Column } from './format.ts';

/** Columns that read a field of the row as it is (all listed fields are scalars or null). */
function pick<T>(names: Array<keyof T & string>): Column<T>[] {
  return names.map((name) => ({ name, value: (row: T) => (row[name] ?? null) as Cell }));
}

export const SESSION_COLUMNS: Column<SessionNode>[] = pick<SessionNode>([
  'id',
  'source',
  'externalId',
  'agentId',
  'agentName',
  'skill',
  'role',
  'status',
  'outcome',
  'score',
  'startedAt',
  'endedAt',
  'durationMs',
  'ownCostUsd',
  'totalCostUsd',
  // Beside the total they qualify: true when sub-agents below are missing (the total is at least).
  'inclusiveIsLowerBound',
  'missingSubagents',
  'unpricedCalls',
  'totalUnpricedCalls',
  'spanCount',
  'parentSessionId',
  'task',
]);

export const SPAN_COLUMNS: Column<SpanNode>[] = pick<SpanNode>([
  'id',
  'sessionId',
  'parentId',
  'seq',
  'kind',
  'name',
  'startedAt',
  'endedAt',
  'durationMs',
  'model',
  'provider',
  'toolName',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
  'costUsd',
  'costSource',
  'priceVersion',
  'status',
  'errorMessage',
  'argsHash',
  'resultHash',
  'resultChars',
  'spawnedSessionId',
]);

const ROLLUP_METRICS: Array<keyof RollupRow & string> = [
  'costUsd',
  'costBasis',
  'llmCalls',
  'toolCalls',
  'errors',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'unpricedCalls',
  'unpricedTokens',
  'sessions',
  'durationMs',
];

/** Rollup rows name their key columns after the dimensions (`day,model,costUsd,...`). */
export function rollupColumns(groupBy: RollupDimension[]): Column<RollupRow>[] {
  const keys: Column<RollupRow>[] = groupBy.map((dim, i) => ({ name: dim, value: (row) => (i === 0 ? row.key1 : row.key2) }));
  return [...keys, ...pick<RollupRow>(ROLLUP_METRICS)];
}
