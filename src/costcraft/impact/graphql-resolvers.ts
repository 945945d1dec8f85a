// GraphQL Query.skillImpact: arguments checked with zod, the report computed for the caller's
// project (src/costcraft/impact/skill-impact.ts) and its lower-case kinds turned into the SDL's
// enums. A version the caller names that no session ran is a BAD_USER_INPUT error.
import { z } from 'zod';
import type { GraphQLContext, ResolverMap } from '../../api/graphql/context.ts';
import { GraphQLError } from '../../api/graphql/graphql-js.ts';
import { skillImpact } from './skill-impact.ts';
import type { SkillImpactReport } from './types.ts';
import { ImpactInputError } from './versions.ts';

const ArgsSchema = z.object({
  skill: z.string().min(1).max(200),
  from: z.string().nullish(),
  to: z.string().nullish(),
  baseline: z.string().min(1).max(300).nullish(),
  candidate: z.string().min(1).max(300).nullish(),
});

const upper = (s: string) => s.toUpperCase();

/** The report in the SDL's shape (enums upper case). */
export function impactView(r: SkillImpactReport) {
  const c = r.comparison;
  return {
    ...r,
    versions: r.versions.map((v) => ({ ...v, kind: upper(v.kind), outcomeBasis: upper(v.outcomeBasis) })),
    comparison: c && {
      cost: { ...c.cost, direction: upper(c.cost.direction) },
      tokens: { ...c.tokens, direction: upper(c.tokens.direction) },
      steps: { ...c.steps, direction: upper(c.steps.direction) },
      success: { ...c.success, basis: upper(c.success.basis), direction: upper(c.success.direction) },
      matched: { ...c.matched, direction: upper(c.matched.direction) },
    },
  };
}

async function skillImpactQuery(_: unknown, args: unknown, ctx: GraphQLContext) {
  const parsed = ArgsSchema.safeParse(args);
  if (!parsed.success) throw new GraphQLError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { extensions: { code: 'BAD_USER_INPUT' } });
  const a = parsed.data;
  if (a.from && a.to && a.from > a.to) throw new GraphQLError('`from` is after `to`', { extensions: { code: 'BAD_USER_INPUT' } });
  try {
    return impactView(await skillImpact(ctx.graph, ctx.projectId, a));
  } catch (error) {
    if (error instanceof ImpactInputError) throw new GraphQLError(error.message, { extensions: { code: error.code } });
    throw error;
  }
}

export const impactResolvers: ResolverMap = {
  Query: { skillImpact: skillImpactQuery },
};
