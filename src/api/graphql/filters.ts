// GraphQL `where` / `orderBy` inputs → repository filters in stored form. Shared with the CSV /
// NDJSON exports, which take the same filters as query-string parameters.
import type { FailureFilter, SessionFilter, SessionOrder, SpanFilter } from '../../graph/sessions.ts';
import type { RollupFilter } from '../../graph/rollups.ts';
import { boundKey } from '../../domain/bound-key.ts';
import { badInput } from './errors.ts';
import * as E from './enums.ts';

export interface TimeRangeInput {
  from?: string | null;
  to?: string | null;
}

export interface SessionWhereInput {
  ids?: string[] | null;
  agentId?: string | null;
  skill?: string | null;
  source?: E.EnumName<typeof E.SessionSource> | null;
  status?: E.EnumName<typeof E.SessionStatus> | null;
  role?: E.EnumName<typeof E.SessionRole> | null;
  outcome?: E.EnumName<typeof E.OutcomeResult> | null;
  startedAt?: TimeRangeInput | null;
  minTotalCostUsd?: number | null;
  rootOnly?: boolean | null;
  hasErrors?: boolean | null;
  search?: string | null;
}

export interface SessionOrderInput {
  field?: E.EnumName<typeof E.SessionOrderField> | null;
  direction?: 'ASC' | 'DESC' | null;
}

export interface SpanWhereInput {
  kind?: Array<E.EnumName<typeof E.SpanKind>> | null;
  status?: E.EnumName<typeof E.SpanStatus> | null;
  toolName?: string | null;
  model?: string | null;
}

export interface FailureWhereInput {
  session?: SessionWhereInput | null;
  kind?: Array<E.EnumName<typeof E.SpanKind>> | null;
  toolName?: string | null;
  model?: string | null;
  startedAt?: TimeRangeInput | null;
}

export interface RollupWhereInput {
  agentId?: string | null;
  skill?: string | null;
  source?: E.EnumName<typeof E.SessionSource> | null;
  sessionIds?: string[] | null;
}

/**
 * Ids and names are stored bounded (truncated with a hash, src/domain/bound-key.ts), so a filter
 * naming a long one is bounded the same way to find it.
 */
const bounded = (value: string | null | undefined): string | null => (typeof value === 'string' ? boundKey(value) : null);

/** `IN` lists travel as one parameter; beyond this a client should page or use an export. */
export const MAX_ID_LIST = 1000;

function idList(ids: string[] | null | undefined, field: string): string[] | null {
  if (!ids) return null;
  if (ids.length > MAX_ID_LIST) throw badInput(`${field}: at most ${MAX_ID_LIST} ids`);
  return ids.map(boundKey);
}

function checkRange(range: TimeRangeInput | null | undefined, field: string): void {
  if (range?.from && range.to && range.from > range.to) throw badInput(`${field}: \`from\` is after \`to\``);
}

/** The longest search text taken: a task is long, but nobody types a page of it to find one. */
export const MAX_SEARCH_CHARS = 200;

/** Search text, trimmed and lower-cased (the query compares lower-cased text); blank means none. */
function searchText(search: string | null | undefined): string | null {
  const text = search?.trim().toLowerCase();
  if (!text) return null;
  if (text.length > MAX_SEARCH_CHARS) throw badInput(`where.search: at most ${MAX_SEARCH_CHARS} characters`);
  return text;
}

export function toSessionFilter(where: SessionWhereInput | null | undefined): SessionFilter {
  if (!where) return {};
  checkRange(where.startedAt, 'where.startedAt');
  return {
    ids: idList(where.ids, 'where.ids'),
    agentId: bounded(where.agentId),
    skill: bounded(where.skill),
    source: E.SessionSource.stored(where.source),
    status: E.SessionStatus.stored(where.status),
    role: E.SessionRole.stored(where.role),
    outcome: E.OutcomeResult.stored(where.outcome),
    from: where.startedAt?.from ?? null,
    to: where.startedAt?.to ?? null,
    minTotalCostUsd: where.minTotalCostUsd ?? null,
    rootOnly: where.rootOnly ?? null,
    hasErrors: where.hasErrors ?? null,
    text: searchText(where.search),
  };
}

export function toSessionOrder(order: SessionOrderInput | null | undefined): SessionOrder {
  const field = E.SessionOrderField.stored(order?.field ?? 'STARTED_AT') as SessionOrder['field'];
  return { field, descending: (order?.direction ?? 'DESC') === 'DESC' };
}

/** Cursor tag of an ordering: a cursor is only valid for the ordering that issued it. */
export function orderingTag(order: SessionOrder): string {
  return `sessions:${order.field}:${order.descending ? 'desc' : 'asc'}`;
}

function kinds(list: Array<E.EnumName<typeof E.SpanKind>> | null | undefined): string[] | null {
  return list && list.length > 0 ? list.map((k) => E.SpanKind.stored(k) ?? k) : null;
}

export function toSpanFilter(where: SpanWhereInput | null | undefined): SpanFilter {
  return {
    kinds: kinds(where?.kind),
    status: E.SpanStatus.stored(where?.status),
    toolName: bounded(where?.toolName),
    model: bounded(where?.model),
  };
}

export function toFailureFilter(where: FailureWhereInput | null | undefined): FailureFilter {
  checkRange(where?.startedAt, 'where.startedAt');
  return {
    session: toSessionFilter(where?.session),
    span: {
      kinds: kinds(where?.kind),
      toolName: bounded(where?.toolName),
      model: bounded(where?.model),
      from: where?.startedAt?.from ?? null,
      to: where?.startedAt?.to ?? null,
    },
  };
}

export function toRollupFilter(where: RollupWhereInput | null | undefined, timeRange: TimeRangeInput | null | undefined): RollupFilter {
  checkRange(timeRange, 'timeRange');
  return {
    agentId: bounded(where?.agentId),
    skill: bounded(where?.skill),
    source: E.SessionSource.stored(where?.source),
    sessionIds: idList(where?.sessionIds, 'where.sessionIds'),
    from: timeRange?.from ?? null,
    to: timeRange?.to ?? null,
  };
}
