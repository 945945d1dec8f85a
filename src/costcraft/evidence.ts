// Step 1 of a distillation: evidence from the graph. Materialises the per-step facts of the
// sessions (signature, attributed cost, output-use score), then runs the evidence queries of
// cypher/costcraft/ and turns their rows into items with ids and support counts.
import {
  evidenceRows,
  skillSessions,
  stepRows,
  storeStepFacts,
  type CohortRef,
  type EvidenceQueryOptions,
} from '../graph/costcraft.ts';
import type { Graph } from '../graph/driver.ts';
import {
  crossTrajectoryItems,
  preserveItems,
  redundancyItems,
  repairCases,
  repairItems,
  unusedOutputItems,
  unusedSubagentItems,
} from './evidence-items.ts';
import type { EvidenceSet, SessionSummary } from './evidence-types.ts';
import { computeStepFacts } from './step-facts.ts';

export class NoSessionsError extends Error {
  readonly code = 'NO_SESSIONS';
}

const outcomeOf = (v: string | null): SessionSummary['outcome'] => (v === 'success' || v === 'failure' ? v : null);

export async function gatherEvidence(
  graph: Graph,
  projectId: string,
  skill: string,
  sessionIds: string[] | null,
  options: EvidenceQueryOptions = {},
  cohort: CohortRef | null = null,
): Promise<EvidenceSet> {
  const sessions = (await skillSessions(graph, projectId, skill, sessionIds, cohort)).map(
    (s): SessionSummary => ({
      ...s,
      outcome: outcomeOf(s.outcome),
      outcomeSource: s.outcomeSource === 'recorded' || s.outcomeSource === 'inferred' ? s.outcomeSource : null,
    }),
  );
  if (sessions.length === 0) {
    const of = sessionIds ? `among the given ids` : cohort && cohort.kind !== 'skill' ? `of ${cohort.kind} "${cohort.key}"` : `of skill "${cohort?.key ?? skill}"`;
    throw new NoSessionsError(
      `No sessions ${of} in this project${sessionIds ? '' : ' (the skills, agents and recurring tasks there are: `clawtrace cohorts`, GraphQL `cohorts`, the Distill page)'}`,
    );
  }
  const ids = sessions.map((s) => s.id);
  await storeStepFacts(graph, projectId, computeStepFacts(await stepRows(graph, projectId, ids)));
  const rows = await evidenceRows(graph, projectId, ids, options);
  const repairs = repairCases(rows.repair);
  return {
    skill,
    sessions,
    repairs,
    items: [
      ...redundancyItems(rows.redundant),
      ...unusedOutputItems(rows.unusedOutput),
      ...crossTrajectoryItems(rows.crossTrajectory),
      ...unusedSubagentItems(rows.unusedSubagents),
      ...preserveItems(rows.preserve),
      ...repairItems(repairs),
    ],
  };
}
