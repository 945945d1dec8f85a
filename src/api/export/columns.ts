// The columns of each export, in order. Flat scalars (and a span's attributes, a JSON object), so
// every BI tool can read them; money columns are rounded to micro-dollars as they leave (money.ts).
import { namedKeys, type RollupDimension, type RollupRow } from '../../graph/rollups.ts';
import type { SessionNode, SpanNode } from '../../graph/sessions.ts';
import { presentUsd } from '../money.ts';
import type { Cell, Column } from './format.ts';

/** Money columns: the USD fields every export carries. */
const MONEY = new Set(['costUsd', 'ownCostUsd', 'totalCostUsd']);

/** Columns that read a field of the row as it is (all listed fields are scalars or null), money rounded. */
function pick<T>(names: Array<keyof T & string>): Column<T>[] {
  return names.map((name) =>
    MONEY.has(name)
      ? { name, value: (row: T) => presentUsd((row[name] as number | null | undefined) ?? null) }
      : { name, value: (row: T) => (row[name] ?? null) as Cell },
  );
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

/**
 * What the span said, as stored (bounded at ingest: arguments 2,000 characters, result and text 500,
 * with a `…[+N chars]` marker): the prompt/result text a notebook wants beside the numbers.
 */
export const SPAN_PREVIEW_COLUMNS: Column<SpanNode>[] = pick<SpanNode>(['argsCanonical', 'resultPreview', 'textPreview']);

/** The source's extra attributes: an object in NDJSON, JSON text in CSV. */
export const SPAN_ATTRIBUTE_COLUMNS: Column<SpanNode>[] = pick<SpanNode>(['attributes']);

export interface SpanColumnChoice {
  previews: boolean;
  attributes: boolean;
}

/** The span export's columns: the fixed ones, then (by default) previews and attributes, last. */
export function spanColumns(choice: SpanColumnChoice): Column<SpanNode>[] {
  return [...SPAN_COLUMNS, ...(choice.previews ? SPAN_PREVIEW_COLUMNS : []), ...(choice.attributes ? SPAN_ATTRIBUTE_COLUMNS : [])];
}

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
  const keys: Column<RollupRow>[] = groupBy.map((dim) => ({ name: dim, value: (row) => namedKeys(groupBy, row)[dim] ?? null }));
  return [...keys, ...pick<RollupRow>(ROLLUP_METRICS)];
}
