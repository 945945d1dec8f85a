// CLAUDE mode end to end: the real SDK against the local Messages API server, on τ-bench in the
// real Neo4j. Admission still applies (an unverified counterfactual is rejected), measured repeats
// are pruned without a model, and a run can be cancelled while it waits on a rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DistillJobs } from '../../src/costcraft/jobs.ts';
import { importTauBatch, readTauBench } from '../../src/costcraft/tau-bench-import.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { corpus } from '../helpers/corpora.ts';
import { reply, startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

const projectId = randomProjectId('costcraft-claude');
let graph: Graph;
let fake: FakeAnthropic;

beforeAll(async () => {
  graph = await connectTestGraph();
  fake = await startFakeAnthropic();
  await importTauBatch(graph, projectId, readTauBench(corpus('tau-bench', 'gpt-4o-airline.json')), createPricer());
});
afterAll(async () => {
  await fake?.close();
  await graph?.close();
});

const claude = (maxDelayMs = 20) => ({
  apiKey: 'test-key',
  baseURL: fake.url,
  model: 'claude-test',
  maxSuccessSessions: 1,
  maxFailureSessions: 1,
  concurrency: 1,
  retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs },
});

describe('CLAUDE distill', () => {
  it('admits verified analyst patches, rejects an unverified counterfactual, stores the version', async () => {
    fake.script(
      reply.rateLimited(0),
      reply.tool('final_patch', {
        patches: [
          { action: 'preserve', rule: 'Read the reservation before changing it.', section: 'Workflow', targetCostSink: 'get_reservation_details(reservation_id)', evidenceIds: ['preserve:step:get_reservation_details(reservation_id)'], confidence: 0.8 },
          { action: 'prune', rule: 'Skip the think tool.', section: 'Cost control', targetCostSink: 'think(thought)', evidenceIds: ['cross-trajectory:think(thought)'], counterfactual: 'succeeded without it in 7 of 9 sessions', confidence: 0.7 },
        ],
      }),
      reply.tool('inspect_mismatches', {}),
      reply.serverError(),
      reply.tool('final_patch', {
        patches: [
          { action: 'repair', rule: 'Cancel a reservation only when the user asks for that exact reservation and confirms.', rootCause: 'unrequested cancellations', section: 'Stop rules', targetCostSink: 'cancel_reservation', evidenceIds: ['repair:unexpected_action:cancel_reservation:'], confidence: 0.8 },
        ],
      }),
    );
    const jobs = new DistillJobs(graph, { claude: claude() });
    const started = await jobs.start(projectId, { skill: 'tau-airline', mode: 'CLAUDE' });
    const run = await jobs.wait(projectId, started.id);
    expect(run?.status).toBe('SUCCEEDED');
    const r = run!.result!;
    expect(r.mode).toBe('CLAUDE');
    const claudeRuns = r.analyses.filter((a) => a.label === 'CLAUDE');
    expect(claudeRuns.map((a) => [a.analyst, a.status])).toEqual([['success', 'ok'], ['error', 'ok']]);
    expect(claudeRuns[0]!.retries.rateLimited).toBe(1);
    expect(claudeRuns[1]!.retries.serverErrors).toBe(1);
    expect(r.rejected).toEqual([expect.objectContaining({ analyst: 'CLAUDE', reason: expect.stringMatching(/unverified counterfactual.*7 of 9/) })]);
    const kept = r.patches.filter((p) => p.status === 'kept');
    expect(kept.filter((p) => p.analyst === 'CLAUDE').map((p) => p.action).sort()).toEqual(['preserve', 'repair']);
    expect(kept.some((p) => p.analyst === 'OFFLINE' && p.action === 'prune')).toBe(true);
    expect(r.skillMd).toContain('Cancel a reservation only when the user asks');
    expect(r.skillMd).toContain('CLAUDE analysts');
    expect(fake.remaining()).toBe(0);
  });

  it('can be cancelled while it waits on a rate limit', async () => {
    fake.script(reply.rateLimited(60));
    const jobs = new DistillJobs(graph, { claude: claude(60_000) });
    const started = await jobs.start(projectId, { skill: 'tau-airline', mode: 'CLAUDE' });
    const before = fake.requests.length;
    for (let i = 0; i < 300 && fake.requests.length === before; i++) await new Promise((r) => setTimeout(r, 50));
    const cancelled = await jobs.cancel(projectId, started.id);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', error: 'cancelled' });
    expect((await jobs.get(projectId, started.id))?.status).toBe('CANCELLED');
  });
});
