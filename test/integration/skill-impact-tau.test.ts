// skillImpact on real τ-bench sessions where the answer is known. What is edited is said, and
// labelled, in test/helpers/tau-versions.ts: each session is given one appended SKILL.md read (no
// cost) naming its version; copies of trials are renumbered; one copy drops every `think` call.
//   A. no effect: trials 0–1 read the base SKILL.md, trials 2–3 an edited copy (one line added).
//      Same agent, same tasks: the report must say there is no significant difference.
//   B. a prune rule followed: CostCraft distils v1 from trials 0–1; copies of trials 0–1 with every
//      `think` call removed (renumbered 4–5) read v1. Cheaper exactly on the tasks where the agent
//      thought, never dearer, success identical (rewards kept): IMPROVED, the think rule FOLLOWED.
//   C. an easier week: trials 2–3 of only the 20 cheapest tasks (by the median cost of all four
//      real trials, so neither side is favoured within a task; renumbered 8–9) read a third text.
//      Cheaper overall, not on the same tasks: MIX_SHIFT, not sold as a better skill.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { distill } from '../../src/costcraft/distill.ts';
import { skillImpact } from '../../src/costcraft/impact/skill-impact.ts';
import type { SkillImpactReport } from '../../src/costcraft/impact/types.ts';
import { skillContentHash } from '../../src/domain/insights/skill-version.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { mannWhitneyU } from '../../src/domain/stats/mann-whitney.ts';
import { median } from '../../src/domain/stats/quantiles.ts';
import { skillSessions } from '../../src/graph/costcraft.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { taskKey } from '../../src/ingest/task-key.ts';
import { PROJECT_ROOT } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { importTrialsReading, readTrials, refreshInsights, renumbered, withoutTool, type TauTrial } from '../helpers/tau-versions.ts';

const projectId = randomProjectId('impact-tau');
const BASE = '# tau-airline\n\nHand-written base skill (test fixture).\n\n## Workflow\n- Look up the user and the reservation before acting.\n- Confirm every write with the user.\n';
const BASE_EDIT = `${BASE}- Keep answers short.\n`;
const EASY_WEEK = `${BASE}- Easy week edition.\n`;
const sha = (text: string) => `sha:${skillContentHash(text)}`;
const SKILL = 'tau-airline';
const TSX = path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

let graph: Graph;
let trials: TauTrial[];
const cost = new Map<string, number>();
let easiest: number[];
let A: SkillImpactReport;
let B: SkillImpactReport;
let C: SkillImpactReport;

const thinks = (t: TauTrial) => t.traj.flatMap((m) => m.tool_calls ?? []).filter((c) => c.function.name === 'think').length;

beforeAll(async () => {
  graph = await connectTestGraph();
  const pricer = createPricer();
  trials = readTrials();
  const first = trials.filter((t) => t.trial <= 1);
  const ids = await importTrialsReading(graph, projectId, first, BASE, pricer);
  await refreshInsights(graph, projectId, ids);
  const run = await distill({ skill: SKILL, sessionIds: [...ids], mode: 'OFFLINE' }, { graph, projectId, runId: 'impact-tau-run-1' });
  ids.push(...(await importTrialsReading(graph, projectId, trials.filter((t) => t.trial >= 2), BASE_EDIT, pricer)));
  ids.push(...(await importTrialsReading(graph, projectId, first.map((t) => renumbered(withoutTool(t, 'think'), 4)), run.skillMd, pricer)));
  await refreshInsights(graph, projectId, ids);
  for (const s of await skillSessions(graph, projectId, SKILL, ids)) cost.set(s.id, Math.round(s.totalCostUsd * 1e9) / 1e9);
  // The 20 tasks cheapest to run, by the median over their four real trials.
  const taskIds = [...new Set(trials.map((t) => t.task_id))];
  const taskMedian = (task: number) => median([0, 1, 2, 3].map((k) => cost.get(`tau:${task}:${k}`)!))!;
  easiest = taskIds.sort((a, b) => taskMedian(a) - taskMedian(b) || a - b).slice(0, 20);
  const easy = await importTrialsReading(graph, projectId, trials.filter((t) => t.trial >= 2 && easiest.includes(t.task_id)).map((t) => renumbered(t, 6)), EASY_WEEK, pricer);
  await refreshInsights(graph, projectId, easy);
  for (const s of await skillSessions(graph, projectId, SKILL, easy)) cost.set(s.id, Math.round(s.totalCostUsd * 1e9) / 1e9);
  A = await skillImpact(graph, projectId, { skill: SKILL, baseline: sha(BASE), candidate: sha(BASE_EDIT) });
  B = await skillImpact(graph, projectId, { skill: SKILL, baseline: sha(BASE) });
  C = await skillImpact(graph, projectId, { skill: SKILL, baseline: sha(BASE), candidate: sha(EASY_WEEK) });
});
afterAll(async () => graph?.close());

/** Stored costs (to the nano-dollar, as the report ranks them) of the sessions of these real trials (a copy: under its trial number + offset). */
const costsOf = (trialNumbers: number[], tasks?: number[], offset = 0) =>
  trials.filter((t) => trialNumbers.includes(t.trial) && (!tasks || tasks.includes(t.task_id))).map((t) => cost.get(`tau:${t.task_id}:${t.trial + offset}`)!);
/** Tasks as the task key tells them apart (src/ingest/task-key.ts: the first 200 characters of the instruction). */
const distinctTasks = () => new Set(trials.map((t) => taskKey(t.info.task.instruction))).size;

describe('versions seen', () => {
  it('each session is matched to the text it read: three external texts and CostCraft’s stored v1', async () => {
    const all = await skillImpact(graph, projectId, { skill: SKILL });
    expect(all.versions.map((v) => [v.label, v.kind, v.sessions]).sort()).toEqual(
      [
        [`external ${sha(BASE).slice(0, 16)}`, 'external', 100],
        [`external ${sha(BASE_EDIT).slice(0, 16)}`, 'external', 100],
        [`external ${sha(EASY_WEEK).slice(0, 16)}`, 'external', 40],
        ['v1', 'stored', 100],
      ].sort(),
    );
    // Default pair: the newest stored version as the candidate.
    expect(all.candidate).toBe('impact-tau-run-1:v1');
  });
});

describe('A. no effect (same agent, same tasks, one line of the SKILL.md changed)', () => {
  it('says there is no significant difference, and no alert', () => {
    expect(A.verdict).toBe('NO_SIGNIFICANT_DIFFERENCE');
    expect(A.summary).toMatch(/^No significant difference between external sha:\w{12} and external sha:\w{12} in cost or success\./);
    expect(A.alerts).toEqual([]);
    expect(A.comparison!.cost.significant).toBe(false);
    expect(A.comparison!.success.significant).toBe(false);
    expect(A.comparison!.matched.significant).toBe(false);
  });

  it('figures equal an independent computation from the sessions’ stored costs', () => {
    const before = costsOf([0, 1]);
    const after = costsOf([2, 3]);
    const c = A.comparison!.cost;
    expect(c.baselineMedian).toBeCloseTo(median(before)!, 12);
    expect(c.candidateMedian).toBeCloseTo(median(after)!, 12);
    expect(c.pValue).toBeCloseTo(mannWhitneyU(before, after)!.pValue, 12);
    expect(c.ciLow!).toBeLessThan(0);
    expect(c.ciHigh!).toBeGreaterThan(0);
    // Recorded τ-bench rewards.
    const wins = (k: number[]) => trials.filter((t) => k.includes(t.trial) && t.reward >= 1).length;
    expect(A.comparison!.success).toMatchObject({ basis: 'recorded', baselineRate: wins([0, 1]) / 100, candidateRate: wins([2, 3]) / 100 });
    expect(distinctTasks()).toBe(49); // two of the 50 instructions begin with the same 200 characters
    expect(A.comparison!.matched).toMatchObject({ tasks: distinctTasks(), mixShift: 0, baselineSessions: 100, candidateSessions: 100 });
  });

  it('is deterministic: the same report twice (fixed bootstrap seed)', async () => {
    expect(await skillImpact(graph, projectId, { skill: SKILL, baseline: sha(BASE), candidate: sha(BASE_EDIT) })).toEqual(A);
  });
});

describe('B. the distilled v1, with the agent following its think prune rule', () => {
  it('is cheaper on exactly the tasks where the agent thought, never dearer; success unchanged: IMPROVED', () => {
    const thoughtTasks = new Set(trials.filter((t) => t.trial <= 1 && thinks(t) > 0).map((t) => taskKey(t.info.task.instruction)));
    const m = B.comparison!.matched;
    expect(B.baseline).toBe(sha(BASE));
    expect(B.candidate).toBe('impact-tau-run-1:v1');
    expect(m.tasks).toBe(distinctTasks());
    expect(m.cheaperTasks).toBe(thoughtTasks.size);
    expect(m.dearerTasks).toBe(0);
    expect(m.significant).toBe(true);
    expect(m.ciHigh!).toBeLessThan(0);
    expect(B.comparison!.success).toMatchObject({ difference: 0, significant: false });
    expect(B.verdict).toBe('IMPROVED');
    expect(B.alerts).toEqual([]);
  });

  it('reports the think rule followed, with an estimated saving near the real one; rules the agent did not change are ignored', () => {
    const think = B.pruneRules.find((r) => r.signature === 'think(thought)')!;
    const thinkCalls = trials.filter((t) => t.trial <= 1).reduce((n, t) => n + thinks(t), 0);
    expect(think).toMatchObject({ status: 'FOLLOWED', counts: 'step', candidatePerSession: 0, candidateSessionsWith: 0 });
    expect(think.baselinePerSession).toBeCloseTo(thinkCalls / 100, 12);
    const realSaving = costsOf([0, 1]).reduce((a, b) => a + b, 0) - costsOf([0, 1], undefined, 4).reduce((a, b) => a + b, 0);
    expect(realSaving).toBeGreaterThan(0);
    expect(think.savedUsdTotal!).toBeGreaterThan(realSaving * 0.5);
    expect(think.savedUsdTotal!).toBeLessThan(realSaving * 1.5);
    // Every other checkable rule targets steps the edit left alone (the retries, the duplicates, and
    // the appended SKILL.md read, whose output nothing used): as frequent after as before.
    const others = B.pruneRules.filter((r) => r.signature !== 'think(thought)' && r.status !== 'NOT_SEEN_BEFORE' && r.status !== 'NOT_CHECKABLE');
    expect(others.length).toBeGreaterThan(0);
    for (const r of others) {
      expect(r.status).toBe('IGNORED');
      expect(r.candidatePerSession).toBeCloseTo(r.baselinePerSession, 12);
    }
  });
});

describe('C. a cheaper week of easier tasks', () => {
  it('is cheaper overall but not on the same tasks: MIX_SHIFT, not a better skill', () => {
    const c = C.comparison!;
    expect(c.cost.direction).toBe('lower');
    expect(c.cost.pValue!).toBeLessThan(0.05);
    expect(c.matched.tasks).toBe(20);
    expect(c.matched.significant).toBe(false);
    expect(c.matched.mixShift).toBeCloseTo(0.6, 12);
    expect(C.verdict).toBe('MIX_SHIFT');
    expect(C.summary).toMatch(/^Not a better skill: .* the difference comes from the task mix \(task-mix shift 60\.0%\)/);
    expect(C.alerts).toEqual([]);
    expect(c.cost.baselineMedian).toBeCloseTo(median(costsOf([0, 1]))!, 12);
    expect(c.cost.candidateMedian).toBeCloseTo(median(costsOf([2, 3], easiest))!, 12);
  });
});

describe('D. the same pair the other way round (v1 → the base text)', () => {
  it('raises a cost regression alert: dearer on the same tasks beyond the interval', async () => {
    const D = await skillImpact(graph, projectId, { skill: SKILL, baseline: 'v1', candidate: sha(BASE) });
    expect(D.verdict).toBe('REGRESSED');
    expect(D.alerts.map((a) => a.metric)).toEqual(['cost']);
    expect(D.alerts[0]!.message).toMatch(/^Cost rose beyond its interval from v1 to external sha:\w{12}: within the 49 tasks run under both: mean per-task change \+\$0\.0049/);
    expect(D.comparison!.matched.ciLow!).toBeGreaterThan(0);
  });
});

describe('CLI clawtrace impact', () => {
  const cli = (...args: string[]) => {
    const { uri, user, password } = inject('neo4j');
    const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: uri, ...(user ? { NEO4J_USER: user } : {}), ...(password ? { NEO4J_PASSWORD: password } : {}) };
    return spawnSync(process.execPath, [TSX, 'src/cli/main.ts', 'impact', '--skill', SKILL, '--project', projectId, ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 120_000 });
  };

  it('prints the comparison and the verdict; exit 0 without an alert, 1 with one', () => {
    const ok = cli('--baseline', sha(BASE).slice(0, 16));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Verdict: IMPROVED');
    expect(ok.stdout).toMatch(/FOLLOWED\s+think\(thought\) calls per session 0\.48 → 0\.00 \(100% fewer\); saved ≈ \$0\.\d{4}/);
    console.log(ok.stdout);
    const regressed = cli('--baseline', 'v1', '--candidate', sha(BASE).slice(0, 16));
    expect(regressed.status).toBe(1);
    expect(regressed.stdout).toContain('ALERT (cost): Cost rose beyond its interval from v1');
  });
});

describe('print', () => {
  it('the three reports (for the README)', () => {
    for (const [name, r] of [['A', A], ['B', B], ['C', C]] as const) console.log(name, r.verdict, '\n', r.summary, '\n', JSON.stringify(r.pruneRules.map((p) => [p.status, p.note, p.savedUsdTotal])));
  });
});
