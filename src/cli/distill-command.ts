// `clawtrace distill (--skill X | --agent A | --cohort kind:key | --sessions a,b) [--base SKILL.md]
//  [--mode OFFLINE|CLAUDE] [--budget N] [--out file]`: runs a DistillRun job against the graph with a
// progress bar, prints (or writes) the evolved SKILL.md and a summary of the patches. Without a
// session list it learns from a cohort: the skill's sessions (recorded or detected), an agent's, or
// a recurring task's (`clawtrace cohorts` lists them). Exit 1 when the run failed.
import fs from 'node:fs';
import { readEnv } from '../config.ts';
import { DistillJobs } from '../costcraft/jobs.ts';
import { DEFAULT_BUDGET_TOKENS } from '../costcraft/skill-md.ts';
import { COHORT_KINDS, listCohorts, type CohortKind } from '../graph/cohorts.ts';
import type { CohortRef } from '../graph/costcraft.ts';
import { withGraph } from './connect.ts';
import { createProgress, type Progress } from './progress.ts';

export interface DistillCommandOptions {
  skill?: string;
  agent?: string;
  cohort?: string;
  sessions?: string;
  base?: string;
  mode?: 'OFFLINE' | 'CLAUDE';
  model?: string;
  budget?: string;
  out?: string;
  project: string;
  json?: boolean;
}

export function parseBudgetTokens(value: string | undefined): number {
  if (value === undefined) return DEFAULT_BUDGET_TOKENS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 200 || n > 20_000) throw new Error(`--budget must be an integer from 200 to 20000, got "${value}"`);
  return n;
}

/** `--agent A` / `--cohort kind:key` / `--skill X` → the cohort to read (null: the given session ids). */
export function cohortOption(options: Pick<DistillCommandOptions, 'skill' | 'agent' | 'cohort' | 'sessions'>): CohortRef | null {
  const given = [options.agent, options.cohort].filter((v) => v !== undefined).length;
  if (given > 1) throw new Error('give one of --agent and --cohort');
  if (options.agent !== undefined) return { kind: 'agent', key: options.agent };
  if (options.cohort !== undefined) {
    const at = options.cohort.indexOf(':');
    const kind = options.cohort.slice(0, at) as CohortKind;
    const key = options.cohort.slice(at + 1);
    if (at < 1 || !COHORT_KINDS.includes(kind) || key === '') throw new Error(`--cohort takes <kind>:<key> with kind ${COHORT_KINDS.join('|')} (see \`clawtrace cohorts\`), got "${options.cohort}"`);
    return { kind, key };
  }
  if (options.sessions) return null;
  if (options.skill !== undefined) return { kind: 'skill', key: options.skill };
  throw new Error('give --skill, --agent, --cohort <kind>:<key> or --sessions (`clawtrace cohorts` lists what there is)');
}

export async function runDistill(options: DistillCommandOptions): Promise<number> {
  const cohort = cohortOption(options);
  const env = readEnv();
  const budgetTokens = parseBudgetTokens(options.budget);
  const baseSkill = options.base ? fs.readFileSync(options.base, 'utf8') : null;
  const mode = options.mode ?? (env.ANTHROPIC_API_KEY ? 'CLAUDE' : 'OFFLINE');
  if (mode === 'CLAUDE' && !env.ANTHROPIC_API_KEY) throw new Error('--mode CLAUDE needs ANTHROPIC_API_KEY (and optionally ANTHROPIC_BASE_URL)');
  const sessionIds = options.sessions ? options.sessions.split(',').map((s) => s.trim()).filter(Boolean) : null;
  const claude = env.ANTHROPIC_API_KEY ? { apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL ?? null, model: options.model } : null;
  let progress: Progress | undefined;
  let seen = 0;
  const view = await withGraph(async (graph) => {
    // A recurring task's SKILL.md is named after the task, an agent's after the agent.
    const named = cohort?.kind === 'task' ? (await listCohorts(graph, options.project, 'task', 200)).find((c) => c.key === cohort.key)?.name : undefined;
    const skill = options.skill ?? named ?? cohort?.key ?? 'sessions';
    const jobs = new DistillJobs(graph, {
      claude,
      onProgress: (_id, p) => {
        progress ??= createProgress(p.total, `distill ${skill}`);
        // The total grows once the Claude sample is known; ticks follow `done`.
        for (; seen < p.done; seen++) progress.tick(p.message);
      },
    });
    await jobs.recoverStaleRuns();
    const started = await jobs.start(options.project, { skill, cohort, sessionIds, baseSkill, mode, model: options.model ?? null, budgetTokens });
    return jobs.wait(options.project, started.id);
  });
  progress?.done();
  if (!view || view.status !== 'SUCCEEDED' || !view.result) {
    console.error(`distill ${view?.id ?? ''} ${view?.status ?? 'not found'}: ${view?.error ?? ''}`);
    return 1;
  }
  const r = view.result;
  if (options.out) fs.writeFileSync(options.out, r.skillMd);
  if (options.json) {
    console.log(JSON.stringify(view, null, 2));
    return 0;
  }
  if (!options.out) console.log(r.skillMd);
  const kept = r.patches.filter((p) => p.status === 'kept');
  const lines = [
    `run ${r.runId} (${r.mode}): ${r.sessions.total} sessions${r.cohort ? ` of ${r.cohort.kind} ${r.cohort.key}` : ''} (${r.sessions.success} succeeded, ${r.sessions.failure} failed${r.sessions.inferred ? `; ${r.sessions.inferred} outcomes inferred` : ''})`,
    `  patches  ${kept.length} kept (${['repair', 'prune', 'preserve'].map((a) => `${kept.filter((p) => p.action === a).length} ${a}`).join(', ')}), ` +
      `${r.patches.length - kept.length} dropped or trimmed, ${r.rejected.length} rejected`,
    `  analyses ${r.analyses.filter((a) => a.status === 'ok').length} ok, ${r.analyses.filter((a) => a.status === 'failed').length} failed`,
    `  SKILL.md ${r.tokens}/${r.budgetTokens} tokens (estimated), version ${r.versionNumber}${options.out ? ` written to ${options.out}` : ''}`,
    ...r.labels.map((l) => `  note     ${l}`),
  ];
  console.error(lines.join('\n'));
  return 0;
}
