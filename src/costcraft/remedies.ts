// The remedy for each kind of redundancy finding (DESIGN §7), in the words CostCraft uses for
// evidence counts, prune rules and the Claude analysts' instructions. The kind decides the advice:
// "reuse the earlier result" is only right when the earlier result is in the same context and
// still true. A poll's result decides the next step (reusing it is wrong: the state is awaited);
// a hand-off crossed sessions (the other context is not visible); a failed retry needs a change.
import type { PatchDraftInput } from './patch.ts';
import { FINDING_REMEDY, isFindingKind, type FindingRemedy } from '../domain/redundancy/kinds.ts';

export interface RedundancyRemedy {
  remedy: FindingRemedy | 'other';
  /** What the repeats of this kind are, for support counts ("12 of 12 <what>"). */
  what: string;
  /** The one-line rule; `tools` is a short list of the tools involved (for a hand-off, the files read again), already quoted. */
  rule: (tools: string) => string;
  section: PatchDraftInput['section'];
  /** Why the repeats could go, given their number and wasted dollars (already formatted). */
  counterfactual: (calls: number, wasted: string) => string;
}

const REUSE_COUNTERFACTUAL = (calls: number, wasted: string) =>
  `the repeated calls' information was already in the same context (${calls} repeats, ${wasted} wasted)`;

const BY_KIND: Record<string, RedundancyRemedy> = {
  exact_duplicate: {
    remedy: 'reuse',
    what: 'repeats whose information was already in the same context',
    rule: (tools) => `Do not repeat a call with the same arguments when nothing changed since; reuse the earlier result (${tools}).`,
    section: 'Cost control',
    counterfactual: REUSE_COUNTERFACTUAL,
  },
  reread: {
    remedy: 'reuse',
    what: 'rereads of what was already in the same context',
    rule: (tools) => `Do not re-read a resource that has not been written since; use what is already in context (${tools}).`,
    section: 'Cost control',
    counterfactual: REUSE_COUNTERFACTUAL,
  },
  repeated_llm_request: {
    remedy: 'reuse',
    what: 'identical model requests',
    rule: () => 'Do not resend an identical model request; reuse its answer.',
    section: 'Cost control',
    counterfactual: REUSE_COUNTERFACTUAL,
  },
  duplicate_subagent: {
    remedy: 'reuse',
    what: 'sub-agents spawned again with the same task',
    rule: () => 'Do not spawn a second sub-agent for a task already delegated; wait for the first.',
    section: 'Cost control',
    counterfactual: (calls, wasted) => `the task was already delegated (${calls} repeated spawns, ${wasted} wasted)`,
  },
  failed_retry: {
    remedy: 'retry',
    what: 'unchanged retries of a failed call',
    rule: (tools) => `Never retry ${tools} unchanged after it fails: change the arguments, fix the cause first, or stop.`,
    section: 'Stop rules',
    counterfactual: (calls, wasted) => `an unchanged retry fails the same way (${calls} retries, ${wasted} wasted)`,
  },
  poll_loop: {
    remedy: 'wait',
    what: 'checks repeated while a state was awaited',
    rule: (tools) =>
      `While waiting on ${tools}, do not re-check every turn: wait longer between checks and back off, or use a blocking wait or a completion notification.`,
    section: 'Cost control',
    counterfactual: (calls, wasted) =>
      `each check was a paid model turn spent waiting; a blocking wait needs one (${calls} repeated checks, ${wasted} spent waiting)`,
  },
  handoff: {
    remedy: 'handoff',
    what: 'reads of what another session of the tree had already read',
    rule: (tools) =>
      `When delegating, pass the content a sub-agent needs in the spawn task (and have it return what the parent needs) instead of each session reading it again (${tools}).`,
    section: 'Workflow',
    counterfactual: (calls, wasted) =>
      `another session of the same tree had read it unchanged, but sessions do not share context (${calls} hand-off reads, ${wasted})`,
  },
};

export function redundancyRemedy(kind: string): RedundancyRemedy {
  return (
    BY_KIND[kind] ?? {
      remedy: isFindingKind(kind) ? FINDING_REMEDY[kind] : 'other',
      what: `${kind} repeats`,
      rule: (tools) => `Avoid ${kind} repeats of ${tools}.`,
      section: 'Cost control',
      counterfactual: (calls, wasted) => `${calls} ${kind} repeats, ${wasted} wasted`,
    }
  );
}

/** One line per remedy for the analysts' instructions: the advice must fit the kind of repeat. */
export const REMEDY_INSTRUCTIONS = [
  'Redundancy evidence names its repeatKind; the rule must fit it:',
  '- exact_duplicate, reread, repeated_llm_request: reuse the earlier result already in context;',
  '- failed_retry: never retry the failing call unchanged (change it, fix the cause, or stop);',
  '- poll_loop: the agent was waiting for a state; wait longer, back off, or use a blocking wait or notification. Never "reuse the result": each check decided the next step;',
  '- handoff: another session (parent, sub-agent or sibling) had read it; pass the content in the spawn task or the sub-agent answer.',
];
