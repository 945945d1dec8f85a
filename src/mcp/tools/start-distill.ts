// start_distill: starts a CostCraft run through the GraphQL `distill` mutation (the one write an
// MCP client may make, and only through this tool: graphql_query refuses mutations). OFFLINE by
// default: deterministic templates, no model calls, no cost.
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { ToolError } from '../tool-error.ts';
import { toYaml } from '../present.ts';

const MUTATION = `mutation StartDistill($input: DistillInput!) {
  distill(input: $input) { run { id skill mode status createdAt } }
}`;

interface Answer {
  distill: { run: { id: string; skill: string; mode: string; status: string; createdAt: string } };
}

export const startDistill = defineTool({
  name: 'start_distill',
  title: 'Start a distill run',
  description:
    'Starts a CostCraft run that turns the graph\'s evidence (redundant calls, unused outputs, steps successful sessions ' +
    'did without, failures) into an evolved SKILL.md whose every prune cites its evidence. Learn from a cohort ' +
    '(cohortKind + cohortKey from list_skills), a skill\'s sessions (skill), or explicit sessionIds. Returns a run id at ' +
    'once; read the result with get_distill_run. mode OFFLINE (default) uses deterministic templates and calls no model.',
  input: {
    skill: z.string().min(1).max(200).optional().describe('the SKILL.md name; alone, learn from this skill\'s sessions'),
    cohortKind: z.enum(['SKILL', 'AGENT', 'TASK']).optional(),
    cohortKey: z.string().min(1).max(300).optional().describe('the cohort key from list_skills, e.g. an agent id or cron:…'),
    sessionIds: z.array(z.string().min(1).max(2000)).max(500).optional().describe('learn from exactly these sessions'),
    baseSkill: z.string().max(50_000).optional().describe('the current SKILL.md text to evolve'),
    mode: z.enum(['OFFLINE', 'CLAUDE']).default('OFFLINE').describe('CLAUDE needs ANTHROPIC_API_KEY on the engine'),
    budgetTokens: z.number().int().min(200).max(20_000).optional().describe('size cap of the SKILL.md (default 1200)'),
  },
  readOnly: false,
  async run(args, graphql) {
    if ((args.cohortKind === undefined) !== (args.cohortKey === undefined)) {
      throw new ToolError('BAD_USER_INPUT', 'Give cohortKind and cohortKey together (list_skills shows both)');
    }
    const input = {
      skill: args.skill,
      cohort: args.cohortKind ? { kind: args.cohortKind, key: args.cohortKey } : undefined,
      sessionIds: args.sessionIds,
      baseSkill: args.baseSkill,
      mode: args.mode,
      budgetTokens: args.budgetTokens,
    };
    const { distill } = await graphql.query<Answer>(MUTATION, { input });
    return toYaml({ ...distill.run, next: `get_distill_run with id ${distill.run.id} (waitSeconds up to 60 waits for it)` });
  },
});
