// traceCard(sessionId): the TraceCard module builds the card; this maps it to the GraphQL shape
// (typed main figures plus the whole card as JSON, exactly what the YAML shows).
import { loadCardInput } from '../../graph/tracecard.ts';
import { buildTraceCard, DEFAULT_BUDGET_TOKENS, presentCard, type TraceCard } from '../../tracecard/index.ts';
import type { GraphQLContext, TypeResolvers } from './context.ts';
import { badInput } from './errors.ts';
import * as E from './enums.ts';
import { boundKey } from '../../domain/bound-key.ts';
import { readCacheOf } from '../../graph/read-cache.ts';

export const MIN_CARD_BUDGET = 64;
export const MAX_CARD_BUDGET = 8192;

function totals(t: TraceCard['totals']['own']) {
  return {
    costUsd: t.costUsd,
    sessions: t.sessions,
    llmCalls: t.llmCalls,
    toolCalls: t.toolCalls,
    subagentCalls: t.subagentCalls,
    errors: t.errors,
    unpricedCalls: t.unpricedCalls,
    inputTokens: t.tokens.input,
    outputTokens: t.tokens.output,
    cacheReadTokens: t.tokens.cacheRead,
    cacheWriteTokens: t.tokens.cacheWrite,
    reasoningTokens: t.tokens.reasoning,
  };
}

export async function traceCardFor(ctx: GraphQLContext, sessionId: string, budgetTokens?: number | null) {
  const budget = budgetTokens ?? DEFAULT_BUDGET_TOKENS;
  if (!Number.isInteger(budget) || budget < MIN_CARD_BUDGET || budget > MAX_CARD_BUDGET) {
    throw badInput(`budgetTokens must be between ${MIN_CARD_BUDGET} and ${MAX_CARD_BUDGET} (got ${budget})`);
  }
  // A card reads its whole session tree (10,000 spans: hundreds of ms); it is cached until the
  // database changes (src/graph/read-cache.ts).
  const version = await ctx.loaders.dataVersion();
  const key = JSON.stringify(['traceCard', ctx.projectId, sessionId, budget]);
  return readCacheOf(ctx.graph).get(version, key, () => buildCardView(ctx, sessionId, budget));
}

async function buildCardView(ctx: GraphQLContext, sessionId: string, budget: number) {
  // Session ids are stored bounded (src/domain/bound-key.ts).
  const input = await loadCardInput(ctx.graph, ctx.projectId, boundKey(sessionId));
  if (!input) return null;
  const { card, yaml, tokens } = buildTraceCard(input, { budgetTokens: budget });
  return {
    sessionId,
    cardVersion: card.cardVersion,
    yaml,
    tokens,
    truncated: card.truncated !== undefined,
    own: totals(card.totals.own),
    inclusive: totals(card.totals.inclusive),
    inclusiveIsLowerBound: card.totals.inclusive.missingSubagents.count > 0,
    missingSubagents: card.totals.inclusive.missingSubagents.count,
    topSteps: card.topSteps.map((s) => ({ ...s, kind: E.SpanKind.name(s.kind) ?? 'OTHER' })),
    costByModel: card.costByModel,
    costByTool: card.costByTool,
    redundancyFindings: card.redundancy.findings,
    redundancyWastedUsd: card.redundancy.wastedUsd,
    card: presentCard(card),
  };
}

export const sessionTraceCard: TypeResolvers = {
  traceCard: (session: { id: string }, _: unknown, ctx: GraphQLContext) => traceCardFor(ctx, session.id),
};
