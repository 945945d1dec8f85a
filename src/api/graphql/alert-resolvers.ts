// Budgets, alert rules, alerts and budget state (issue 21) over GraphQL. Inputs go through the
// checks of src/alerts/definitions.ts; everything is scoped to the caller's project.
import type { z } from 'zod';
import { budgetState } from '../../alerts/budget-state.ts';
import { AlertRuleInputSchema, BudgetInputSchema, describeProblems, MAX_DEFINITIONS, newAlertRule, newBudget } from '../../alerts/definitions.ts';
import { budgetStanding } from '../../alerts/budget-spend.ts';
import type { Alert, AlertRule, Budget } from '../../alerts/types.ts';
import { boundKey } from '../../domain/bound-key.ts';
import { countAlerts, listAlerts, treeOfSession, type AlertFilter } from '../../graph/alerts.ts';
import { deleteAlertRule, deleteBudget, listAlertRules, listBudgets, saveAlertRule, saveBudget } from '../../graph/budgets.ts';
import type { Keyset } from '../../graph/sessions.ts';
import { pageSize, toConnection } from './connection.ts';
import type { GraphQLContext, ResolverMap } from './context.ts';
import { decodeCursor, encodeCursor } from './cursors.ts';
import { badInput, notFound } from './errors.ts';
import * as E from './enums.ts';

const MAX_ALERTS_PAGE = 100;
const ALERTS_TAG = 'alerts:firedAt:desc';

function parse<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badInput(describeProblems(parsed.error));
  return parsed.data;
}

/** GraphQL gives RedundancyKind names; the graph stores the lower-case kinds. */
function storedKinds(input: Record<string, unknown>): Record<string, unknown> {
  const kinds = input.findingKinds as string[] | null | undefined;
  return kinds ? { ...input, findingKinds: kinds.map((k) => E.RedundancyKind.stored(k as never) ?? k) } : input;
}

async function createBudget(_: unknown, args: { input: Record<string, unknown> }, ctx: GraphQLContext) {
  const input = parse(BudgetInputSchema, args.input);
  if ((await listBudgets(ctx.graph, ctx.projectId)).length >= MAX_DEFINITIONS) throw badInput(`a project holds at most ${MAX_DEFINITIONS} budgets`);
  const budget = await saveBudget(ctx.graph, ctx.projectId, newBudget(input));
  return { budget, clientMutationId: args.input.clientMutationId ?? null };
}

async function createAlertRule(_: unknown, args: { input: Record<string, unknown> }, ctx: GraphQLContext) {
  const input = parse(AlertRuleInputSchema, storedKinds(args.input));
  if ((await listAlertRules(ctx.graph, ctx.projectId)).length >= MAX_DEFINITIONS) throw badInput(`a project holds at most ${MAX_DEFINITIONS} alert rules`);
  const alertRule = await saveAlertRule(ctx.graph, ctx.projectId, newAlertRule(input));
  return { alertRule, clientMutationId: args.input.clientMutationId ?? null };
}

function deleter(remove: (ctx: GraphQLContext, id: string) => Promise<boolean>, what: string) {
  return async (_: unknown, args: { input: { id: string; clientMutationId?: string | null } }, ctx: GraphQLContext) => {
    if (!(await remove(ctx, args.input.id))) throw notFound(`No ${what} "${args.input.id}" in this project`);
    return { deletedId: args.input.id, clientMutationId: args.input.clientMutationId ?? null };
  };
}

interface AlertsArgs {
  where?: { sessionId?: string | null; kind?: string | null; level?: string | null; since?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

async function alerts(_: unknown, args: AlertsArgs, ctx: GraphQLContext) {
  const limit = pageSize(args.first, 20, MAX_ALERTS_PAGE, 'alerts');
  const after = decodeCursor(args.after, ALERTS_TAG) as Keyset<number> | null;
  const filter: AlertFilter = { kind: args.where?.kind ?? null, level: args.where?.level ?? null };
  if (args.where?.since) filter.sinceMs = Date.parse(args.where.since);
  if (args.where?.sessionId) {
    const tree = await treeOfSession(ctx.graph, ctx.projectId, boundKey(args.where.sessionId));
    filter.sessionIds = tree?.sessionIds ?? [];
  }
  const rows = await listAlerts(ctx.graph, ctx.projectId, filter, { limit: limit + 1, after: after && { firedAtMs: Number(after.key), id: after.id } });
  return {
    ...toConnection(rows, limit, after !== null, (a) => a, (a) => encodeCursor(ALERTS_TAG, a.firedAtMs, a.id)),
    totalCount: () => countAlerts(ctx.graph, ctx.projectId, filter),
  };
}

export const alertResolvers: ResolverMap = {
  Query: {
    budgets: (_: unknown, __: unknown, ctx: GraphQLContext) => listBudgets(ctx.graph, ctx.projectId),
    alertRules: (_: unknown, __: unknown, ctx: GraphQLContext) => listAlertRules(ctx.graph, ctx.projectId),
    alerts,
    budgetState: (_: unknown, args: { sessionId: string }, ctx: GraphQLContext) => budgetState(ctx.graph, ctx.projectId, boundKey(args.sessionId)),
  },
  Mutation: {
    createBudget,
    deleteBudget: deleter((ctx, id) => deleteBudget(ctx.graph, ctx.projectId, id), 'budget'),
    createAlertRule,
    deleteAlertRule: deleter((ctx, id) => deleteAlertRule(ctx.graph, ctx.projectId, id), 'alert rule'),
  },
  Budget: {
    currentSpendUsd: async (b: Budget, _: unknown, ctx: GraphQLContext) => (await budgetStanding(ctx.graph, ctx.projectId, b)).currentSpendUsd,
    status: async (b: Budget, _: unknown, ctx: GraphQLContext) => (await budgetStanding(ctx.graph, ctx.projectId, b)).status,
  },
  AlertRule: {
    findingKinds: (r: AlertRule) => r.findingKinds?.map((k) => E.RedundancyKind.name(k)) ?? null,
  },
  Alert: {
    findingKind: (a: Alert) => E.RedundancyKind.name(a.findingKind),
    session: (a: Alert, _: unknown, ctx: GraphQLContext) => (a.sessionId ? ctx.loaders.session.load(a.sessionId) : null),
  },
};
