// What users read of a project, through the repositories (no HTTP): rollups by every dimension and
// the TraceCard YAML of every session. The in-process counterpart of engine-views.ts.
import type { Graph } from '../../src/graph/driver.ts';
import { costRollup, ROLLUP_DIMENSIONS } from '../../src/graph/rollups.ts';
import { loadCardInput } from '../../src/graph/tracecard.ts';
import { buildTraceCard } from '../../src/tracecard/index.ts';
import { sortedSet, type Canon } from './canonical-diff.ts';

export interface RepositoryViews {
  rollups: Record<string, Canon>;
  traceCards: Record<string, string | null>;
}

export async function repositoryViews(graph: Graph, projectId: string, sessionIds: string[]): Promise<RepositoryViews> {
  const rollups: Record<string, Canon> = {};
  for (const dimension of ROLLUP_DIMENSIONS) rollups[dimension] = sortedSet(await costRollup(graph, projectId, [dimension]));
  rollups['session+model'] = sortedSet(await costRollup(graph, projectId, ['session', 'model']));
  const traceCards: Record<string, string | null> = {};
  for (const id of [...sessionIds].sort()) {
    const input = await loadCardInput(graph, projectId, id);
    traceCards[id] = input ? buildTraceCard(input).yaml : null;
  }
  return { rollups, traceCards };
}
