// Query root: lists and lookups, always within the caller's project (ctx.projectId).
import { agentStats, modelStats, skillStats, toolStats } from '../../graph/catalog.ts';
import { pendingSessions } from '../../graph/finaliser.ts';
import { redundancyFindings, type RedundancyFinding } from '../../graph/redundancy.ts';
import { costRollup, isRollupDimension, namedKeys, type RollupRow } from '../../graph/rollups.ts';
import { countFailures, countSessions, listFailures, listSessions, type Keyset } from '../../graph/sessions.ts';
import type { FindingKind } from '../../domain/redundancy/kinds.ts';
import { toConnection, pageSize } from './connection.ts';
import type { GraphQLContext, TypeResolvers } from './context.ts';
import { decodeCursor, encodeCursor } from './cursors.ts';
import { badInput } from './errors.ts';
import * as E from './enums.ts';
import {
  orderingTag,
  toFailureFilter,
  toRollupFilter,
  toSessionFilter,
  toSessionOrder,
  type FailureWhereInput,
  type RollupWhereInput,
  type SessionOrderInput,
  type SessionWhereInput,
  type TimeRangeInput,
} from './filters.ts';
import { traceCardFor } from './tracecard-resolvers.ts';

export const MAX_SESSIONS_PAGE = 100;
export const MAX_FAILURES_PAGE = 100;
export const MAX_REDUNDANT_CALLS = 1000;

interface SessionsArgs {
  where?: SessionWhereInput | null;
  orderBy?: SessionOrderInput | null;
  first?: number | null;
  after?: string | null;
}

async function sessions(_: unknown, args: SessionsArgs, ctx: GraphQLContext) {
  const limit = pageSize(args.first, 20, MAX_SESSIONS_PAGE, 'sessions');
  const filter = toSessionFilter(args.where);
  const order = toSessionOrder(args.orderBy);
  const tag = orderingTag(order);
  const after = decodeCursor(args.after, tag);
  const rows = await listSessions(ctx.graph, ctx.projectId, filter, order, limit + 1, after);
  for (const row of rows) ctx.loaders.session.prime(row.session.id, row.session);
  return {
    ...toConnection(rows, limit, after !== null, (r) => r.session, (r) => encodeCursor(tag, r.sortKey, r.session.id)),
    // Counting scans every match: done only when the client asks for it.
    totalCount: () => countSessions(ctx.graph, ctx.projectId, filter),
  };
}

interface FailuresArgs {
  where?: FailureWhereInput | null;
  first?: number | null;
  after?: string | null;
}

const FAILURES_TAG = 'failures:startedAt:desc';

async function failures(_: unknown, args: FailuresArgs, ctx: GraphQLContext) {
  const limit = pageSize(args.first, 20, MAX_FAILURES_PAGE, 'failures');
  const filter = toFailureFilter(args.where);
  const after = decodeCursor(args.after, FAILURES_TAG) as Keyset<string> | null;
  const rows = await listFailures(ctx.graph, ctx.projectId, filter, limit + 1, after);
  for (const row of rows) ctx.loaders.span.prime(row.span.id, row.span);
  return {
    ...toConnection(rows, limit, after !== null, (r) => r.span, (r) => encodeCursor(FAILURES_TAG, r.sortKey, r.span.id)),
    totalCount: () => countFailures(ctx.graph, ctx.projectId, filter),
  };
}

interface RollupArgs {
  groupBy: Array<E.EnumName<typeof E.RollupDimension>>;
  where?: RollupWhereInput | null;
  timeRange?: TimeRangeInput | null;
}

async function rollup(_: unknown, args: RollupArgs, ctx: GraphQLContext) {
  const dims = args.groupBy.map((d) => E.RollupDimension.stored(d) ?? '');
  if (dims.length < 1 || dims.length > 2) throw badInput('groupBy takes one or two dimensions, e.g. [DAY, MODEL]');
  if (dims.slice(1).includes('tool')) throw badInput('TOOL can only be the first groupBy dimension');
  const valid = dims.filter(isRollupDimension);
  const rows = await costRollup(ctx.graph, ctx.projectId, valid, toRollupFilter(args.where, args.timeRange));
  // The keys also under their dimensions' names (RollupRow.day, .model, ...), for flat DataFrames.
  return rows.map((r: RollupRow) => ({ ...r, ...namedKeys(valid, r), costBasis: E.CostBasis.name(r.costBasis) }));
}

interface RedundancyArgs {
  where?: { sessionId?: string | null; kind?: E.EnumName<typeof E.RedundancyKind> | null } | null;
  first?: number | null;
}

async function redundantCalls(_: unknown, args: RedundancyArgs, ctx: GraphQLContext): Promise<RedundancyFinding[]> {
  const limit = pageSize(args.first, 100, MAX_REDUNDANT_CALLS, 'redundantCalls');
  const kind = E.RedundancyKind.stored(args.where?.kind) as FindingKind | null;
  return redundancyFindings(ctx.graph, ctx.projectId, {
    ...(args.where?.sessionId ? { sessionId: args.where.sessionId } : {}),
    ...(kind ? { kind } : {}),
    limit,
  });
}

/** `node(id)`: ids of sessions and spans do not collide (span ids extend their session's). */
async function node(_: unknown, args: { id: string }, ctx: GraphQLContext) {
  const [session, span] = await Promise.all([ctx.loaders.session.load(args.id), ctx.loaders.span.load(args.id)]);
  return session ?? span;
}

export const queryResolvers: TypeResolvers = {
  node,
  sessions,
  session: (_: unknown, args: { id: string }, ctx: GraphQLContext) => ctx.loaders.session.load(args.id),
  span: (_: unknown, args: { id: string }, ctx: GraphQLContext) => ctx.loaders.span.load(args.id),
  traceCard: (_: unknown, args: { sessionId: string; budgetTokens?: number | null }, ctx: GraphQLContext) =>
    traceCardFor(ctx, args.sessionId, args.budgetTokens),
  costRollup: rollup,
  redundantCalls,
  failures,
  pendingSessions: async (_: unknown, __: unknown, ctx: GraphQLContext) => (await pendingSessions(ctx.graph, ctx.projectId)).pending,
  agents: (_: unknown, __: unknown, ctx: GraphQLContext) => agentStats(ctx.graph, ctx.projectId),
  models: (_: unknown, __: unknown, ctx: GraphQLContext) => modelStats(ctx.graph, ctx.projectId),
  tools: (_: unknown, __: unknown, ctx: GraphQLContext) => toolStats(ctx.graph, ctx.projectId),
  skills: (_: unknown, __: unknown, ctx: GraphQLContext) => skillStats(ctx.graph, ctx.projectId),
};

export const redundantCallResolvers: TypeResolvers = {
  kind: (f: RedundancyFinding) => E.RedundancyKind.name(f.kind),
  span: (f: RedundancyFinding, _: unknown, ctx: GraphQLContext) => ctx.loaders.span.load(f.spanId),
  repeats: (f: RedundancyFinding, _: unknown, ctx: GraphQLContext) => ctx.loaders.span.load(f.repeatsSpanId),
};
