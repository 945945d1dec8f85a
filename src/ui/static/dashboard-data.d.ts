// Types of dashboard-data.js for the TypeScript tests (the browser loads the .js as it is).
export interface Filters {
  agent: string;
  skill: string;
  from: string;
  to: string;
  period: 'hour' | 'day' | 'week';
}
export interface Bucket {
  key: string;
  costUsd: number;
  tokens: number;
  llmCalls: number;
  toolCalls: number;
  sessions: number;
  errors: number;
  /** A break between active periods too far apart to draw every empty one (MAX_FILLED_GAP). */
  gap?: true;
  from?: string;
  to?: string;
  ms?: number;
}
export const MAX_FILLED_GAP: Record<Filters['period'], number>;
export function tickText(period: Filters['period'], key: string, previousKey: string | null): string;
export function gapText(ms: number): string;
export const PERIODS: Array<Filters['period']>;
export function filterVariables(filters: Filters): {
  where: { agentId?: string; skill?: string } | null;
  range: { from?: string; to?: string } | null;
  byTime: 'HOUR' | 'DAY';
  sessions: Record<string, unknown>;
  roots: Record<string, unknown>;
};
export function weekOf(day: string): string;
export function buckets(
  series: Array<{ key1: string | null; costUsd: number; inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number; llmCalls: number; sessions: number; errors: number }>,
  toolSeries: Array<{ key2: string | null; toolCalls: number }>,
  period: Filters['period'],
): Bucket[];
export function wasteInFilters(
  findings: Array<{ kind: string; startedAt: string | null; wastedUsd: number | null; span?: { session?: { agentId: string | null; skill: string | null } | null } | null }>,
  filters: Pick<Filters, 'agent' | 'skill'>,
  range: { from?: string; to?: string } | null,
): { findings: number; usd: number; unknown: number; byKind: Array<{ kind: string; findings: number; usd: number }> };
