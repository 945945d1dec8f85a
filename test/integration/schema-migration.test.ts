// Upgrading a database stored by an older schema version: Graph.applySchema migrates the data the
// new code expects (usage cells for rollups, counts of missing sub-agents) and records the new version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricer } from '../../src/domain/cost/index.ts';
import { SCHEMA_VERSION, type Graph } from '../../src/graph/driver.ts';
import { readiness } from '../../src/graph/meta.ts';
import { costRollup } from '../../src/graph/rollups.ts';
import { sessionsByIds } from '../../src/graph/sessions.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

let graph: Graph;
const projectId = randomProjectId('migration');

beforeAll(async () => {
  graph = await connectTestGraph();
  await importFiles(graph, { paths: [corpus('openclaw-volvox-bot')], projectId, pricer: createPricer() });
});
afterAll(async () => graph?.close());

describe('schema upgrade from version 1', () => {
  it('builds the usage cells of sessions stored without them, so rollups are unchanged', async () => {
    const before = await costRollup(graph, projectId, ['model']);
    expect(before.length).toBeGreaterThan(0);
    const [forgotten] = await graph.write('test-support/forget-usage-cells', { projectId });
    expect(Number(forgotten!.deleted)).toBeGreaterThan(0);
    expect(await costRollup(graph, projectId, ['model'])).toEqual([]);

    await graph.applySchema();

    expect((await readiness(graph)).schemaVersion).toBe(SCHEMA_VERSION);
    const after = await costRollup(graph, projectId, ['model']);
    expect(after.map((r) => [r.key1, r.llmCalls, r.inputTokens, r.sessions])).toEqual(before.map((r) => [r.key1, r.llmCalls, r.inputTokens, r.sessions]));
    after.forEach((row, i) => expect(row.costUsd).toBeCloseTo(before[i]!.costUsd, 9));
  });
});

describe('schema upgrade from version 2', () => {
  const TREE_B = 'openclaw:684637ff-e673-46e4-a1a9-0de622f22f21';
  const TREE_A = 'openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b';
  const flags = async () =>
    (await sessionsByIds(graph, projectId, [TREE_A, TREE_B])).map((s) => [s.id, s.inclusiveIsLowerBound, s.missingSubagents]).sort();

  it('counts the missing sub-agents of sessions rolled up before the count existed', async () => {
    const expected = [
      [TREE_A, false, 0],
      [TREE_B, true, 1],
    ];
    expect(await flags()).toEqual(expected);
    const [forgotten] = await graph.write('test-support/forget-missing-subagents', { projectId });
    expect(Number(forgotten!.forgotten)).toBe(22);
    // Read as complete until the upgrade counts them: tree B's total would be shown as exact.
    expect(await flags()).toEqual([
      [TREE_A, false, 0],
      [TREE_B, false, 0],
    ]);

    await graph.applySchema();

    expect((await readiness(graph)).schemaVersion).toBe(SCHEMA_VERSION);
    expect(await flags()).toEqual(expected);
  });
});
