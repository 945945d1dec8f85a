// list_skills: what a distillation can learn from and what has been learnt: skills (recorded or
// detected) with outcomes and their latest SKILL.md version, and the cohorts (skills, agents,
// recurring tasks) with sessions and spend. One call answers "which skills cost the most".
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { oneLine, toYaml, usd } from '../present.ts';

const QUERY = `query Skills($kind: CohortKind, $first: Int) {
  skills { name sessions successes failures averageScore costUsd versions(first: 1) { number tokens createdAt } }
  cohorts(kind: $kind, first: $first) { kind key name detectedBy sessions costUsd successes failures inferredOutcomes }
}`;

interface Answer {
  skills: Array<{
    name: string;
    sessions: number;
    successes: number;
    failures: number;
    averageScore: number | null;
    costUsd: number;
    versions: Array<{ number: number; tokens: number; createdAt: string }>;
  }>;
  cohorts: Array<{
    kind: string;
    key: string;
    name: string;
    detectedBy: string[];
    sessions: number;
    costUsd: number;
    successes: number;
    failures: number;
    inferredOutcomes: number;
  }>;
}

export const listSkills = defineTool({
  name: 'list_skills',
  title: 'Skills and cohorts',
  description:
    'Skills sessions ran for (with outcomes, spend and the latest distilled SKILL.md version, if any) and cohorts a ' +
    'distill run can learn from: skills, agents and recurring tasks (cron jobs, shared prompt templates), dearest ' +
    'first. Read a SKILL.md with get_skill; start a distillation with start_distill (cohortKind + cohortKey).',
  input: {
    cohortKind: z.enum(['SKILL', 'AGENT', 'TASK']).optional().describe('only cohorts of this kind'),
    first: z.number().int().min(1).max(50).default(20).describe('cohorts listed (1–50)'),
  },
  readOnly: true,
  async run(args, graphql) {
    const { skills, cohorts } = await graphql.query<Answer>(QUERY, { kind: args.cohortKind, first: args.first });
    return toYaml({
      skills: [...skills]
        .sort((a, b) => b.costUsd - a.costUsd || a.name.localeCompare(b.name))
        .slice(0, 50)
        .map((s) => ({
          name: s.name,
          sessions: s.sessions,
          successes: s.successes,
          failures: s.failures,
          averageScore: s.averageScore,
          usd: usd(s.costUsd),
          skillMd: s.versions[0] ? `version ${s.versions[0].number}, ${s.versions[0].tokens} tokens, ${s.versions[0].createdAt}` : null,
        })),
      skillsNote: skills.length === 0 ? 'no skill recorded or detected in this project; distilled SKILL.md versions are named after their cohort' : null,
      cohorts: cohorts.map((c) => ({
        kind: c.kind,
        key: c.key,
        name: c.key === c.name ? null : oneLine(c.name, 80),
        detectedBy: c.detectedBy.join(', '),
        sessions: c.sessions,
        usd: usd(c.costUsd),
        successes: c.successes,
        failures: c.failures,
        inferredOutcomes: c.inferredOutcomes || null,
      })),
    });
  },
});
