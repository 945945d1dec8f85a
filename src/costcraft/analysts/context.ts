// The task context every Claude request carries in full (system prompt), on every turn: the
// paper's error analyst lost its task context after the first turn. It holds the instructions, the
// base skill, the evidence catalogue (ids + counts, so claims can be copied, not invented) and the
// session under analysis (its TraceCard, not its raw transcript).
import type { EvidenceItem, EvidenceSet, RepairCase } from '../evidence-types.ts';
import { SECTIONS } from '../patch.ts';
import { REMEDY_INSTRUCTIONS } from '../remedies.ts';

export interface SessionView {
  sessionId: string;
  task: string | null;
  outcome: string | null;
  score: number | null;
  /** The session's TraceCard YAML (or a step digest when no card could be built). */
  card: string;
}

export interface AnalystTask {
  role: 'success' | 'error';
  skill: string;
  baseSkill: string | null;
  evidence: EvidenceSet;
  session: SessionView;
  /** The repair case of the session (error analyst), served by inspect_mismatches / read_gold_snippet. */
  repair: RepairCase | null;
}

/** Catalogue lines: the prune and preserve items plus the repairs touching this session. */
const CATALOGUE_LIMIT = 60;

function catalogueLine(i: EvidenceItem): string {
  const counts = i.counts.map((c) => `${c.k} of ${c.n} ${c.what}`).join('; ');
  return `- id: ${i.id} | kind: ${i.kind}${i.heuristic ? ' (heuristic)' : ''} | counts: ${counts} | ${i.summary}`;
}

function catalogue(task: AnalystTask): string[] {
  const relevant = task.evidence.items.filter(
    (i) => i.kind !== 'repair' || i.sessionIds.includes(task.session.sessionId) || task.role === 'success',
  );
  const ordered = [...relevant.filter((i) => i.sessionIds.includes(task.session.sessionId)), ...relevant];
  return [...new Set(ordered)].slice(0, CATALOGUE_LIMIT).map(catalogueLine);
}

export function taskContext(task: AnalystTask): string {
  const { evidence } = task;
  const wins = evidence.sessions.filter((s) => s.outcome === 'success').length;
  const losses = evidence.sessions.filter((s) => s.outcome === 'failure').length;
  const goal =
    task.role === 'success'
      ? 'You are the SUCCESS analyst. From this successful session and the evidence, propose exactly one `preserve` patch (a behaviour that made sessions succeed) and at most one `prune` patch (an expensive step the outcome did not depend on).'
      : 'You are the ERROR analyst. Find why this session failed: use `inspect_mismatches` and `read_gold_snippet`, then propose one or two `repair` patches with a root cause.';
  return [
    '# Task',
    `You distil the agent skill \`${task.skill}\` from ${evidence.sessions.length} recorded sessions (${wins} succeeded, ${losses} failed).`,
    goal,
    'Finish by calling `final_patch` with {"patches": [...]}. Each patch: action (preserve|prune|repair), rule (one imperative sentence),',
    `rootCause, targetCostSink (the step signature it is about), section (one of: ${SECTIONS.join(', ')}), sourceSessions (ids),`,
    'evidenceIds (ids from the catalogue below, verbatim), counterfactual, confidence (0..1).',
    'A prune MUST cite prune evidence ids (redundancy, unused_output, cross_trajectory, unused_subagent); without them it is discarded.',
    'Any "k of n" figure you state must be copied from the counts of the evidence you cite; unverified figures are rejected.',
    ...REMEDY_INSTRUCTIONS,
    '',
    '# Base SKILL.md',
    task.baseSkill?.trim() || '(none)',
    '',
    '# Evidence catalogue',
    ...catalogue(task),
    '',
    '# Session under analysis',
    `id: ${task.session.sessionId}`,
    `outcome: ${task.session.outcome ?? 'unknown'}${task.session.score !== null ? ` (score ${task.session.score})` : ''}`,
    `task: ${(task.session.task ?? '').slice(0, 1500)}`,
    'TraceCard:',
    task.session.card,
  ].join('\n');
}
