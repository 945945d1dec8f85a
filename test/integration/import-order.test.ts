// One truth for `clawtrace import` whatever the order of the files (DESIGN §5, issue 12): the real
// OpenClaw sub-agent trees and Claude Code sessions with sub-agents, imported (a) in one run, (b)
// file by file in a random order (children before parents, parents before children), (c) file by
// file from two importers at once, must give the same graph (nodes, properties, CALLED / SPAWNED /
// NEXT / REPEATS edges, usage cells, session totals), the same rollups by every dimension and
// byte-identical TraceCards.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../bench/generate.ts';
import { shuffle } from '../../bench/otlp-sessions.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { canonical, diffCanonical } from '../helpers/canonical-diff.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { graphSnapshot, type GraphSnapshot } from '../helpers/graph-snapshot.ts';
import { repositoryViews, type RepositoryViews } from '../helpers/repository-views.ts';
import { waitFinalised } from '../helpers/finalised.ts';

const FOLDERS = [corpus('openclaw-volvox-bot'), corpus('claude-code-log-real-projects')];

/** Transcript files (not the indexes and notes beside them). */
function transcripts(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return transcripts(full);
    return /\.jsonl(\.deleted\..*)?$/.test(entry.name) ? [full] : [];
  });
}

let graph: Graph;
const pricer = createPricer();
beforeAll(async () => {
  graph = await connectTestGraph();
});
afterAll(async () => graph?.close());

interface Observed {
  projectId: string;
  snapshot: GraphSnapshot;
  views: RepositoryViews;
}

async function observe(projectId: string, sessionIds?: string[]): Promise<Observed> {
  await waitFinalised({ graph, projectId });
  const snapshot = await graphSnapshot(graph, projectId);
  return { projectId, snapshot, views: await repositoryViews(graph, projectId, sessionIds ?? Object.keys(snapshot.sessions)) };
}

function differences(expected: Observed, actual: Observed): string[] {
  const out = diffCanonical(canonical(expected.views.rollups), canonical(actual.views.rollups), 'costRollup');
  for (const [id, yaml] of Object.entries(expected.views.traceCards)) {
    if (yaml !== actual.views.traceCards[id]) out.push(`traceCard ${id} differs`);
  }
  return diffCanonical(canonical(expected.snapshot), canonical(actual.snapshot), 'graph', out);
}

describe('clawtrace import: files in any order', () => {
  const files = FOLDERS.flatMap(transcripts);
  let reference: Observed;

  beforeAll(async () => {
    const projectId = randomProjectId('import-order-ref');
    const report = await importFiles(graph, { paths: FOLDERS, projectId, pricer });
    expect(report.rejections).toEqual([]);
    reference = await observe(projectId);
  });

  it('(a) in one run: sub-agent trees linked, findings present', () => {
    expect(files.length).toBeGreaterThan(20);
    const spans = Object.values(reference.snapshot.spans) as Array<{ edges: Record<string, unknown[]> }>;
    expect(spans.filter((s) => s.edges.SPAWNED?.length).length).toBeGreaterThan(10);
    expect(spans.filter((s) => s.edges.REPEATS?.length).length).toBeGreaterThan(10);
  });

  it('(b) file by file in a random order: the same graph, rollups and TraceCards', async () => {
    const projectId = randomProjectId('import-order-shuffled');
    for (const file of shuffle(files, prng(12))) await importFiles(graph, { paths: [file], projectId, pricer });
    const diffs = differences(reference, await observe(projectId, Object.keys(reference.snapshot.sessions)));
    expect(diffs.slice(0, 40), `project ${projectId}: ${diffs.length} differences`).toEqual([]);
  });

  it('(c) file by file by two importers at once: the same graph, rollups and TraceCards', async () => {
    const projectId = randomProjectId('import-order-concurrent');
    const order = shuffle(files, prng(13));
    const halves = [order.filter((_, i) => i % 2 === 0), order.filter((_, i) => i % 2 === 1)];
    await Promise.all(halves.map(async (half) => {
      for (const file of half) await importFiles(graph, { paths: [file], projectId, pricer });
    }));
    const diffs = differences(reference, await observe(projectId, Object.keys(reference.snapshot.sessions)));
    expect(diffs.slice(0, 40), `project ${projectId}: ${diffs.length} differences`).toEqual([]);
  });
});
