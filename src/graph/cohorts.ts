// Repository: the cohorts a distillation can learn from (skills used, agents, recurring tasks) with
// their session counts, spend and outcomes (cypher/catalog/cohorts.cypher).
import { int, type Graph } from './driver.ts';

export const COHORT_KINDS = ['skill', 'agent', 'task'] as const;
export type CohortKind = (typeof COHORT_KINDS)[number];

export interface CohortStats {
  kind: CohortKind;
  key: string;
  name: string;
  /** How membership was found: recorded, skill_file_read, skill_tool, slash_command, otel_attribute, agent_id, agent_name, cron_job, prompt_template. */
  detectedBy: string[];
  sessions: number;
  costUsd: number;
  successes: number;
  failures: number;
  /** Of the successes and failures, how many are inferred (no recorded outcome). */
  inferred: number;
}

export async function listCohorts(graph: Graph, projectId: string, kind: CohortKind | null, limit: number): Promise<CohortStats[]> {
  const rows = await graph.read('catalog/cohorts', { projectId, kind, limit: int(limit) });
  return rows.map((r) => ({
    kind: String(r.kind) as CohortKind,
    key: String(r.key),
    name: String(r.name),
    detectedBy: (Array.isArray(r.detectedBy) ? r.detectedBy : []).filter((d): d is string => typeof d === 'string').sort(),
    sessions: Number(r.sessions),
    costUsd: Number(r.costUsd),
    successes: Number(r.successes),
    failures: Number(r.failures),
    inferred: Number(r.inferred),
  }));
}
