// Independent read-outs of what is in the graph for one project, for idempotence and order tests.
import type { Graph } from '../../src/graph/driver.ts';

export interface GraphTotals {
  nodes: number;
  edges: number;
  spans: number;
  sessions: number;
  costUsd: number;
}

/**
 * Counts with an ad-hoc query on purpose: the test checks the graph independently of the
 * registry's queries. Test-only; the text is a constant.
 */
export async function graphTotals(graph: Graph, projectId: string): Promise<GraphTotals> {
  const [row] = await graph.read('test-support/project-totals', { projectId });
  return {
    nodes: Number(row?.nodes),
    edges: Number(row?.edges),
    spans: Number(row?.spans),
    sessions: Number(row?.sessions),
    // Float sums depend on summation order; nano-dollars are far below any cent.
    costUsd: Math.round(Number(row?.costUsd) * 1e9) / 1e9,
  };
}
