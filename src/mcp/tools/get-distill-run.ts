// get_distill_run: a distill run's state and, once it succeeded, its patches (what to preserve,
// prune or repair, each with its evidence count) and the SKILL.md it wrote. Can wait for the run
// to finish, so a model need not spin on it.
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { ToolError } from '../tool-error.ts';
import { clip, oneLine, toYaml } from '../present.ts';

const MAX_PATCHES = 20;
const SKILL_MD_CHARS = 6000;
const POLL_MS = 500;

const QUERY = `query DistillRun($id: ID!) {
  distillRun(id: $id) {
    id skill mode status error durationMs createdAt finishedAt
    progress { phase fraction message }
    patches { action rule section confidence status prevalence sourceSessions evidenceIds targetCostSink counterfactual }
    skillVersion { number tokens text }
  }
}`;

interface Run {
  id: string;
  skill: string;
  mode: string;
  status: string;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
  finishedAt: string | null;
  progress: { phase: string; fraction: number; message: string };
  patches: Array<{
    action: string;
    rule: string;
    section: string;
    confidence: number;
    status: string;
    prevalence: number;
    sourceSessions: string[];
    evidenceIds: string[];
    targetCostSink: string | null;
    counterfactual: string | null;
  }>;
  skillVersion: { number: number; tokens: number; text: string } | null;
}

const DONE = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export const getDistillRun = defineTool({
  name: 'get_distill_run',
  title: 'Distill run result',
  description:
    'The state of a distill run started with start_distill; once SUCCEEDED, its patches (preserve / prune / repair ' +
    'rules with the sessions and evidence they rest on) and the SKILL.md it wrote. waitSeconds (0–60) waits for the ' +
    'run to finish first.',
  input: {
    id: z.string().min(1).max(200).describe('the run id start_distill returned'),
    waitSeconds: z.number().int().min(0).max(60).default(0).describe('wait up to this long for the run to finish'),
  },
  readOnly: true,
  async run(args, graphql) {
    const deadline = Date.now() + args.waitSeconds * 1000;
    let run: Run | null;
    for (;;) {
      ({ distillRun: run } = await graphql.query<{ distillRun: Run | null }>(QUERY, { id: args.id }));
      if (!run) throw new ToolError('NOT_FOUND', `No distill run "${args.id}" in this project`);
      if (DONE.has(run.status) || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const done = run.status === 'SUCCEEDED';
    // The rules that made it into the SKILL.md first; dropped and trimmed ones after.
    const patches = [...run.patches].sort((a, b) => Number(a.status !== 'kept') - Number(b.status !== 'kept'));
    return toYaml({
      id: run.id,
      skill: run.skill,
      mode: run.mode,
      status: run.status,
      progress: done ? null : `${run.progress.phase} ${Math.round(run.progress.fraction * 100)}%: ${run.progress.message}`,
      error: run.error,
      seconds: run.durationMs === null ? null : Math.round(run.durationMs / 100) / 10,
      patches: done ? run.patches.length : null,
      rules: patches.slice(0, MAX_PATCHES).map((p) => ({
        action: p.action.toLowerCase(),
        status: p.status === 'kept' ? null : p.status,
        section: p.section,
        rule: oneLine(p.rule, 300),
        target: p.targetCostSink,
        sessions: p.sourceSessions.length,
        evidence: p.evidenceIds.length,
        confidence: p.confidence,
      })),
      morePatches: run.patches.length > MAX_PATCHES ? run.patches.length - MAX_PATCHES : null,
      skillMd: run.skillVersion ? `version ${run.skillVersion.number}, ${run.skillVersion.tokens} tokens (get_skill "${run.skill}" or resource clawtrace://skills/${encodeURIComponent(run.skill)}/SKILL.md)` : null,
      text: run.skillVersion ? clip(run.skillVersion.text, SKILL_MD_CHARS) : null,
    });
  },
});
