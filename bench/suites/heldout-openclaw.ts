// The held-out check on a real OpenClaw history (issue 14) — an OFFLINE PROXY, not a live A/B:
// distil from one sub-agent tree of the volvox-bot "build" agent (tree B, the morning run: the
// interactive parent and its 13 children), then on the other tree (tree A, the afternoon cron run
// and its 7 children: never seen in training) measure what the prune rules target:
//   - addressable spend: the recorded $ of the held-out steps the prunes target (a tool call is
//     charged its share of the model call that requested it; a spawn adds its child tree), as a
//     share of the held-out tree's recorded spend;
//   - false prunes: targeted steps whose output WAS used later (the output-use heuristic over the
//     graph's stored previews, not the full transcript text: labelled as such).
// Outcomes are not recorded in this history: distill uses the inferred ones (and says so).
// Figures are reported, never asserted.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distill } from '../../src/costcraft/distill.ts';
import { targetKey } from '../../src/costcraft/merge.ts';
import { computeStepFacts } from '../../src/costcraft/step-facts.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { skillSessions, stepRows } from '../../src/graph/costcraft.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { redundancyFindings } from '../../src/graph/redundancy.ts';
import { importFiles } from '../../src/ingest/import-files.ts';

const OPENCLAW_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpora', 'openclaw-volvox-bot', 'agents', 'build', 'sessions');
const TRAIN_ROOT = 'openclaw:684637ff-e673-46e4-a1a9-0de622f22f21';
const HELD_ROOT = 'openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b';

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);
const round = (n: number) => Math.round(n * 10000) / 10000;

/** Root of each session's spawn tree (parentSessionId chains). */
async function treeRoots(graph: Graph, projectId: string, ids: string[]): Promise<Map<string, string>> {
  const rows = await graph.read('session/by-ids', { projectId, ids });
  const parent = new Map(rows.map((r) => [String((r.session as Record<string, unknown>).id), (r.session as Record<string, unknown>).parentSessionId as string | null]));
  const rootOf = (id: string): string => {
    let at = id;
    for (let i = 0; i < 50 && parent.get(at); i++) at = parent.get(at)!;
    return at;
  };
  return new Map(ids.map((id) => [id, rootOf(id)]));
}

export async function openclawHeldout(graph: Graph): Promise<Record<string, unknown>> {
  const projectId = `bench-heldout-openclaw-${Date.now()}`;
  await importFiles(graph, { paths: [OPENCLAW_DIR], projectId, pricer: createPricer() });
  const sessions = await skillSessions(graph, projectId, 'build', null, { kind: 'agent', key: 'build' });
  const roots = await treeRoots(graph, projectId, sessions.map((s) => s.id));
  const train = sessions.filter((s) => roots.get(s.id) === TRAIN_ROOT).map((s) => s.id);
  const held = new Set(sessions.filter((s) => roots.get(s.id) === HELD_ROOT).map((s) => s.id));

  const started = Date.now();
  const result = await distill({ skill: 'build-train', sessionIds: train, mode: 'OFFLINE' }, { graph, projectId, runId: `${projectId}-run` });
  const distillMs = Date.now() - started;
  const prunes = result.patches.filter((p) => p.status === 'kept' && p.action === 'prune');

  const heldRows = await stepRows(graph, projectId, [...held]);
  const facts = computeStepFacts(heldRows);
  const rows = new Map(heldRows.map((r) => [r.id, r]));
  const llmSpend = facts.filter((f) => rows.get(f.id)?.kind === 'LLM').reduce((t, f) => t + (f.costUsd ?? 0), 0);
  const steps = facts.filter((f) => ['TOOL', 'SUBAGENT'].includes(rows.get(f.id)?.kind ?? ''));
  const repeats = (await redundancyFindings(graph, projectId, { limit: 10_000 })).filter((f) => held.has(f.sessionId));
  const repeatKind = new Map(repeats.map((f) => [f.spanId, f.kind]));
  const targets = (step: (typeof steps)[number]) =>
    prunes.filter((p) => {
      const target = p.targetCostSink ?? '';
      if (target.startsWith('redundancy:')) return repeatKind.get(step.id) === target.slice('redundancy:'.length);
      return step.signature !== null && targetKey(target) === targetKey(step.signature);
    });
  const targeted = steps.filter((s) => targets(s).length > 0);
  const used = targeted.filter((s) => (s.useScore ?? 0) > 0);
  const addressableUsd = targeted.reduce((t, s) => t + (s.costUsd ?? 0), 0);
  return {
    label: 'offline proxy: rules from one real tree applied to another, spend share and output use measured on the graph, no live re-run',
    split: { trainRoot: TRAIN_ROOT, trainSessions: train.length, heldOutRoot: HELD_ROOT, heldOutSessions: held.size },
    distill: {
      mode: 'OFFLINE',
      ms: distillMs,
      sessions: result.sessions,
      rulesKept: result.patches.filter((p) => p.status === 'kept').length,
      pruneRules: prunes.length,
      labels: result.labels,
    },
    heldOut: {
      toolCalls: steps.length,
      targetedCalls: targeted.length,
      targetedCallsPct: pct(targeted.length, steps.length),
      spendUsd: round(llmSpend),
      addressableUsd: round(addressableUsd),
      addressablePct: pct(addressableUsd, llmSpend),
      addressableNote: "recorded usage.cost; a tool call is charged its share of the model call that requested it, a spawn adds its child tree's total",
      falsePrunes: { targeted: targeted.length, outputWasUsed: used.length, ratePct: pct(used.length, targeted.length), noNewInformation: targeted.filter((s) => s.useScore === null).length },
      falsePruneNote: 'output-use heuristic (token overlap of a result with later arguments and answers) over the stored previews',
      repeatsInHeldOut: repeats.length,
    },
    byRule: prunes.map((p) => {
      const hits = steps.filter((s) => targets(s).includes(p));
      return {
        rule: p.rule.slice(0, 90),
        target: p.targetCostSink,
        heldOutSteps: hits.length,
        addressableUsd: round(hits.reduce((t, s) => t + (s.costUsd ?? 0), 0)),
        falsePrunePct: pct(hits.filter((s) => (s.useScore ?? 0) > 0).length, hits.length),
      };
    }),
  };
}
