// Relay connection building: capped page sizes and pages fetched one row long, so `hasNextPage`
// needs no count query.
import { badInput } from './errors.ts';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
}

/** Validates `first` against the field's cap: asking for more is an error, not a silent cut. */
export function pageSize(first: number | null | undefined, fallback: number, max: number, field: string): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > max) throw badInput(`${field}: \`first\` must be between 0 and ${max} (got ${n})`);
  return n;
}

/**
 * Builds a connection from `limit + 1` fetched rows: the extra row only says a next page exists.
 * `cursorOf` gives each kept row its cursor.
 */
export function toConnection<R, T>(
  rows: R[],
  limit: number,
  hadCursor: boolean,
  nodeOf: (row: R) => T,
  cursorOf: (row: R) => string,
): Connection<T> {
  const kept = rows.slice(0, limit);
  const edges = kept.map((row) => ({ cursor: cursorOf(row), node: nodeOf(row) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
