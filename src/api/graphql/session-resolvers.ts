// Session and Span fields: enum mapping, and every related object through a DataLoader so a page of
// sessions costs a constant number of queries whatever the client selects below it.
import type { MissingSubagent } from '../../graph/missing-subagents.ts';
import { readCacheOf } from '../../graph/read-cache.ts';
import type { Keyset, SessionNode, SpanNode } from '../../graph/sessions.ts';
import { parsePartialJson } from '../../domain/partial-json.ts';
import { spanSnippet } from '../../domain/span-snippet.ts';
import { toConnection, pageSize } from './connection.ts';
import type { GraphQLContext, TypeResolvers } from './context.ts';
import { decodeCursor, encodeCursor } from './cursors.ts';
import { badInput } from './errors.ts';
import * as E from './enums.ts';
import { toSpanFilter, type SpanWhereInput } from './filters.ts';

export const MAX_SPANS_PAGE = 1000;
const SPANS_TAG = 'spans:seq';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

function spanKeyset(after: string | null | undefined): Keyset<number> | null {
  const keyset = decodeCursor(after, SPANS_TAG);
  if (keyset && typeof keyset.key !== 'number') throw badInput('`after` is not a span cursor');
  return keyset as Keyset<number> | null;
}

async function spanPage(session: SessionNode, where: SpanWhereInput | null | undefined, args: PageArgs, fallback: number, ctx: GraphQLContext, field: string) {
  const limit = pageSize(args.first, fallback, MAX_SPANS_PAGE, field);
  const after = spanKeyset(args.after);
  const page = await ctx.loaders.spanPage(toSpanFilter(where), limit + 1, after).load(session.id);
  const connection = toConnection(page.spans, limit, after !== null, (s) => s, (s) => encodeCursor(SPANS_TAG, s.seq, s.id));
  return { connection, total: page.total };
}

/** The inferred outcome as GraphQL shows it: the enum name and the evidence list parsed from its JSON. */
function inferredOutcomeView(s: SessionNode) {
  const inferred = s.inferredOutcome;
  const result = inferred ? E.OutcomeResult.name(inferred.result) : null;
  if (!inferred || !result) return null;
  let evidence: unknown = [];
  try {
    evidence = JSON.parse(inferred.evidenceJson ?? '[]');
  } catch {
    evidence = [];
  }
  return { result, confidence: inferred.confidence, evidence: Array.isArray(evidence) ? evidence : [] };
}

export const sessionResolvers: TypeResolvers = {
  source: (s: SessionNode) => E.SessionSource.name(s.source),
  role: (s: SessionNode) => E.SessionRole.name(s.role) ?? 'MAIN',
  status: (s: SessionNode) => E.SessionStatus.name(s.status) ?? 'OPEN',
  outcome: (s: SessionNode) => E.OutcomeResult.name(s.outcome),
  inferredOutcome: (s: SessionNode) => inferredOutcomeView(s),
  agent: (s: SessionNode, _: unknown, ctx: GraphQLContext) => (s.agentId ? ctx.loaders.agent.load(s.agentId) : null),
  parentSession: (s: SessionNode, _: unknown, ctx: GraphQLContext) => (s.parentSessionId ? ctx.loaders.session.load(s.parentSessionId) : null),
  spawnedBy: (s: SessionNode, _: unknown, ctx: GraphQLContext) => (s.parentSpanId ? ctx.loaders.span.load(s.parentSpanId) : null),
  childSessions: async (s: SessionNode, _: unknown, ctx: GraphQLContext) => {
    const children = await ctx.loaders.childSessions.load(s.id);
    for (const child of children) ctx.loaders.session.prime(child.id, child);
    return children;
  },
  outcomes: (s: SessionNode, _: unknown, ctx: GraphQLContext) => ctx.loaders.outcomes.load(s.id),
  // The stored count says whether there is anything to list: a complete tree costs no query.
  missingSubagentSpawns: (s: SessionNode, _: unknown, ctx: GraphQLContext) =>
    s.missingSubagents > 0 ? ctx.loaders.missingSubagents.load(s.id) : [],
  skillsUsed: (s: SessionNode, _: unknown, ctx: GraphQLContext) => ctx.loaders.skillsUsed.load(s.id),
  spans: async (s: SessionNode, args: PageArgs & { where?: SpanWhereInput | null }, ctx: GraphQLContext) => {
    const { connection, total } = await spanPage(s, args.where, args, 100, ctx, 'spans');
    return { ...connection, totalCount: total };
  },
  // A page of the call tree costs a query per span for inclusive costs; it is cached until the
  // database changes (src/graph/read-cache.ts), so a tree read again and again, or by many
  // clients at once, is computed once.
  tree: async (s: SessionNode, args: PageArgs, ctx: GraphQLContext) => {
    const version = await ctx.loaders.dataVersion();
    const key = JSON.stringify(['tree', ctx.projectId, s.id, args.first ?? null, args.after ?? null]);
    return readCacheOf(ctx.graph).get(version, key, () => treePage(s, args, ctx));
  },
};

async function treePage(s: SessionNode, args: PageArgs, ctx: GraphQLContext) {
  const { connection, total } = await spanPage(s, null, args, 1000, ctx, 'tree');
  const pageCosts = await ctx.loaders.spanCost.loadMany(connection.edges.map((e) => e.node.id));
  const costs = new Map(pageCosts.flatMap((c) => (c && !(c instanceof Error) ? [[c.spanId, c] as const] : [])));
  const node = (span: SpanNode) => {
    const cost = costs.get(span.id);
    return {
      id: span.id,
      parentId: span.parentId,
      childIds: span.childIds,
      spawnedSessionId: span.spawnedSessionId,
      kind: E.SpanKind.name(span.kind) ?? 'OTHER',
      name: span.name,
      ownCostUsd: span.costUsd,
      inclusiveCostUsd: cost?.inclusiveCostUsd ?? span.costUsd ?? 0,
      unpricedDescendants: cost?.unpricedDescendants ?? 0,
      span,
    };
  };
  const edges = connection.edges.map((e) => ({ cursor: e.cursor, node: node(e.node) }));
  return { edges, nodes: edges.map((e) => e.node), pageInfo: connection.pageInfo, totalCount: total };
}

export const spanResolvers: TypeResolvers = {
  kind: (s: SpanNode) => E.SpanKind.name(s.kind) ?? 'OTHER',
  status: (s: SpanNode) => E.SpanStatus.name(s.status) ?? 'OK',
  costSource: (s: SpanNode) => E.CostSource.name(s.costSource),
  args: (s: SpanNode) => (s.argsCanonical ? (parsePartialJson(s.argsCanonical)?.value ?? null) : null),
  snippet: (s: SpanNode) => spanSnippet(s),
  session: (s: SpanNode, _: unknown, ctx: GraphQLContext) => ctx.loaders.session.load(s.sessionId),
  inclusiveCostUsd: async (s: SpanNode, _: unknown, ctx: GraphQLContext) =>
    (await ctx.loaders.spanCost.load(s.id))?.inclusiveCostUsd ?? s.costUsd ?? 0,
  parent: (s: SpanNode, _: unknown, ctx: GraphQLContext) => (s.parentId ? ctx.loaders.span.load(s.parentId) : null),
  children: async (s: SpanNode, _: unknown, ctx: GraphQLContext) => {
    const children = await ctx.loaders.span.loadMany(s.childIds);
    return children.filter((c): c is SpanNode => c !== null && !(c instanceof Error));
  },
  spawnedSession: (s: SpanNode, _: unknown, ctx: GraphQLContext) =>
    s.spawnedSessionId ? ctx.loaders.session.load(s.spawnedSessionId) : null,
};

export const missingSubagentSpawnResolvers: TypeResolvers = {
  span: (m: MissingSubagent, _: unknown, ctx: GraphQLContext) => ctx.loaders.span.load(m.spanId),
};

/** Node is implemented by Session and Span; spans are the ones with a `kind`. */
export const nodeResolvers: TypeResolvers = {
  __resolveType: (value: SessionNode | SpanNode) => ('kind' in value ? 'Span' : 'Session'),
};
