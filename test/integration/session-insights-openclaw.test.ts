// Issue 14, skills / cohorts / outcomes on a real OpenClaw history (no skill tags, no outcomes):
// the import detects the agent and recurring-task cohorts and infers each session's outcome from its
// own evidence; a recorded outcome overrides the inferred one; and `distill` over the GraphQL API
// with NO session list (a cohort) writes a SKILL.md with all five sections filled, whose prunes cite
// spans that, re-queried, show what the prune claims.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { listCohorts } from '../../src/graph/cohorts.ts';
import { skillSessions } from '../../src/graph/costcraft.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { recordOutcome } from '../../src/graph/outcomes.ts';
import { refreshSessionInsights } from '../../src/graph/session-insights.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';
import { gql, ok } from './graphql-client.ts';

const SESSIONS_DIR = corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions');
const BLOCKED = 'openclaw:f87d6cdc-35ad-41ec-be94-15c89682f4b1'; // "Blocked update for PR #75 Batch 2/6"
const COMPLETED = 'openclaw:44a8ea4c-f42f-48e6-834a-ebe98b91399c'; // "Completed ✅ — scoped only to…"
const CRON = 'cron:8b380d56-7314-4ba9-b4c4-ea11d3e5ca6f';
const projectId = randomProjectId('insights-openclaw');
let graph: Graph;
let server: RunningServer;

beforeAll(async () => {
  graph = await connectTestGraph();
  await importFiles(graph, { paths: [SESSIONS_DIR], projectId, pricer: createPricer() });
  server = await startTestServer(graph, projectId);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

interface InferredView {
  result: string;
  confidence: number;
  evidence: Array<{ kind: string; spanId: string | null; detail: string }>;
}

async function inferredOf(id: string): Promise<InferredView | null> {
  const data = ok(await gql<{ session: { outcome: string | null; inferredOutcome: InferredView | null } }>(server.url, `query($id: ID!) { session(id: $id) { outcome inferredOutcome { result confidence evidence { kind spanId detail } } } }`, { id }));
  return data.session.inferredOutcome;
}

describe('cohorts of a real OpenClaw history', () => {
  it('lists the agent and the cron job with session counts and spend, and shared prompt templates', async () => {
    const cohorts = await listCohorts(graph, projectId, null, 50);
    const agent = cohorts.find((c) => c.kind === 'agent' && c.key === 'build');
    expect(agent?.sessions).toBe(22);
    expect(agent?.costUsd).toBeCloseTo(37.0146, 3);
    const cron = cohorts.find((c) => c.kind === 'task' && c.key === CRON);
    expect(cron?.name).toBe('PR Review Patrol (High Frequency)');
    expect(cron?.detectedBy).toEqual(['cron_job']);
    // Both parents ran the cron prompt; the 20 sub-agents they spawned did its work.
    expect(cron?.sessions).toBe(22);
    const templates = cohorts.filter((c) => c.detectedBy.includes('prompt_template'));
    expect(templates.map((t) => t.name)).toContain('PR ## Batch Worker #/#');
    expect(templates.every((t) => t.sessions >= 2)).toBe(true);
    // No session of this history read a SKILL.md file: no skill is invented.
    expect(cohorts.filter((c) => c.kind === 'skill')).toEqual([]);
  });
});

describe('inferred outcomes', () => {
  it('judge a session by its closing message, citing the span that says so', async () => {
    const blocked = await inferredOf(BLOCKED);
    expect(blocked?.result).toBe('FAILURE');
    const closing = blocked!.evidence.find((e) => e.kind === 'closing_message')!;
    expect(closing.detail).toMatch(/Blocked update/);
    const [span] = await graph.read('session/spans-by-ids', { projectId, ids: [closing.spanId] });
    expect(String((span!.span as Record<string, unknown>).textPreview)).toMatch(/^Blocked update/);
    const done = await inferredOf(COMPLETED);
    expect(done?.result).toBe('SUCCESS');
    expect(done!.confidence).toBeGreaterThan(0);
    expect(done!.confidence).toBeLessThan(1);
  });

  it('a recorded outcome overrides the inferred one, also after the insights are refreshed', async () => {
    await recordOutcome(graph, projectId, { sessionId: BLOCKED, result: 'success', evaluator: 'test' });
    await refreshSessionInsights(graph, projectId, [BLOCKED]);
    const [row] = await skillSessions(graph, projectId, 'x', [BLOCKED]);
    expect(row).toMatchObject({ outcome: 'success', outcomeSource: 'recorded' });
    const [other] = await skillSessions(graph, projectId, 'x', [COMPLETED]);
    expect(other).toMatchObject({ outcome: 'success', outcomeSource: 'inferred' });
  });
});

describe('distill on a cohort, with no session list', () => {
  it('the GraphQL distill mutation writes a SKILL.md with all five sections, prunes cite spans that show their evidence', async () => {
    const cohorts = ok(await gql<{ cohorts: Array<{ kind: string; key: string; sessions: number; costUsd: number }> }>(server.url, `{ cohorts(kind: AGENT) { kind key sessions costUsd } }`));
    expect(cohorts.cohorts).toEqual([expect.objectContaining({ kind: 'AGENT', key: 'build', sessions: 22 })]);
    const started = ok(
      await gql<{ distill: { run: { id: string; skill: string } } }>(server.url, `mutation($input: DistillInput!) { distill(input: $input) { run { id skill } } }`, {
        input: { cohort: { kind: 'AGENT', key: 'build' }, mode: 'OFFLINE' },
      }),
    );
    expect(started.distill.run.skill).toBe('build');
    type Run = { status: string; result: { skillMd: string; labels: string[]; sessions: { total: number; inferred: number } } | null; patches: Array<{ action: string; status: string; targetCostSink: string | null; notes: string[]; cites: Array<{ id: string; kind: string }> }> };
    let run: Run | null = null;
    for (let i = 0; i < 600 && !['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run?.status ?? ''); i++) {
      if (i) await new Promise((r) => setTimeout(r, 200));
      run = ok(await gql<{ distillRun: Run }>(server.url, `query($id: ID!) { distillRun(id: $id) { status result patches { action status targetCostSink notes cites { id kind } } } }`, { id: started.distill.run.id })).distillRun;
    }
    expect(run?.status).toBe('SUCCEEDED');
    const md = run!.result!.skillMd;
    for (const section of ['Trigger', 'Workflow', 'Stop rules', 'Artifact checklist', 'Cost control']) {
      const body = md.split(`## ${section}\n`)[1]?.split('\n## ')[0] ?? '';
      expect(body, `section ${section}`).toMatch(/^- /m);
    }
    expect(run!.result!.sessions.total).toBe(22);
    expect(run!.result!.labels.some((l) => /outcomes inferred for \d+ of 22 sessions/.test(l))).toBe(true);
    expect(md).toMatch(/outcomes inferred/);
    // Each rule that rests on outcomes says in its provenance that they were inferred.
    const preserves = run!.patches.filter((p) => p.action === 'PRESERVE' && p.status === 'kept');
    expect(preserves.length).toBeGreaterThan(0);
    for (const p of preserves) expect(p.notes.join(' ')).toMatch(/outcome inferred \(none recorded\) for \d+ of its \d+ sessions/);

    // A prune of a repeat cites the calls involved; re-queried, they are calls of one tool with the
    // same canonical arguments (what "repeated" claims), and for a failed retry each one failed.
    // (On this history the repeats are poll loops and hand-offs, see the labelled sample.)
    const repeatPrunes = run!.patches.filter((p) => p.action === 'PRUNE' && p.status === 'kept' && /^redundancy:/.test(p.targetCostSink ?? ''));
    expect(repeatPrunes.length).toBeGreaterThan(0);
    for (const prune of repeatPrunes) {
      const ids = prune.cites.filter((c) => c.kind === 'Span').map((c) => c.id);
      const spans = (await graph.read('session/spans-by-ids', { projectId, ids })).map((r) => r.span as Record<string, unknown>);
      expect(spans.length).toBe(ids.length);
      const groups = new Map<string, Array<Record<string, unknown>>>();
      // Repeats of one call: the same tool on the same resource (a poll's or a read's target), or
      // with the same canonical arguments when it names no resource.
      const key = (s: Record<string, unknown>) => `${String(s.toolName)}|${String(s.resource ?? s.argsHash)}`;
      for (const s of spans) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
      expect([...groups.values()].some((g) => g.length >= 2)).toBe(true);
      if (prune.targetCostSink === 'redundancy:failed_retry') expect(spans.every((s) => s.status === 'error')).toBe(true);
    }
  });
});
