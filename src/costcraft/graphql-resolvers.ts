// GraphQL resolvers of CostCraft: distill / distillRun / distillRuns / cancelDistillRun / skill { versions { diff } }.
// The SDL fragment they serve is in the CostCraft section of the report (schema/schema.graphql is
// owned by the API). Inputs are checked with zod; every call is scoped to the caller's project.
import { GraphQLError } from '../api/graphql/graphql-js.ts';
import { z } from 'zod';
import type { GraphQLContext, ResolverMap } from '../api/graphql/context.ts';
import { skillStats } from '../graph/catalog.ts';
import { listCohorts, type CohortKind } from '../graph/cohorts.ts';
import { runPatches, skillVersions, type SkillVersionRecord, type StoredPatch } from '../graph/costcraft.ts';
import { readEnv } from '../config.ts';
import { DEFAULT_BUDGET_TOKENS } from './skill-md.ts';
import { distillJobsFor, type DistillJobs, type DistillRunView } from './jobs.ts';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
const notFound = (message: string) => new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });

const COHORT_KIND = { SKILL: 'skill', AGENT: 'agent', TASK: 'task' } as const;
const DistillInputSchema = z.object({
  skill: z.string().min(1).max(200).nullish(),
  cohort: z.object({ kind: z.enum(['SKILL', 'AGENT', 'TASK']), key: z.string().min(1).max(300) }).nullish(),
  sessionIds: z.array(z.string().min(1)).max(5000, 'at most 5000 sessions').nullish(),
  baseSkill: z.string().max(100_000, 'at most 100000 characters').nullish(),
  mode: z.enum(['CLAUDE', 'OFFLINE']).nullish(),
  model: z.string().max(100).nullish(),
  budgetTokens: z.number().int().min(200, 'at least 200').max(20_000, 'at most 20000').nullish(),
  clientMutationId: z.string().max(200).nullish(),
});
/** cohorts(first) cap. */
const MAX_COHORTS = 200;
/** distillRuns(first) cap: a listing for dashboards, not an export. */
const MAX_RUNS = 100;
const IdInputSchema = z.object({ id: z.string().min(1), clientMutationId: z.string().max(200).nullish() });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw badInput(parsed.error.issues.map((i) => `input.${i.path.join('.')}: ${i.message}`).join('; '));
}

/** The process-wide job registry of this graph; Claude settings come from the environment. */
export function jobsOf(ctx: GraphQLContext): DistillJobs {
  const env = readEnv();
  return distillJobsFor(ctx.graph, {
    claude: env.ANTHROPIC_API_KEY ? { apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL ?? null } : null,
  });
}

async function distillMutation(_: unknown, args: { input: unknown }, ctx: GraphQLContext) {
  const input = parse(DistillInputSchema, args.input);
  if (input.mode === 'CLAUDE' && !readEnv().ANTHROPIC_API_KEY) throw badInput('mode CLAUDE needs ANTHROPIC_API_KEY on the server; use OFFLINE');
  const cohort = input.cohort ? { kind: COHORT_KIND[input.cohort.kind], key: input.cohort.key } : null;
  const skill = input.skill ?? (cohort ? await cohortSkillName(ctx, cohort) : null);
  if (!skill) throw badInput('input.skill: give a skill, or a cohort to learn from');
  const run = await jobsOf(ctx).start(ctx.projectId, {
    skill,
    cohort,
    sessionIds: input.sessionIds ?? null,
    baseSkill: input.baseSkill ?? null,
    mode: input.mode ?? undefined,
    model: input.model ?? null,
    budgetTokens: input.budgetTokens ?? DEFAULT_BUDGET_TOKENS,
  });
  return { run, clientMutationId: input.clientMutationId ?? null };
}

/** A cohort's SKILL.md is named after it: the skill or agent itself, a recurring task by its name. */
async function cohortSkillName(ctx: GraphQLContext, cohort: { kind: CohortKind; key: string }): Promise<string> {
  if (cohort.kind !== 'task') return cohort.key;
  const found = (await listCohorts(ctx.graph, ctx.projectId, 'task', MAX_COHORTS)).find((c) => c.key === cohort.key);
  return found?.name ?? cohort.key;
}

async function cohortsQuery(_: unknown, args: { kind?: string | null; first?: number | null }, ctx: GraphQLContext) {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_COHORTS) throw badInput(`first: between 1 and ${MAX_COHORTS}`);
  const kind = args.kind ? COHORT_KIND[args.kind as keyof typeof COHORT_KIND] : null;
  return (await listCohorts(ctx.graph, ctx.projectId, kind, first)).map((c) => ({ ...c, kind: c.kind.toUpperCase(), inferredOutcomes: c.inferred }));
}

async function cancelMutation(_: unknown, args: { input: unknown }, ctx: GraphQLContext) {
  const input = parse(IdInputSchema, args.input);
  const run = await jobsOf(ctx).cancel(ctx.projectId, input.id);
  if (!run) throw notFound(`No distill run "${input.id}" in this project`);
  return { run, clientMutationId: input.clientMutationId ?? null };
}

async function skillQuery(_: unknown, args: { name: string }, ctx: GraphQLContext) {
  const stats = (await skillStats(ctx.graph, ctx.projectId)).find((s) => s.name === args.name);
  if (stats) return stats;
  // A skill known only through distilled versions (no sessions left) is still shown.
  const versions = await skillVersions(ctx.graph, ctx.projectId, args.name, 1);
  return versions.length ? { name: args.name, sessions: 0, successes: 0, failures: 0, averageScore: null, costUsd: 0 } : null;
}

const patchView = (p: StoredPatch) => ({
  ...p.props,
  action: String(p.props.action).toUpperCase(),
  cites: p.cites.map((c) => ({ id: c.id, kind: c.label, evidence: c.evidence })),
});

export const costcraftResolvers: ResolverMap = {
  Query: {
    distillRun: (_: unknown, args: { id: string }, ctx: GraphQLContext) => jobsOf(ctx).get(ctx.projectId, args.id),
    distillRuns: async (_: unknown, args: { skill?: string | null; first?: number | null }, ctx: GraphQLContext) => {
      const first = args.first ?? 20;
      if (!Number.isInteger(first) || first < 1 || first > MAX_RUNS) throw badInput(`first: between 1 and ${MAX_RUNS}`);
      return jobsOf(ctx).list(ctx.projectId, args.skill ?? null, first);
    },
    skill: skillQuery,
    cohorts: cohortsQuery,
  },
  Mutation: {
    distill: distillMutation,
    cancelDistillRun: cancelMutation,
  },
  DistillRun: {
    timingsMs: (r: DistillRunView) => r.timingsMs,
    result: (r: DistillRunView) => r.result,
    patches: async (r: DistillRunView, _: unknown, ctx: GraphQLContext) => (await runPatches(ctx.graph, ctx.projectId, r.id)).map(patchView),
    skillVersion: async (r: DistillRunView, _: unknown, ctx: GraphQLContext) => {
      if (!r.versionId) return null;
      const versions = await skillVersions(ctx.graph, ctx.projectId, r.skill, 1000);
      return versions.find((v) => v.id === r.versionId) ?? null;
    },
  },
  Skill: {
    versions: (s: { name: string }, args: { first?: number | null }, ctx: GraphQLContext) =>
      skillVersions(ctx.graph, ctx.projectId, s.name, Math.min(Math.max(args.first ?? 20, 1), 100)),
  },
  SkillVersion: {
    previousId: (v: SkillVersionRecord) => v.previousId,
  },
};
