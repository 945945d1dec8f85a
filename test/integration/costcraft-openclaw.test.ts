// CostCraft on the OpenClaw corpus: the prune candidates include the repeated tool calls that
// redundancy detection found, with their wasted $, and the OFFLINE distill turns them into
// evidenced prunes citing those spans.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherEvidence } from '../../src/costcraft/evidence.ts';
import type { EvidenceSet } from '../../src/costcraft/evidence-types.ts';
import { DistillJobs } from '../../src/costcraft/jobs.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { runPatches } from '../../src/graph/costcraft.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { redundancyFindings, type RedundancyFinding } from '../../src/graph/redundancy.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

const SESSIONS_DIR = corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions');
const projectId = randomProjectId('costcraft-openclaw');
let graph: Graph;
let sessionIds: string[];
let evidence: EvidenceSet;
let findings: RedundancyFinding[];

beforeAll(async () => {
  graph = await connectTestGraph();
  const report = await importFiles(graph, { paths: [SESSIONS_DIR], projectId, pricer: createPricer() });
  sessionIds = report.sessionIds;
  findings = await redundancyFindings(graph, projectId, { limit: 10_000 });
  evidence = await gatherEvidence(graph, projectId, 'openclaw-build', sessionIds);
});
afterAll(async () => graph?.close());

describe('OpenClaw prune candidates', () => {
  it('include every repeated tool call found by redundancy detection, with its wasted $', () => {
    const toolFindings = findings.filter((f) => ['exact_duplicate', 'reread', 'failed_retry', 'poll_loop', 'handoff'].includes(f.kind));
    expect(toolFindings.length).toBeGreaterThan(10);
    const items = evidence.items.filter((i) => i.kind === 'redundancy');
    const cited = new Set(items.flatMap((i) => i.spanIds));
    expect(toolFindings.every((f) => cited.has(f.spanId) && cited.has(f.repeatsSpanId))).toBe(true);
    const wasted = (fs: RedundancyFinding[]) => fs.reduce((t, f) => t + (f.wastedUsd ?? 0), 0);
    const itemWaste = items.filter((i) => i.detail.repeatKind !== 'repeated_llm_request' && i.detail.repeatKind !== 'duplicate_subagent');
    expect(itemWaste.reduce((t, i) => t + (i.costUsd ?? 0), 0)).toBeCloseTo(wasted(toolFindings), 6);
    expect(wasted(toolFindings)).toBeGreaterThan(0);
    expect(itemWaste.some((i) => /wasted \$\d/.test(i.summary))).toBe(true);
  });

  it('OFFLINE distill prunes the repeats, citing the repeated spans', async () => {
    const jobs = new DistillJobs(graph);
    const started = await jobs.start(projectId, { skill: 'openclaw-build', sessionIds, mode: 'OFFLINE' });
    const run = await jobs.wait(projectId, started.id);
    expect(run?.status).toBe('SUCCEEDED');
    const stored = await runPatches(graph, projectId, started.id);
    const repeatPrunes = stored.filter((p) => p.props.action === 'prune' && String(p.props.targetCostSink).startsWith('redundancy:'));
    expect(repeatPrunes.length).toBeGreaterThan(0);
    const citedSpans = new Set(repeatPrunes.flatMap((p) => p.cites.filter((c) => c.label === 'Span').map((c) => c.id)));
    expect(findings.filter((f) => f.kind === 'poll_loop' || f.kind === 'handoff').every((f) => citedSpans.has(f.spanId))).toBe(true);
    // Each kind gets its own remedy (issue 14): the cron check re-run every 15 minutes is a poll
    // loop (back off, block or get notified), sub-agents re-reading CODING.md is a hand-off (pass
    // it in the spawn task); nothing here tells the agent to "reuse the earlier result" of a poll.
    const rule = (kind: string) => String(repeatPrunes.find((p) => p.props.targetCostSink === `redundancy:${kind}`)?.props.rule);
    expect(rule('poll_loop')).toMatch(/back off.*blocking wait/);
    expect(rule('handoff')).toMatch(/in the spawn task/);
    const skillMd = run!.result!.skillMd;
    expect(skillMd).not.toMatch(/reuse the earlier result/);
  });
});
