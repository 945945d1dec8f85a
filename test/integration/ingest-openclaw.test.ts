// OpenClaw corpus through the whole ingest path into the real Neo4j: tree totals to the cent,
// spawn linkage, idempotent re-import, order independence.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import { graphTotals } from '../helpers/graph-totals.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

const SESSIONS_DIR = corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions');
const TREE_A = 'openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b';
const TREE_B = 'openclaw:684637ff-e673-46e4-a1a9-0de622f22f21';

let graph: Graph;
const projectId = randomProjectId('openclaw');
const pricer = createPricer();

async function session(id: string, project = projectId) {
  const rows = await graph.read('test-support/session-rollup', { projectId: project, id });
  return rows[0] as { ownCostUsd: number; totalCostUsd: number; spawned: number; role: string } | undefined;
}

beforeAll(async () => {
  graph = await connectTestGraph();
  const report = await importFiles(graph, { paths: [SESSIONS_DIR], projectId, pricer });
  expect(report.rejections).toEqual([]);
});
afterAll(async () => graph?.close());

describe('OpenClaw corpus in the graph', () => {
  it('tree A: parent $1.022 own, $5.48 total, 7 children linked', async () => {
    const parent = await session(TREE_A);
    expect(parent?.ownCostUsd).toBeCloseTo(1.022, 2);
    expect(parent?.totalCostUsd).toBeCloseTo(5.48, 2);
    expect(parent?.spawned).toBe(7);
  });

  // SOURCES.md rounds: "$31.5" is $31.5347 summed from the per-message usage.cost.total values.
  it('tree B: parent $8.666 own, $31.53 total, 13 children linked, 1 missing and 1 refused spawn', async () => {
    const parent = await session(TREE_B);
    expect(parent?.ownCostUsd).toBeCloseTo(8.666, 2);
    expect(parent?.totalCostUsd).toBeCloseTo(31.53, 2);
    expect(parent?.spawned).toBe(13);
    const statuses = await graph.read('test-support/spawn-statuses', { projectId, sessionId: TREE_B });
    const byStatus = Object.fromEntries(statuses.map((r) => [r.status, Number(r.n)]));
    expect(byStatus).toEqual({ linked: 13, missing: 1, refused: 1 });
  });

  // The corpus README's $37.02 adds per-file figures after rounding them; the per-message values
  // sum to $37.0146, i.e. $37.01 to the cent.
  it('all 22 transcripts: $37.01 recorded per message', async () => {
    const totals = await graphTotals(graph, projectId);
    expect(totals.costUsd).toBeCloseTo(37.0146, 3);
    expect(totals.sessions).toBe(22);
  });

  it('re-importing the same folder changes no node, edge or cost total', async () => {
    const before = await graphTotals(graph, projectId);
    await importFiles(graph, { paths: [SESSIONS_DIR], projectId, pricer });
    expect(await graphTotals(graph, projectId)).toEqual(before);
  });

  it('importing the files one by one in reverse order gives the same graph', async () => {
    const reversedProject = randomProjectId('openclaw-reverse');
    // One import per file, children before parents: spawns are then completed in the graph
    // (ingest/link-pending-spawns) rather than inside one adapter call.
    const files = fs
      .readdirSync(SESSIONS_DIR)
      .filter((f) => f !== 'sessions.json')
      .map((f) => path.join(SESSIONS_DIR, f))
      .sort()
      .reverse();
    for (const file of files) await importFiles(graph, { paths: [file], projectId: reversedProject, pricer });
    expect(await graphTotals(graph, reversedProject)).toEqual(await graphTotals(graph, projectId));
    expect((await session(TREE_B, reversedProject))?.totalCostUsd).toBeCloseTo((await session(TREE_B))!.totalCostUsd, 9);
  });

  it('the import report names every spawn left without a child, as it stands after finalisation', async () => {
    const project = randomProjectId('openclaw-unresolved');
    const parentFile = fs.readdirSync(SESSIONS_DIR).find((f) => TREE_B.endsWith(f.replace(/\.jsonl.*$/, '')))!;
    // The parent alone: every accepted spawn is missing (its children are not there yet).
    const alone = await importFiles(graph, { paths: [path.join(SESSIONS_DIR, parentFile)], projectId: project, pricer });
    expect(alone.spawns).toEqual({ linked: 0, missing: 14, refused: 1, pending: 0 });
    expect(alone.unresolvedSpawns).toHaveLength(15);
    // Then everything: children imported in the same run are linked, and the report says so.
    const all = await importFiles(graph, { paths: [SESSIONS_DIR], projectId: project, pricer });
    const ofTreeB = all.unresolvedSpawns.filter((s) => s.parentSessionId === TREE_B);
    expect(ofTreeB.map((s) => s.status).sort()).toEqual(['missing', 'refused']);
    for (const spawn of ofTreeB) {
      expect(spawn.spanId.startsWith(`${TREE_B}:`)).toBe(true);
      expect(spawn.task).toMatch(/PR #?75/);
      expect(spawn.label).toBeTruthy();
    }
    expect(all.spawns.missing + all.spawns.refused).toBe(all.unresolvedSpawns.length);
  });

  it('a dry run reads the same records and writes nothing', async () => {
    const dryProject = randomProjectId('dry');
    const report = await importFiles(graph, { paths: [SESSIONS_DIR], projectId: dryProject, pricer, dryRun: true });
    expect(report.sessions).toBe(22);
    expect((await graphTotals(graph, dryProject)).nodes).toBe(0);
  });
});
