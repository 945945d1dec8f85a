// Two finalisers on one session at once (a lease that lapsed while a slow round held the session:
// seen in CI under load as a session counted twice in the agent rollup). The steps that rebuild
// derived data from scratch — usage cells, NEXT links — must leave one copy, not one per finaliser.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

const TREE_B = '684637ff-e673-46e4-a1a9-0de622f22f21';
const projectId = randomProjectId('finalise-concurrent');
let graph: Graph;

beforeAll(async () => {
  graph = await connectTestGraph();
  await importFiles(graph, { paths: [path.join(corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions'), `${TREE_B}.jsonl`)], projectId, pricer: createPricer() });
});
afterAll(async () => graph?.close());

const copies = async () => (await graph.read('test-support/derived-copies', { projectId, sessionId: `openclaw:${TREE_B}` }))[0]!;

describe('finalisation steps run by several finalisers at once', () => {
  it.each(['rollup/refresh-usage-cells', 'ingest/relink-next'])('%s: eight at once leave what one leaves', async (query) => {
    const once = await copies();
    expect(Number(once.cells)).toBeGreaterThan(0);
    expect(Number(once.nextLinks)).toBe(Number(once.spans) - 1);
    await Promise.all(Array.from({ length: 8 }, () => graph.write(query, { projectId, sessionIds: [`openclaw:${TREE_B}`] })));
    expect(await copies()).toEqual(once);
  });
});
