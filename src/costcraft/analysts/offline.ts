// The OFFLINE analyst: deterministic templates over the same evidence the Claude analysts see.
// Same evidence → same drafts, byte for byte. Every draft is labelled OFFLINE, cites its evidence
// by id, and states only numbers taken from that evidence (so admission's claim check passes by
// construction, and would catch a template bug).
import type { EvidenceItem, EvidenceSet, SupportCount } from '../evidence-types.ts';
import type { PatchDraftInput } from '../patch.ts';
import { clipWords } from '../quote.ts';
import { redundancyRemedy } from '../remedies.ts';
import { inferredRepairText } from './inferred-repairs.ts';
import { noRetries, type AnalysisReport } from './types.ts';

/** Thresholds, chosen to keep rules that rest on several sessions and a clear majority. */
export const OFFLINE_THRESHOLDS = {
  /** Cross-trajectory: at least this many successful sessions went without the step... */
  crossMinSupport: 3,
  /** ...and at least this share of the comparable successful sessions. */
  crossMinShare: 1 / 3,
  /** Unused output: at least this many unused calls, and this share of the measured calls. */
  unusedMinSupport: 3,
  unusedMinShare: 0.5,
  /**
   * Never prune a step that goes with success: P(success | used) above the base rate by more than
   * this (e.g. transferring to a human when policy requires it).
   */
  successLiftGuard: 0.1,
  /**
   * Cross-trajectory: a step whose output was used downstream in at least this share of the calls
   * where it could be measured is needed when it is made; "some tasks do without it" does not make
   * it prunable (the held-out check showed such prunes hitting used outputs).
   */
  crossMaxUsedShare: 0.5,
  crossMinMeasured: 3,
  preserveMaxSteps: 4,
  preserveMaxSequences: 3,
  preserveMinShare: 0.25,
  repairMinSupport: 2,
  repairMax: 8,
} as const;

const code = (s: string | null) => `\`${s ?? '?'}\``;
const usd = (n: number | null) => (n === null ? 'cost unpriced' : `$${n.toFixed(4)}`);
const first = (item: EvidenceItem): SupportCount => item.counts[0] ?? { k: 0, n: 0, what: '' };

interface Rates {
  baseRate: number;
  byTarget: Map<string, number>;
}

/** P(success | step used) per signature, from cross-trajectory counts; and the base success rate. */
function successRates(set: EvidenceSet): Rates {
  const wins = set.sessions.filter((s) => s.outcome === 'success').length;
  const judged = set.sessions.filter((s) => s.outcome !== null).length;
  const byTarget = new Map<string, number>();
  for (const item of set.items.filter((i) => i.kind === 'cross_trajectory' || i.kind === 'preserve')) {
    const used = item.counts.find((c) => c.what.startsWith('successful sessions that used') || c.what.startsWith('successful sessions with'));
    const failed = item.counts.find((c) => c.what.startsWith('failed sessions'));
    if (!used || !failed || !item.target || used.k + failed.k === 0) continue;
    byTarget.set(item.target, used.k / (used.k + failed.k));
  }
  return { baseRate: judged ? wins / judged : 0, byTarget };
}

function goesWithSuccess(target: string | null, rates: Rates): boolean {
  if (!target) return false;
  const rate = rates.byTarget.get(target);
  return rate !== undefined && rate > rates.baseRate + OFFLINE_THRESHOLDS.successLiftGuard;
}

/** Measured repeats: one rule per kind of repeat, citing every finding of that kind, with that kind's remedy. */
export function redundancyDrafts(set: EvidenceSet): PatchDraftInput[] {
  const byKind = new Map<string, EvidenceItem[]>();
  for (const item of set.items.filter((i) => i.kind === 'redundancy')) {
    const kind = String(item.detail.repeatKind);
    byKind.set(kind, [...(byKind.get(kind) ?? []), item]);
  }
  const drafts: PatchDraftInput[] = [];
  for (const [kind, items] of [...byKind.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const calls = items.reduce((n, i) => n + Number(i.detail.calls ?? 0), 0);
    const priced = items.filter((i) => i.costUsd !== null);
    const wasted = priced.length ? priced.reduce((t, i) => t + (i.costUsd ?? 0), 0) : null;
    const tools = [...new Set(items.map((i) => i.toolName ?? i.target))].slice(0, 3).map(code).join(', ');
    // A hand-off names what was read again (files, not tools): that is what to pass along.
    const files = [...new Set(items.flatMap((i) => String(i.detail.resources ?? '').split('|')))]
      .filter((r) => r && !r.includes(' '))
      .map((r) => r.slice(r.lastIndexOf('/') + 1))
      .filter(Boolean);
    const what = kind === 'handoff' && files.length ? [...new Set(files)].slice(0, 3).map(code).join(', ') : tools;
    // The advice follows the kind: reuse, change-or-stop, wait, or pass it along (remedies.ts).
    const remedy = redundancyRemedy(kind);
    drafts.push({
      action: 'prune',
      rule: remedy.rule(what),
      rootCause: `${calls} ${kind} repeat(s) found by redundancy detection: ${remedy.what}`,
      targetCostSink: `redundancy:${kind}`,
      section: remedy.section,
      evidenceIds: items.map((i) => i.id),
      counterfactual: remedy.counterfactual(calls, usd(wasted)),
      confidence: 0.9,
    });
  }
  return drafts;
}

function crossTrajectoryDrafts(set: EvidenceSet, rates: Rates): PatchDraftInput[] {
  const t = OFFLINE_THRESHOLDS;
  return set.items
    .filter((i) => i.kind === 'cross_trajectory')
    .filter((i) => {
      const c = first(i);
      const use = i.counts.find((x) => x.what.startsWith('measured calls'));
      const outputUsed = use !== undefined && use.n >= t.crossMinMeasured && use.k / use.n >= t.crossMaxUsedShare;
      return c.n > 0 && c.k >= t.crossMinSupport && c.k / c.n >= t.crossMinShare && !goesWithSuccess(i.target, rates) && !outputUsed;
    })
    .map((i) => {
      const c = first(i);
      const unused = set.items.find((u) => u.kind === 'unused_output' && u.target === i.target);
      return {
        action: 'prune',
        rule: `Call ${code(i.target)} only when the task needs its result: the same tasks succeeded without it in ${c.k} of ${c.n} successful sessions.`,
        rootCause: `${Number(i.detail.calls ?? 0)} calls of ${i.target} (${usd(i.costUsd)}) where comparable successful sessions did without`,
        targetCostSink: i.target,
        section: 'Cost control',
        evidenceIds: [i.id, ...(unused ? [unused.id] : [])],
        counterfactual: `succeeded without it in ${c.k} of ${c.n} sessions`,
        confidence: Math.round((c.k / c.n) * 0.8 * 100) / 100,
      } satisfies PatchDraftInput;
    });
}

function unusedOutputDrafts(set: EvidenceSet, rates: Rates): PatchDraftInput[] {
  const t = OFFLINE_THRESHOLDS;
  return set.items
    .filter((i) => i.kind === 'unused_output')
    .filter((i) => {
      const c = first(i);
      return c.n > 0 && c.k >= t.unusedMinSupport && c.k / c.n >= t.unusedMinShare && !goesWithSuccess(i.target, rates);
    })
    .map((i) => {
      const c = first(i);
      return {
        action: 'prune',
        rule: `Before calling ${code(i.target)}, know what you will use from its result: in ${c.k} of ${c.n} calls its output was never used (overlap heuristic).`,
        rootCause: `outputs of ${i.target} did not reappear in later arguments or answers`,
        targetCostSink: i.target,
        section: 'Cost control',
        evidenceIds: [i.id],
        counterfactual: `output unused in ${c.k} of ${c.n} calls`,
        confidence: Math.round((c.k / c.n) * 0.5 * 100) / 100,
      } satisfies PatchDraftInput;
    });
}

function unusedSubagentDrafts(set: EvidenceSet): PatchDraftInput[] {
  return set.items
    .filter((i) => i.kind === 'unused_subagent')
    .map((i) => ({
      action: 'prune',
      rule: `Do not delegate "${clipWords(String(i.detail.task ?? ''), 80)}" to a sub-agent unless its answer feeds the next step (its result went unused).`,
      rootCause: `sub-agent result unused by the parent (use score ${String(i.detail.useScore)})`,
      targetCostSink: i.target,
      section: 'Cost control',
      evidenceIds: [i.id],
      counterfactual: null,
      confidence: 0.5,
    }));
}

function preserveDrafts(set: EvidenceSet, rates: Rates): PatchDraftInput[] {
  const t = OFFLINE_THRESHOLDS;
  const eligible = set.items.filter((i) => {
    const c = first(i);
    const rate = i.target ? rates.byTarget.get(i.target) : undefined;
    return i.kind === 'preserve' && c.n > 0 && c.k >= 2 && c.k / c.n >= t.preserveMinShare && (rate === undefined || rate >= rates.baseRate);
  });
  const pick = (kind: string, max: number) => eligible.filter((i) => i.detail.patternKind === kind).slice(0, max);
  return [...pick('step', t.preserveMaxSteps), ...pick('sequence', t.preserveMaxSequences)].map((i) => {
    const c = first(i);
    const failed = i.counts[1];
    const sequence = i.detail.patternKind === 'sequence';
    const [a, b] = (i.target ?? '').split(' -> ');
    return {
      action: 'preserve',
      rule: sequence
        ? `After ${code(a ?? null)}, go on with ${code(b ?? null)} (${c.k} of ${c.n} successful sessions).`
        : `Keep ${code(i.target)} where the task calls for it (${c.k} of ${c.n} successful sessions${failed ? `, ${failed.k} of ${failed.n} failed` : ''}).`,
      rootCause: null,
      targetCostSink: i.target,
      section: 'Workflow',
      evidenceIds: [i.id],
      sourceSessions: i.sessionIds,
      counterfactual: null,
      confidence: Math.round((c.k / c.n) * 100) / 100,
    } satisfies PatchDraftInput;
  });
}

function repairDrafts(set: EvidenceSet): PatchDraftInput[] {
  const t = OFFLINE_THRESHOLDS;
  return set.items
    .filter((i) => i.kind === 'repair' && first(i).k >= t.repairMinSupport)
    .sort((a, b) => first(b).k - first(a).k || (a.id < b.id ? -1 : 1))
    .slice(0, t.repairMax)
    .map((i) => {
      const c = first(i);
      const tool = code(i.toolName);
      const fields = String(i.detail.fields ?? '');
      const seen = `${c.k} of ${c.n} failed sessions`;
      const byKind: Record<string, [string, string, PatchDraftInput['section']]> = {
        args_differ: [
          `Before calling ${tool}, check ${fields.split(',').map((f) => `\`${f}\``).join(', ')} against the user's request and the records read; they were wrong in ${seen}.`,
          `${i.toolName} called with ${fields} different from the expected action (expected ${String(i.detail.expected)}, got ${String(i.detail.actual)})`,
          'Artifact checklist',
        ],
        missing_action: [
          `Finish with the ${tool} the request requires before ending the conversation; it was never made in ${seen}.`,
          `the expected ${i.toolName} was never called`,
          'Workflow',
        ],
        unexpected_action: [
          `Do not call ${tool} unless the user asked for exactly that and confirmed; unrequested calls broke ${seen}.`,
          `${i.toolName} was called although the expected actions do not contain it`,
          'Stop rules',
        ],
        missing_output: [
          `State the requested figures explicitly in the final answer; an expected answer was missing in ${seen}.`,
          `the final answer lacked the expected output ${String(i.detail.expected)}`,
          'Artifact checklist',
        ],
      };
      const kind = String(i.detail.mismatchKind);
      const [rule, rootCause, section] = byKind[kind] ?? inferredRepairText(kind, tool, seen) ?? [`Fix ${kind} of ${tool} (${seen}).`, `${kind} reported by the oracle`, 'Workflow'];
      return {
        action: 'repair',
        rule,
        rootCause,
        targetCostSink: i.toolName,
        section,
        evidenceIds: [i.id],
        sourceSessions: i.sessionIds,
        counterfactual: null,
        confidence: Math.min(0.9, Math.round((0.5 + c.k / Math.max(c.n, 1)) * 100) / 100),
      } satisfies PatchDraftInput;
    });
}

export function offlineDrafts(set: EvidenceSet): PatchDraftInput[] {
  const rates = successRates(set);
  return [
    ...repairDrafts(set),
    ...redundancyDrafts(set),
    ...crossTrajectoryDrafts(set, rates),
    ...unusedOutputDrafts(set, rates),
    ...unusedSubagentDrafts(set),
    ...preserveDrafts(set, rates),
  ];
}

export function runOfflineAnalyst(set: EvidenceSet): AnalysisReport {
  const started = Date.now();
  return {
    analyst: 'offline',
    label: 'OFFLINE',
    model: null,
    sessionId: null,
    status: 'ok',
    drafts: offlineDrafts(set),
    error: null,
    turns: 0,
    retries: noRetries(),
    durationMs: Date.now() - started,
  };
}
