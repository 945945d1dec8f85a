// Mutations (verbNoun(input): VerbNounPayload). Inputs are checked with zod beyond what the SDL
// types say (sizes, finite numbers), and every write is scoped to the caller's project.
import { z } from 'zod';
import { boundKey } from '../../domain/bound-key.ts';
import { recordOutcome, type OutcomeNode } from '../../graph/outcomes.ts';
import { deleteSession } from '../../graph/sessions.ts';
import type { GraphQLContext, TypeResolvers } from './context.ts';
import { badInput, notFound } from './errors.ts';
import * as E from './enums.ts';

const text = (max: number) => z.string().max(max, `at most ${max} characters`).nullish();

/** Session ids are stored bounded (src/domain/bound-key.ts); a long one is looked up the same way. */
const sessionId = z.string().min(1).transform(boundKey);

const RecordOutcomeInputSchema = z.object({
  sessionId,
  result: z.enum(['SUCCESS', 'FAILURE']),
  score: z.number().finite('must be a finite number').nullish(),
  evaluator: text(200),
  notes: text(10_000),
  mismatches: z
    .array(z.object({ path: text(1000), expected: text(5000), actual: text(5000), message: text(5000) }))
    .max(500, 'at most 500 mismatches')
    .nullish(),
  goldSnippets: z
    .array(z.object({ label: text(200), path: text(1000), text: z.string().max(20_000, 'at most 20000 characters') }))
    .max(100, 'at most 100 gold snippets')
    .nullish(),
  evidence: z
    .unknown()
    .refine((v) => v === undefined || JSON.stringify(v).length <= 100_000, 'at most 100000 characters of JSON')
    .optional(),
  clientMutationId: z.string().max(200).nullish(),
});

const DeleteSessionInputSchema = z.object({
  id: sessionId,
  includeChildSessions: z.boolean().nullish(),
  clientMutationId: z.string().max(200).nullish(),
});

function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `input.${i.path.join('.')}: ${i.message}`).join('; ');
  throw badInput(problems);
}

async function recordOutcomeMutation(_: unknown, args: { input: unknown }, ctx: GraphQLContext) {
  const input = parseInput(RecordOutcomeInputSchema, args.input);
  const outcome = await recordOutcome(ctx.graph, ctx.projectId, {
    ...input,
    result: E.OutcomeResult.stored(input.result) as OutcomeNode['result'],
  });
  if (!outcome) throw notFound(`No session "${input.sessionId}" in this project`);
  ctx.loaders.session.clear(input.sessionId);
  ctx.loaders.outcomes.clear(input.sessionId);
  const session = await ctx.loaders.session.load(input.sessionId);
  return { outcome, session, clientMutationId: input.clientMutationId ?? null };
}

async function deleteSessionMutation(_: unknown, args: { input: unknown }, ctx: GraphQLContext) {
  const input = parseInput(DeleteSessionInputSchema, args.input);
  const deleted = await deleteSession(ctx.graph, ctx.projectId, input.id, { includeChildSessions: input.includeChildSessions ?? false });
  if (!deleted) throw notFound(`No session "${input.id}" in this project`);
  for (const id of deleted.sessionIds) ctx.loaders.session.clear(id);
  return {
    deletedSessionIds: deleted.sessionIds,
    deletedSpans: deleted.spans,
    deletedOutcomes: deleted.outcomes,
    clientMutationId: input.clientMutationId ?? null,
  };
}

export const mutationResolvers: TypeResolvers = {
  recordOutcome: recordOutcomeMutation,
  deleteSession: deleteSessionMutation,
};

export const outcomeResolvers: TypeResolvers = {
  result: (o: OutcomeNode) => E.OutcomeResult.name(o.result),
  session: (o: OutcomeNode, _: unknown, ctx: GraphQLContext) => ctx.loaders.session.load(o.sessionId),
};
