// The held-out check (issue 6, the product's headline figure): distil from a training split of the
// τ-bench sessions (OFFLINE, deterministic), then on the held-out split — tasks never seen in
// training — measure what the prune rules target:
//   - addressable waste: the share of the held-out spend that the targeted steps account for;
//   - false prunes: how often a targeted step's output WAS used later (measured on the full raw
//     transcript, not the graph's previews: novel values of its result reappearing in later
//     assistant text or call arguments; the same heuristic as output-use, over full text).
// τ-bench records no token usage: tokens are estimated with gpt-4o's tokenizer (labelled
// estimated; system prompt and tool schemas are not in the file, so they under-count). A step's
// share of the spend is measured as context volume — the characters it adds to the conversation
// times the model calls that re-read them (chat APIs resend the whole history) — and turned into
// $ as that share of the held-out LLM spend.
// Figures are reported, never asserted.
import { distill } from '../../src/costcraft/distill.ts';
import { openclawHeldout } from './heldout-openclaw.ts';
import { targetKey } from '../../src/costcraft/merge.ts';
import { scoreOutputUse, type StepText } from '../../src/costcraft/output-use.ts';
import { importTauBatch, readTauBench } from '../../src/costcraft/tau-bench-import.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { parseArgs, isRecord } from '../../src/domain/canonical/canonical-json.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { costRollup } from '../../src/graph/rollups.ts';
import { gpt4oTokenCounter } from '../../src/sources/tau-bench/tokenizer.ts';
import { redundancyFindings } from '../../src/graph/redundancy.ts';
import type { TauBenchBatch } from '../../src/sources/tau-bench/index.ts';
import type { SuiteResult } from '../harness.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The corpora live beside the project (../shared/corpora) and are read in place. */
const TAU_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpora', 'tau-bench', 'gpt-4o-airline.json');
/** Held-out = every fifth task (ids 4, 9, 14, ...): 10 tasks × 4 trials never seen in training. */
const isHeldOut = (taskId: number) => taskId % 5 === 4;
const taskOf = (sessionId: string) => Number(sessionId.split(':')[1]);

interface HeldStep {
  spanId: string;
  sessionId: string;
  signature: string;
  /** Characters added to the context (arguments + result) × model calls that re-read them, + args as output. */
  volume: number;
  useScore: number | null;
}

function signatureOf(tool: string, args: unknown): string {
  return `${tool}(${isRecord(args) ? Object.keys(args).sort().join(',') : ''})`;
}

/** Tool steps of the held-out sessions with their context volume and full-text output use. */
function heldOutSteps(batch: TauBenchBatch, sessions: Set<string>): { steps: HeldStep[]; totalVolume: number } {
  const steps: HeldStep[] = [];
  let totalVolume = 0;
  for (const session of batch.sessions.filter((s) => sessions.has(s.id))) {
    const spans = batch.spans.filter((s) => s.sessionId === session.id).sort((a, b) => a.seq - b.seq);
    const llmSeqs = spans.filter((s) => s.kind === 'LLM').map((s) => s.seq);
    const laterCalls = (seq: number) => llmSeqs.filter((x) => x > seq).length;
    const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    // Context volume of the session: every span's text is re-read by each later model call.
    for (const s of spans) totalVolume += (text(s.args).length + text(s.result).length) * laterCalls(s.seq) + (s.kind === 'LLM' ? text(s.result).length : text(s.args).length);
    const fullText: StepText[] = spans.map((s) => ({ id: s.id, kind: s.kind, args: s.kind === 'LLM' ? null : text(s.args), result: text(s.result), text: s.kind === 'LLM' ? text(s.result) : null }));
    const use = new Map(scoreOutputUse(fullText).map((u) => [u.id, u.score]));
    for (const s of spans.filter((x) => x.kind === 'TOOL')) {
      steps.push({
        spanId: s.id,
        sessionId: session.id,
        signature: signatureOf(s.toolName ?? s.name, parseArgs(s.args)),
        volume: (text(s.args).length + text(s.result).length) * laterCalls(s.seq) + text(s.args).length,
        useScore: use.get(s.id) ?? null,
      });
    }
  }
  return { steps, totalVolume };
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

export async function heldoutSuite(graph: Graph): Promise<SuiteResult> {
  const projectId = `bench-heldout-${Date.now()}`;
  const batch = readTauBench(TAU_FILE, { countTokens: gpt4oTokenCounter() });
  const train = new Set(batch.sessions.filter((s) => !isHeldOut(taskOf(s.id))).map((s) => s.id));
  const held = new Set(batch.sessions.filter((s) => isHeldOut(taskOf(s.id))).map((s) => s.id));
  // Both splits are in the graph (redundancy detection runs on ingest), but only the training
  // sessions are distilled.
  await importTauBatch(graph, projectId, batch, createPricer());
  const started = Date.now();
  const result = await distill({ skill: 'tau-airline', sessionIds: [...train], mode: 'OFFLINE' }, { graph, projectId, runId: `${projectId}-run` });
  const distillMs = Date.now() - started;
  const prunes = result.patches.filter((p) => p.status === 'kept' && p.action === 'prune');

  const { steps, totalVolume } = heldOutSteps(batch, held);
  const repeats = (await redundancyFindings(graph, projectId, { limit: 10_000 })).filter((f) => held.has(f.sessionId));
  const repeatKind = new Map(repeats.map((f) => [f.spanId, f.kind]));
  const targets = (step: HeldStep) =>
    prunes.filter((p) => {
      const target = p.targetCostSink ?? '';
      if (target.startsWith('redundancy:')) return repeatKind.get(step.spanId) === target.slice('redundancy:'.length);
      return targetKey(target) === targetKey(step.signature);
    });
  const targeted = steps.filter((s) => targets(s).length > 0);
  const measured = targeted.filter((s) => s.useScore !== null);
  const used = measured.filter((s) => (s.useScore ?? 0) > 0);
  const addressableVolume = targeted.reduce((t, s) => t + s.volume, 0);
  const heldOutSpendUsd = (await costRollup(graph, projectId, ['source'], { sessionIds: [...held] })).reduce((t, r) => t + r.costUsd, 0);
  const addressableUsd = totalVolume > 0 ? (heldOutSpendUsd * addressableVolume) / totalVolume : 0;
  const byRule = prunes.map((p) => {
    const hits = steps.filter((s) => targets(s).includes(p));
    const hitMeasured = hits.filter((s) => s.useScore !== null);
    return {
      rule: p.rule.slice(0, 90),
      target: p.targetCostSink,
      evidence: p.evidenceIds.length,
      heldOutSteps: hits.length,
      volumePct: pct(hits.reduce((t, s) => t + s.volume, 0), totalVolume),
      falsePrunePct: pct(hitMeasured.filter((s) => (s.useScore ?? 0) > 0).length, hits.length),
    };
  });
  return {
    split: {
      trainSessions: train.size,
      heldOutSessions: held.size,
      heldOutTasks: [...new Set([...held].map(taskOf))].sort((a, b) => a - b),
    },
    distill: { mode: 'OFFLINE', ms: distillMs, rulesKept: result.patches.filter((p) => p.status === 'kept').length, pruneRules: prunes.length, skillTokens: result.tokens },
    heldOut: {
      toolCalls: steps.length,
      targetedCalls: targeted.length,
      targetedCallsPct: pct(targeted.length, steps.length),
      heldOutSpendUsd: Math.round(heldOutSpendUsd * 10000) / 10000,
      addressableUsd: Math.round(addressableUsd * 10000) / 10000,
      addressableUsdNote: 'estimated: gpt-4o tokenizer counts of the transcript text (no usage recorded), spend share by context volume',
      contextVolume: totalVolume,
      addressableVolume,
      addressableVolumePct: pct(addressableVolume, totalVolume),
      // A step whose result added nothing new (an acknowledgement, the same error again) cannot
      // have been used: it counts as targeted and not used; `noNewInformation` says how many.
      falsePrunes: { targeted: targeted.length, outputWasUsed: used.length, ratePct: pct(used.length, targeted.length), noNewInformation: targeted.length - measured.length },
      repeatsInHeldOut: repeats.length,
    },
    byRule,
    // The same check on a real OpenClaw history (no recorded outcomes: inferred ones), an offline proxy.
    openclaw: await openclawHeldout(graph),
  };
}
