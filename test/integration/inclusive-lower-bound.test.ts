// Issue 15: an inclusive total that leaves out sub-agents whose transcript is not in the graph says
// it is a lower bound — on the GraphQL Session, the TraceCard and the session export — and stops
// saying so once the missing child arrives, on the parent and every session above it.
//
// Real data: OpenClaw tree B (openclaw-volvox-bot) spawned `pr75-review-fix`, whose transcript is
// not in the corpus (SOURCES.md); tree A has all 7 children. Arrival order: tree A imported without
// one child file, then that file (linked in the graph by task text and time); and a hand-made
// three-level tree whose grandchild arrives after its parent and grandparent (filling the
// placeholder the spawn left), so the flag must clear two levels up.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { emptyBatch, type NormalisedBatch } from '../../src/domain/model.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { corpus } from '../helpers/corpora.ts';
import { llmCall, sessionIdOf, sessionWith, spawnCall, subSession } from '../helpers/factories.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { gql, ok } from './graphql-client.ts';

const SESSIONS_DIR = corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions');
const TREE_A = 'openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b';
const TREE_B = 'openclaw:684637ff-e673-46e4-a1a9-0de622f22f21';
/** A tree B child that is there (pr75-batch-1of5). */
const TREE_B_CHILD = 'openclaw:13b93292-3aa9-4d35-a22d-7933b97659c6';
/** Tree A's last child (`…-b1of1-retry`): left out of the first import in the arrival test. */
const TREE_A_LATE_CHILD_FILE = 'fad2602d-e166-45dd-8f71-1476f40fba16.jsonl.deleted.2026-02-18T15-18-04.599Z';
const TREE_A_LATE_CHILD = 'openclaw:fad2602d-e166-45dd-8f71-1476f40fba16';

const pricer = createPricer();
let graph: Graph;
let server: RunningServer;
/** The project the server answers for: each scenario imports into its own. */
let project = randomProjectId('lower-bound');

beforeAll(async () => {
  graph = await connectTestGraph();
  // Local mode, answering for whichever project the running scenario imported into.
  server = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: async () => project }, 0);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

interface SessionFlags {
  id: string;
  totalCostUsd: number;
  inclusiveIsLowerBound: boolean;
  missingSubagents: number;
  missingSubagentSpawns: Array<{ parentSessionId: string; spanId: string; status: string; label: string | null; task: string | null; span: { kind: string; spawnStatus: string } | null }>;
  traceCard: { inclusiveIsLowerBound: boolean; missingSubagents: number; yaml: string; card: { totals: { inclusive: Record<string, unknown> } } };
}

async function sessionFlags(id: string): Promise<SessionFlags> {
  const data = ok(
    await gql<{ session: SessionFlags | null }>(
      server.url,
      `query($id: ID!) {
        session(id: $id) {
          id totalCostUsd inclusiveIsLowerBound missingSubagents
          missingSubagentSpawns { parentSessionId spanId status label task span { kind spawnStatus } }
          traceCard { inclusiveIsLowerBound missingSubagents yaml card }
        }
      }`,
      { id },
    ),
  );
  if (!data.session) throw new Error(`no session ${id} in project ${project}`);
  return data.session;
}

async function exportRows(): Promise<Map<string, Record<string, unknown>>> {
  const res = await fetch(`${server.url}/v1/export/sessions.ndjson`);
  expect(res.status).toBe(200);
  const rows = (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return new Map(rows.map((r) => [String(r.id), r]));
}

async function exportCsvHeader(): Promise<string[]> {
  const text = await (await fetch(`${server.url}/v1/export/sessions.csv`)).text();
  return text.split('\r\n')[0]!.split(',');
}

describe('the real corpus: tree B has a missing child, tree A has none', () => {
  beforeAll(async () => {
    project = randomProjectId('lower-bound-corpus');
    const report = await importFiles(graph, { paths: [SESSIONS_DIR], projectId: project, pricer });
    expect(report.rejections).toEqual([]);
  });

  it('GraphQL: tree B is a lower bound with its one missing spawn listed; tree A and a tree B child are not', async () => {
    const b = await sessionFlags(TREE_B);
    expect(b.totalCostUsd).toBeCloseTo(31.53, 2);
    expect([b.inclusiveIsLowerBound, b.missingSubagents]).toEqual([true, 1]);
    expect(b.missingSubagentSpawns).toHaveLength(1);
    const [spawn] = b.missingSubagentSpawns;
    expect(spawn).toMatchObject({ parentSessionId: TREE_B, status: 'missing', label: 'pr75-review-fix', span: { kind: 'SUBAGENT', spawnStatus: 'missing' } });
    expect(spawn!.task).toBeTruthy();

    for (const id of [TREE_A, TREE_B_CHILD]) {
      const s = await sessionFlags(id);
      expect([s.id, s.inclusiveIsLowerBound, s.missingSubagents, s.missingSubagentSpawns]).toEqual([id, false, 0, []]);
    }
  });

  it('sessions lists carry the flag too (one query for the page, no per-session lookups needed)', async () => {
    const data = ok(
      await gql<{ sessions: { nodes: Array<{ id: string; inclusiveIsLowerBound: boolean; missingSubagents: number }> } }>(
        server.url,
        '{ sessions(first: 100) { nodes { id inclusiveIsLowerBound missingSubagents } } }',
      ),
    );
    expect(data.sessions.nodes).toHaveLength(22);
    const flagged = data.sessions.nodes.filter((s) => s.inclusiveIsLowerBound);
    expect(flagged.map((s) => [s.id, s.missingSubagents])).toEqual([[TREE_B, 1]]);
  });

  it('TraceCard: tree B says lowerBound beside its inclusive cost, with the spawn call; tree A says nothing', async () => {
    const b = await sessionFlags(TREE_B);
    expect([b.traceCard.inclusiveIsLowerBound, b.traceCard.missingSubagents]).toEqual([true, 1]);
    expect(b.traceCard.card.totals.inclusive).toMatchObject({ costUsd: 31.5347, lowerBound: true, missingSubagents: 1 });
    expect(b.traceCard.card.totals.inclusive.missingSpawns).toEqual([expect.stringMatching(/^684637ff#\d+$/)]);
    expect(b.traceCard.yaml).toMatch(/^ {2}inclusive: \{costUsd: 31\.5347, lowerBound: true, missingSubagents: 1, missingSpawns: \[684637ff#\d+\],/m);

    const a = await sessionFlags(TREE_A);
    expect([a.traceCard.inclusiveIsLowerBound, a.traceCard.missingSubagents]).toEqual([false, 0]);
    expect(a.traceCard.yaml).not.toMatch(/lowerBound|missingSubagents/);
  });

  it('export: every session row has the flag and count beside totalCostUsd', async () => {
    const header = await exportCsvHeader();
    expect(header.slice(header.indexOf('totalCostUsd'), header.indexOf('totalCostUsd') + 3)).toEqual(['totalCostUsd', 'inclusiveIsLowerBound', 'missingSubagents']);
    const rows = await exportRows();
    expect(rows.size).toBe(22);
    expect(rows.get(TREE_B)).toMatchObject({ inclusiveIsLowerBound: true, missingSubagents: 1 });
    expect(rows.get(TREE_A)).toMatchObject({ inclusiveIsLowerBound: false, missingSubagents: 0 });
    expect([...rows.values()].filter((r) => r.inclusiveIsLowerBound === true).map((r) => r.id)).toEqual([TREE_B]);
  });
});

describe('the missing child arrives later: the flag clears', () => {
  it('tree A imported without one child file is a lower bound; importing that file clears it', async () => {
    project = randomProjectId('lower-bound-late-child');
    const { readdirSync } = await import('node:fs');
    const early = readdirSync(SESSIONS_DIR)
      .filter((f) => f !== 'sessions.json' && f !== TREE_A_LATE_CHILD_FILE)
      .map((f) => path.join(SESSIONS_DIR, f));
    await importFiles(graph, { paths: early, projectId: project, pricer });

    const before = await sessionFlags(TREE_A);
    expect([before.inclusiveIsLowerBound, before.missingSubagents]).toEqual([true, 1]);
    expect(before.missingSubagentSpawns.map((m) => [m.parentSessionId, m.status])).toEqual([[TREE_A, 'missing']]);
    expect(before.traceCard.card.totals.inclusive.lowerBound).toBe(true);
    expect((await exportRows()).get(TREE_A)).toMatchObject({ inclusiveIsLowerBound: true, missingSubagents: 1 });

    await importFiles(graph, { paths: [path.join(SESSIONS_DIR, TREE_A_LATE_CHILD_FILE)], projectId: project, pricer });

    const after = await sessionFlags(TREE_A);
    expect(after.totalCostUsd).toBeCloseTo(5.48, 2);
    expect(after.totalCostUsd).toBeGreaterThan(before.totalCostUsd);
    expect([after.inclusiveIsLowerBound, after.missingSubagents, after.missingSubagentSpawns]).toEqual([false, 0, []]);
    expect(after.traceCard.inclusiveIsLowerBound).toBe(false);
    expect(after.traceCard.yaml).not.toMatch(/lowerBound/);
    expect((await exportRows()).get(TREE_A)).toMatchObject({ inclusiveIsLowerBound: false, missingSubagents: 0 });
    expect((await sessionFlags(TREE_A_LATE_CHILD)).inclusiveIsLowerBound).toBe(false);
    // Tree B's own missing child is still missing.
    expect((await sessionFlags(TREE_B)).missingSubagents).toBe(1);
  });

  /**
   * grand → parent → child, plus a `pending` spawn in parent (no result recorded) and a refused one
   * in grand. Returns the whole tree's batch and the same batch without the child's own records.
   */
  function threeLevels(): { full: NormalisedBatch; withoutChild: NormalisedBatch; childOnly: NormalisedBatch } {
    const child = subSession({ name: 'lb-child' }, [llmCall({ costUsd: 0.25 })]);
    const parent = subSession({ name: 'lb-parent' }, [
      llmCall({ costUsd: 0.1, calls: [spawnCall('write the tests', child, { label: 'tests' })] }),
      llmCall({ costUsd: 0.1, calls: [spawnCall('lint it', undefined, { label: 'lint', spawnStatus: 'pending' })] }),
    ]);
    const full = sessionWith({ name: 'lb-grand', startedAt: '2026-03-01T00:00:00.000Z' }, [
      llmCall({ costUsd: 0.5, calls: [spawnCall('fix the build', parent, { label: 'fix' })] }),
      llmCall({ costUsd: 0.05, calls: [spawnCall('one too many', undefined, { spawnStatus: 'refused' })] }),
    ]);
    const childId = sessionIdOf('lb-child');
    const withoutChild: NormalisedBatch = {
      ...full,
      sessions: full.sessions.filter((s) => s.id !== childId),
      spans: full.spans.filter((s) => s.sessionId !== childId),
    };
    const childOnly: NormalisedBatch = {
      ...emptyBatch(),
      sessions: full.sessions.filter((s) => s.id === childId),
      spans: full.spans.filter((s) => s.sessionId === childId),
    };
    return { full, withoutChild, childOnly };
  }

  it('a grandchild arriving after its parent and grandparent clears the flag two levels up', async () => {
    project = randomProjectId('lower-bound-three-levels');
    const { withoutChild, childOnly } = threeLevels();
    const [grand, parent, child] = ['lb-grand', 'lb-parent', 'lb-child'].map(sessionIdOf) as [string, string, string];
    await ingestBatch(graph, project, withoutChild, pricer);

    // The child's spawn left a placeholder (missing); parent's `pending` spawn counts too; the refused one does not.
    const g = await sessionFlags(grand);
    const p = await sessionFlags(parent);
    expect([g.inclusiveIsLowerBound, g.missingSubagents]).toEqual([true, 2]);
    expect([p.inclusiveIsLowerBound, p.missingSubagents]).toEqual([true, 2]);
    expect(g.missingSubagentSpawns.map((m) => [m.parentSessionId, m.status, m.label])).toEqual([
      [parent, 'missing', 'tests'],
      [parent, 'pending', 'lint'],
    ]);
    expect(g.traceCard.card.totals.inclusive).toMatchObject({ lowerBound: true, missingSubagents: 2 });
    expect(g.totalCostUsd).toBeCloseTo(0.75, 9);

    await ingestBatch(graph, project, childOnly, pricer);

    const g2 = await sessionFlags(grand);
    const p2 = await sessionFlags(parent);
    expect(g2.totalCostUsd).toBeCloseTo(1.0, 9);
    // Only the pending spawn is left, on both levels.
    expect([g2.missingSubagents, p2.missingSubagents]).toEqual([1, 1]);
    expect(g2.missingSubagentSpawns.map((m) => [m.status, m.label])).toEqual([['pending', 'lint']]);
    expect(g2.traceCard.card.totals.inclusive).toMatchObject({ lowerBound: true, missingSubagents: 1 });
    expect((await sessionFlags(child)).inclusiveIsLowerBound).toBe(false);
    const rows = await exportRows();
    expect([grand, parent, child].map((id) => rows.get(id)?.missingSubagents)).toEqual([1, 1, 0]);
  });

  it('with nothing unresolved left, no session of the tree is a lower bound', async () => {
    project = randomProjectId('lower-bound-complete');
    const { full } = threeLevels();
    // The pending spawn resolved: the same tree, its spawn now refused (it never started a child).
    const resolved: NormalisedBatch = { ...full, spawns: full.spawns.map((s) => (s.status === 'pending' ? { ...s, status: 'refused' } : s)) };
    await ingestBatch(graph, project, resolved, pricer);
    for (const name of ['lb-grand', 'lb-parent', 'lb-child']) {
      const s = await sessionFlags(sessionIdOf(name));
      expect([name, s.inclusiveIsLowerBound, s.missingSubagents, s.traceCard.inclusiveIsLowerBound]).toEqual([name, false, 0, false]);
    }
  });
});
