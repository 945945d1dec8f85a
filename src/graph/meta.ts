// Repository: server and schema facts for /readyz.
import type { Graph } from './driver.ts';

export interface Readiness {
  neo4jVersion: string;
  edition: string;
  schemaVersion: string | null;
  schemaAppliedAt: string | null;
  uri: string;
}

export async function readiness(graph: Graph): Promise<Readiness> {
  const [row] = await graph.read('meta/schema-version');
  return {
    neo4jVersion: String(row?.neo4jVersion ?? 'unknown'),
    edition: String(row?.edition ?? 'unknown'),
    schemaVersion: (row?.schemaVersion as string | null) ?? null,
    schemaAppliedAt: (row?.appliedAt as string | null) ?? null,
    uri: graph.uri,
  };
}
