// `clawtrace cohorts [--kind skill|agent|task] [--json]`: what `distill` can learn from without a
// session list — skills (recorded or detected, and how), agents, recurring tasks — with session
// counts, spend and outcomes (recorded, else inferred). Also how `distill --cohort` names them.
import { listCohorts, type CohortKind, type CohortStats } from '../graph/cohorts.ts';
import { withGraph } from './connect.ts';

export interface CohortsCommandOptions {
  kind?: CohortKind;
  project: string;
  json?: boolean;
}

const LIMIT = 200;

/** One line per cohort: `<kind>:<key>` is what `distill --cohort` takes. */
export function formatCohorts(cohorts: CohortStats[]): string {
  if (cohorts.length === 0) return 'No cohorts in this project (import sessions first: clawtrace import <paths>)';
  const rows = cohorts.map((c) => [
    `${c.kind}:${c.key}`,
    String(c.sessions),
    `$${c.costUsd.toFixed(2)}`,
    `${c.successes} ok / ${c.failures} failed${c.inferred ? ` (${c.inferred} inferred)` : ''}`,
    c.detectedBy.join(','),
    c.name === c.key ? '' : c.name,
  ]);
  const header = ['cohort', 'sessions', 'spend', 'outcomes', 'detected by', 'name'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export async function runCohorts(options: CohortsCommandOptions): Promise<number> {
  const cohorts = await withGraph((graph) => listCohorts(graph, options.project, options.kind ?? null, LIMIT));
  console.log(options.json ? JSON.stringify(cohorts, null, 2) : formatCohorts(cohorts));
  return 0;
}
