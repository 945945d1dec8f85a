// Skill versions detected in real OpenClaw and Claude Code transcripts, matched to what CostCraft
// stored, and skillImpact over them through GraphQL. The edits are labelled in
// test/helpers/skill-file-edits.ts: the playbook every OpenClaw sub-agent reads becomes the `coding`
// skill; tree B (13 sub-agents, the morning) ran the real playbook; CostCraft distils v1 from tree B;
// tree A (7 sub-agents of a later cron run) is imported with its reads returning v1's text — a
// simulated deployment, the agents' real behaviour otherwise. The per-file costs are in the corpus'
// SOURCES.md, so the medians are known: tree B 0.685, tree A 0.508.
import { presentUsd } from '../../src/api/money.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import { distill } from '../../src/costcraft/distill.ts';
import { impactView } from '../../src/costcraft/impact/graphql-resolvers.ts';
import { skillImpact } from '../../src/costcraft/impact/skill-impact.ts';
import type { SkillImpactReport } from '../../src/costcraft/impact/types.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { skillContentHash } from '../../src/domain/insights/skill-version.ts';
import { mannWhitneyU } from '../../src/domain/stats/mann-whitney.ts';
import { quantile } from '../../src/domain/stats/quantiles.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';
import { claudeCodeCopy, openclawTreeCopy, realPlaybookText } from '../helpers/skill-file-edits.ts';
import { refreshInsights } from '../helpers/tau-versions.ts';

const projectId = randomProjectId('impact-openclaw');
const pricer = createPricer();
let graph: Graph;
let server: RunningServer;
let v1Text: string;
let report: SkillImpactReport;
let claude: { fileText: string };

/** SOURCES.md per-file recorded costs of the sub-agents (3 decimals). */
const TREE_B_CHILDREN = [0.021, 0.22, 5.177, 6.689, 0.612, 3.068, 1.244, 2.879, 0.685, 0.92, 0.233, 0.569, 0.552];
const TREE_A_CHILDREN = [1.016, 0.43, 0.659, 1.467, 0.508, 0.245, 0.134];

async function importDir(dir: string): Promise<void> {
  const r = await importFiles(graph, { paths: [dir], projectId, pricer });
  await refreshInsights(graph, projectId, r.sessionIds);
}

beforeAll(async () => {
  graph = await connectTestGraph();
  await importDir(openclawTreeCopy('B'));
  const run = await distill({ skill: 'coding', mode: 'OFFLINE' }, { graph, projectId, runId: 'impact-openclaw-run-1' });
  v1Text = run.skillMd;
  await importDir(openclawTreeCopy('A', v1Text));
  const copy = claudeCodeCopy();
  claude = copy;
  await importDir(copy.dir);
  report = await skillImpact(graph, projectId, { skill: 'coding' });
  server = await startTestServer(graph, projectId);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

const gql = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> };
};

describe('version detection', () => {
  it('OpenClaw: tree B ran the real playbook (an external version), tree A the stored v1', () => {
    expect(report.versions.map((v) => ({ label: v.label, kind: v.kind, sessions: v.sessions, hash: v.contentHash }))).toEqual([
      { label: `external sha:${skillContentHash(realPlaybookText())!.slice(0, 12)}`, kind: 'external', sessions: 13, hash: skillContentHash(realPlaybookText()) },
      { label: 'v1', kind: 'stored', sessions: 7, hash: skillContentHash(v1Text) },
    ]);
    expect(report.baseline).toBe(`sha:${skillContentHash(realPlaybookText())}`);
    expect(report.candidate).toBe('impact-openclaw-run-1:v1');
  });

  it('Claude Code: a numbered Read with a system reminder is the version of the file’s own text', async () => {
    const r = await skillImpact(graph, projectId, { skill: 'review-helper' });
    expect(r.versions).toHaveLength(1);
    expect(r.versions[0]).toMatchObject({ kind: 'external', sessions: 1, contentHash: skillContentHash(claude.fileText) });
    expect(r.verdict).toBe('INSUFFICIENT_DATA');
  });
});

describe('the report', () => {
  it('medians and the test agree with the recorded per-file costs in SOURCES.md', () => {
    const c = report.comparison!.cost;
    expect(c.baselineMedian!).toBeCloseTo(0.685, 3);
    expect(c.candidateMedian!).toBeCloseTo(0.508, 3);
    expect(c.pValue!).toBeCloseTo(mannWhitneyU(TREE_B_CHILDREN, TREE_A_CHILDREN)!.pValue, 10);
    expect(report.versions[0]!.costP90Usd!).toBeCloseTo(quantile(TREE_B_CHILDREN, 0.9)!, 2);
  });

  it('says there is no significant difference, on inferred outcomes, and that no task ran under both', () => {
    expect(report.verdict).toBe('NO_SIGNIFICANT_DIFFERENCE');
    expect(report.alerts).toEqual([]);
    expect(report.comparison!.success.basis).toBe('inferred');
    expect(report.labels.join('\n')).toMatch(/success rates use inferred outcomes/);
    expect(report.comparison!.matched.tasks).toBe(0);
    expect(report.summary).toMatch(/no task was run under both versions/);
    expect(report.summary).toMatch(/the verdict rests on all sessions \(task-mix shift 100\.0%\)/);
  });

  it('checks every prune rule of v1 on tree A; the agents never saw v1, and no rule is claimed as followed', () => {
    // Tree A's sub-agents re-read their parent's files less often (hand-offs 0.77 → 0.29 per
    // session) and never re-read with an offset, but they never saw v1: with 13 and 7 sessions
    // neither change is significant, and the report says so instead of crediting the rule.
    expect(report.pruneRules.map((r) => [r.signature, r.counts, r.status])).toEqual([
      ['read(path)', 'handoff', 'INCONCLUSIVE'],
      ['read(limit,offset,path)', 'reread', 'INCONCLUSIVE'],
    ]);
    for (const r of report.pruneRules) expect(r.note).toMatch(/but not significant \(Fisher p = [\d.]+; in \d+ of 13 sessions before, \d+ of 7 after\): could be chance$/);
  });

  it('a window holding only tree A has nothing to compare', async () => {
    const r = await skillImpact(graph, projectId, { skill: 'coding', from: '2026-02-18T09:00:00.000Z' });
    expect(r.versions.map((v) => v.label)).toEqual(['v1']);
    expect(r.verdict).toBe('INSUFFICIENT_DATA');
    expect(r.summary).toMatch(/^Nothing to compare/);
  });
});

describe('GraphQL skillImpact', () => {
  it('serves the same report', async () => {
    const body = await gql(`query ($skill: String!) { skillImpact(skill: $skill) {
      verdict summary baseline candidate alerts { metric message } labels
      versions { key label kind sessions costMedianUsd costP90Usd successRate outcomeBasis waste { kind usd } }
      comparison { cost { difference ciLow ciHigh pValue significant direction } success { basis baselineRate candidateRate pValue }
                   matched { tasks mixShift } }
      pruneRules { patchId status note savedUsdTotal }
      method { seed resamples alpha } } }`, { skill: 'coding' });
    expect(body.errors).toBeUndefined();
    const view = impactView(report);
    const got = body.data!.skillImpact as Record<string, unknown>;
    expect(got.verdict).toBe(view.verdict);
    expect(got.summary).toBe(view.summary);
    // Money leaves the API rounded to micro-dollars (src/api/money.ts); the report keeps full precision.
    expect(got.versions).toEqual(
      view.versions.map((v) => ({
        key: v.key,
        label: v.label,
        kind: v.kind,
        sessions: v.sessions,
        costMedianUsd: presentUsd(v.costMedianUsd),
        costP90Usd: presentUsd(v.costP90Usd),
        successRate: v.successRate,
        outcomeBasis: v.outcomeBasis,
        waste: v.waste.map((w) => ({ kind: w.kind, usd: presentUsd(w.usd) })),
      })),
    );
    expect((got.comparison as { cost: { pValue: number } }).cost.pValue).toBe(report.comparison!.cost.pValue);
    expect(got.method).toEqual({ seed: report.method.seed, resamples: 2000, alpha: 0.05 });
  });

  it('a version no session ran is a BAD_USER_INPUT error naming the versions seen', async () => {
    const body = await gql('{ skillImpact(skill: "coding", candidate: "v9") { verdict } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/No sessions ran version "v9".*v1/);
  });
});
