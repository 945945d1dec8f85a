// get_skill: the evolved SKILL.md of a skill (the latest version, or a given one) with its stats;
// the document an agent should follow next time. Its diff against the previous version is optional:
// it doubles the size.
import { z } from 'zod';
import type { ProjectGraphql } from '../project-query.ts';
import { defineTool } from '../tool.ts';
import { ToolError } from '../tool-error.ts';
import { clip, usd } from '../present.ts';
import YAML from 'yaml';

const SKILL_MD_CHARS = 9000;
const DIFF_CHARS = 2500;

const QUERY = `query Skill($name: String!) {
  skill(name: $name) {
    name sessions successes failures costUsd
    versions(first: 100) { number text diff tokens budgetTokens mode runId createdAt }
  }
}`;

interface Version {
  number: number;
  text: string;
  diff: string;
  tokens: number;
  budgetTokens: number;
  mode: string;
  runId: string;
  createdAt: string;
}

interface Answer {
  skill: { name: string; sessions: number; successes: number; failures: number; costUsd: number; versions: Version[] } | null;
}

/** The SKILL.md of a skill (a version, else the latest), for the tool and the resource. */
export async function skillDocument(
  graphql: ProjectGraphql,
  name: string,
  version?: number,
): Promise<{ skill: NonNullable<Answer['skill']>; version: Version }> {
  const { skill } = await graphql.query<Answer>(QUERY, { name });
  if (!skill) throw new ToolError('NOT_FOUND', `No skill "${name}" in this project; list_skills lists skills and cohorts`);
  const latest = [...skill.versions].sort((a, b) => b.number - a.number);
  const chosen = version === undefined ? latest[0] : latest.find((v) => v.number === version);
  if (!chosen) {
    throw new ToolError(
      'NOT_FOUND',
      latest.length === 0
        ? `Skill "${name}" has no distilled SKILL.md yet; start_distill makes one`
        : `Skill "${name}" has no version ${version} (versions 1–${latest[0]!.number})`,
    );
  }
  return { skill, version: chosen };
}

export const getSkill = defineTool({
  name: 'get_skill',
  title: 'Skill SKILL.md',
  description:
    "A skill's distilled SKILL.md (the latest version unless `version` is given), preceded by a YAML header: version, " +
    'tokens, mode, the run that made it and the skill\'s sessions, outcomes and spend. Every rule in it rests on graph ' +
    'evidence (get_distill_run shows the citations).',
  input: {
    name: z.string().min(1).max(512).describe('the skill (or cohort) name, e.g. from list_skills'),
    version: z.number().int().min(1).optional().describe('a version number; default the latest'),
    withDiff: z.boolean().default(false).describe('also show the diff against the previous version'),
  },
  readOnly: true,
  async run(args, graphql) {
    const { skill, version } = await skillDocument(graphql, args.name, args.version);
    const header = YAML.stringify({
      skill: skill.name,
      version: version.number,
      of: skill.versions.length,
      tokens: version.tokens,
      budgetTokens: version.budgetTokens,
      mode: version.mode,
      run: version.runId,
      createdAt: version.createdAt,
      // A SKILL.md named after an agent or task cohort has no sessions tagged with it: no stats.
      ...(skill.sessions > 0 ? { sessions: skill.sessions, successes: skill.successes, failures: skill.failures, usd: usd(skill.costUsd) } : {}),
    });
    const diff = args.withDiff ? `\n--- diff against the previous version ---\n${clip(version.diff, DIFF_CHARS)}\n` : '';
    return `${header}---\n${clip(version.text, SKILL_MD_CHARS)}\n${diff}`;
  },
});
