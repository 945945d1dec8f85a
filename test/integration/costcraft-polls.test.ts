// Issue 14 on a session that busy-polls a background process: CostCraft must call it a poll loop
// (back off / block), never tell the agent to "reuse the earlier result" of a poll, and must not
// count the polls' outputs as unused: each one decided the next turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineDrafts } from '../../src/costcraft/analysts/offline.ts';
import { gatherEvidence } from '../../src/costcraft/evidence.ts';
import type { EvidenceSet } from '../../src/costcraft/evidence-types.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { redundancyFindings } from '../../src/graph/redundancy.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { llmCall, sessionIdOf, sessionWith, toolCall } from '../helpers/factories.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

const STILL = '(no new output)\n\nProcess still running.';
const projectId = randomProjectId('costcraft-polls');
let graph: Graph;
let evidence: EvidenceSet;

beforeAll(async () => {
  graph = await connectTestGraph();
  const poll = (result: string) => toolCall('process', { action: 'poll', sessionId: 'build-7', timeout: 10000 }, { result });
  const session = sessionWith({ name: 'builder' }, [
    llmCall({ costUsd: 0.05, calls: [toolCall('exec', { command: 'pnpm build', yieldMs: 1000 }, { result: 'Command still running (session build-7, pid 4242).' })] }),
    ...Array.from({ length: 29 }, () => llmCall({ costUsd: 0.05, text: 'Still building, waiting.', calls: [poll(STILL)] })),
    llmCall({ costUsd: 0.05, calls: [poll('dist/index.js 120 kB\nProcess exited with code 0.')] }),
    llmCall({ costUsd: 0.05, text: 'The build passed.' }),
  ]);
  await ingestBatch(graph, projectId, session, createPricer());
  evidence = await gatherEvidence(graph, projectId, 'build', [sessionIdOf('builder')]);
});
afterAll(async () => graph?.close());

describe('CostCraft on a busy-polling session', () => {
  it('finds a poll loop: every poll after the first, charged the turn spent waiting', async () => {
    const findings = await redundancyFindings(graph, projectId, { limit: 100 });
    expect(findings.map((f) => f.kind)).toEqual(Array(29).fill('poll_loop'));
    expect(findings.every((f) => f.wastedUsd === 0.05)).toBe(true);
  });

  it('counts the polls as used (each decided the next step): no unused-output evidence for them', () => {
    expect(evidence.items.filter((i) => i.kind === 'unused_output' && i.toolName === 'process')).toEqual([]);
  });

  it('advises backing off or a blocking wait, and never to reuse the result', () => {
    const drafts = offlineDrafts(evidence);
    const poll = drafts.find((d) => d.targetCostSink === 'redundancy:poll_loop');
    expect(poll?.rule).toMatch(/back off, or use a blocking wait or a completion notification/);
    expect(drafts.map((d) => `${d.rule} ${d.counterfactual ?? ''}`).join('\n')).not.toMatch(/reuse|already in (the same )?context/i);
  });
});
