// CostCraft on τ-bench (50 tasks × 4 trials with rewards) in the real Neo4j: evidence queries,
// the OFFLINE distill end to end through the job registry, stored patches whose citations exist,
// the GraphQL resolvers, and runs surviving a restart as failed-with-reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTIONS } from '../../src/costcraft/patch.ts';
import { gatherEvidence } from '../../src/costcraft/evidence.ts';
import type { EvidenceSet } from '../../src/costcraft/evidence-types.ts';
import { costcraftResolvers } from '../../src/costcraft/graphql-resolvers.ts';
import { DistillJobs, SERVER_RESTARTED, type DistillRunView } from '../../src/costcraft/jobs.ts';
import { importTauBatch, readTauBench } from '../../src/costcraft/tau-bench-import.ts';
import { estimateSkillTokens } from '../../src/costcraft/tokens.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { getRun, runPatches, sessionsWithSignature, skillVersions, upsertRun } from '../../src/graph/costcraft.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

const TAU_FILE = corpus('tau-bench', 'gpt-4o-airline.json');
const projectId = randomProjectId('costcraft-tau');
let graph: Graph;
let evidence: EvidenceSet;
let run: DistillRunView;

beforeAll(async () => {
  graph = await connectTestGraph();
  const batch = readTauBench(TAU_FILE);
  const summary = await importTauBatch(graph, projectId, batch, createPricer());
  expect(summary.sessions).toBe(200);
  expect(summary.outcomes).toBe(200);
  evidence = await gatherEvidence(graph, projectId, 'tau-airline', null);
  const jobs = new DistillJobs(graph);
  const started = await jobs.start(projectId, { skill: 'tau-airline', mode: 'OFFLINE' });
  run = (await jobs.wait(projectId, started.id))!;
});
afterAll(async () => graph?.close());

describe('τ-bench evidence', () => {
  it('has 200 judged sessions, one per task × trial', () => {
    expect(evidence.sessions).toHaveLength(200);
    expect(evidence.sessions.filter((s) => s.outcome === 'success')).toHaveLength(84);
  });

  it('finds cross-trajectory prune evidence that holds in the graph', async () => {
    const think = evidence.items.find((i) => i.id === 'cross-trajectory:think(thought)');
    expect(think).toBeDefined();
    const [sameTask] = think!.counts;
    expect(sameTask!.k).toBeGreaterThan(2);
    // Every session the item says succeeded without `think` did succeed, and has no think step.
    const checked = await sessionsWithSignature(graph, projectId, think!.sessionIds, 'think(thought)');
    expect(checked.length).toBe(think!.sessionIds.length);
    expect(checked.every((s) => s.outcome === 'success' && !s.hasSignature)).toBe(true);
  });

  it('finds preserve patterns present in at least two successful sessions', () => {
    const preserve = evidence.items.filter((i) => i.kind === 'preserve');
    expect(preserve.length).toBeGreaterThan(3);
    expect(preserve.every((i) => i.counts[0]!.k >= 2)).toBe(true);
    expect(preserve.map((i) => i.target)).toContain('get_reservation_details(reservation_id)');
  });

  it('finds repairs from failed trials with the oracle mismatches and failing steps', () => {
    expect(evidence.repairs.length).toBe(116);
    expect(evidence.repairs.filter((r) => r.mismatches.length > 0).length).toBeGreaterThan(110);
    const argsDiffer = evidence.items.find((i) => i.kind === 'repair' && i.detail.mismatchKind === 'args_differ' && i.spanIds.length > 0);
    expect(argsDiffer?.sessionIds.every((id) => evidence.sessions.find((s) => s.id === id)?.outcome === 'failure')).toBe(true);
  });
});

describe('OFFLINE distill on τ-bench', () => {
  it('succeeds and writes a well-formed SKILL.md within the budget', () => {
    expect(run.status).toBe('SUCCEEDED');
    const md = run.result!.skillMd;
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toEqual(SECTIONS.map((s) => `## ${s}`));
    expect(md).toContain('OFFLINE');
    expect(estimateSkillTokens(md)).toBeLessThanOrEqual(1200);
    expect(run.result!.tokens).toBeLessThanOrEqual(run.result!.budgetTokens);
    const actions = new Set(run.result!.patches.filter((p) => p.status === 'kept').map((p) => p.action));
    expect([...actions].sort()).toEqual(['preserve', 'prune', 'repair']);
  });

  it('stores every prune with citations of spans and sessions that exist in the graph', async () => {
    const stored = await runPatches(graph, projectId, run.id);
    const prunes = stored.filter((p) => p.props.action === 'prune');
    expect(prunes.length).toBeGreaterThan(0);
    const items = new Map(evidence.items.map((i) => [i.id, i]));
    for (const p of prunes) {
      const ids = p.props.evidenceIds as string[];
      expect(ids.length).toBeGreaterThan(0);
      // CITES edges are made with MATCH: each one is a node that exists. All evidence spans are cited.
      const cited = new Set(p.cites.filter((c) => c.label === 'Span').map((c) => c.id));
      const expected = new Set(ids.flatMap((id) => items.get(id)?.spanIds ?? []));
      expect(expected.size).toBeGreaterThan(0);
      expect([...expected].every((id) => cited.has(id))).toBe(true);
    }
  });

  it('records the run, its progress, timings and the skill version with its diff', async () => {
    const props = await getRun(graph, projectId, run.id);
    expect(props).toMatchObject({ status: 'SUCCEEDED', progressPhase: 'store', skill: 'tau-airline' });
    const [latest] = await skillVersions(graph, projectId, 'tau-airline', 1);
    expect(latest).toMatchObject({ id: run.versionId, number: 1, mode: 'OFFLINE' });
    expect(latest!.diff).toMatch(/^\+## Cost control$/m);
    expect(run.timingsMs.evidence).toBeGreaterThanOrEqual(0);
  });
});

describe('GraphQL resolvers', () => {
  const ctx = () => ({ graph, projectId }) as never;

  it('distill → distillRun → skill { versions { diff } }', async () => {
    const payload = (await (costcraftResolvers.Mutation!.distill as (p: unknown, a: unknown, c: unknown) => Promise<{ run: DistillRunView }>)(
      null,
      { input: { skill: 'tau-airline', mode: 'OFFLINE', budgetTokens: 800, baseSkill: '# tau-airline\n## Trigger\n- Airline customer service.' } },
      ctx(),
    ));
    expect(['QUEUED', 'RUNNING']).toContain(payload.run.status);
    const distillRun = costcraftResolvers.Query!.distillRun as (p: unknown, a: unknown, c: unknown) => Promise<DistillRunView>;
    let view = await distillRun(null, { id: payload.run.id }, ctx());
    for (let i = 0; i < 200 && !['SUCCEEDED', 'FAILED'].includes(view.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = await distillRun(null, { id: payload.run.id }, ctx());
    }
    expect(view.status).toBe('SUCCEEDED');
    expect(view.result!.tokens).toBeLessThanOrEqual(800);
    expect(view.result!.skillMd).toContain('- Airline customer service.');
    const skill = await (costcraftResolvers.Query!.skill as (p: unknown, a: unknown, c: unknown) => Promise<{ name: string }>)(null, { name: 'tau-airline' }, ctx());
    const versions = await (costcraftResolvers.Skill!.versions as (p: unknown, a: unknown, c: unknown) => Promise<Array<{ number: number; diff: string }>>)(skill, { first: 5 }, ctx());
    expect(versions.map((v) => v.number).slice(0, 2)).toEqual([2, 1]);
    expect(versions[0]!.diff).toMatch(/^--- tau-airline v1$/m);
  });

  it('distillRuns lists the project’s runs, the most recent first, and no other project’s', async () => {
    const distillRuns = costcraftResolvers.Query!.distillRuns as (p: unknown, a: unknown, c: unknown) => Promise<DistillRunView[]>;
    const runs = await distillRuns(null, { skill: 'tau-airline', first: 10 }, ctx());
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.map((r) => r.id)).toContain(run.id);
    expect(runs.every((r) => r.skill === 'tau-airline')).toBe(true);
    const created = runs.map((r) => r.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect(await distillRuns(null, { first: 1 }, ctx())).toHaveLength(1);
    expect(await distillRuns(null, { skill: 'tau-airline' }, { graph, projectId: randomProjectId('other') } as never)).toEqual([]);
    await expect(distillRuns(null, { first: 0 }, ctx())).rejects.toThrow(/first/);
    await expect(distillRuns(null, { first: 101 }, ctx())).rejects.toThrow(/first/);
  });

  it('rejects bad input with a user error', async () => {
    await expect(
      (costcraftResolvers.Mutation!.distill as (p: unknown, a: unknown, c: unknown) => Promise<unknown>)(null, { input: { skill: 'x', budgetTokens: 5 } }, ctx()),
    ).rejects.toThrow(/budgetTokens/);
  });
});

describe('runs and restarts', () => {
  it('marks runs left RUNNING by a previous process as failed with reason "server restarted"', async () => {
    const id = `distill-stale-${Date.now()}`;
    await upsertRun(graph, projectId, { id, skill: 'tau-airline', status: 'RUNNING', instanceId: 'old-process', heartbeatAt: new Date(0).toISOString() });
    const jobs = new DistillJobs(graph);
    expect(await jobs.recoverStaleRuns()).toBeGreaterThanOrEqual(1);
    expect(await jobs.get(projectId, id)).toMatchObject({ status: 'FAILED', error: SERVER_RESTARTED });
  });

  it('fails a run over an unknown skill with a clear reason', async () => {
    const jobs = new DistillJobs(graph);
    const started = await jobs.start(projectId, { skill: 'no-such-skill', mode: 'OFFLINE' });
    expect(await jobs.wait(projectId, started.id)).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/No sessions of skill/) });
  });
});
