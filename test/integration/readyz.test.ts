// /readyz answers promptly whatever the database does (issue 13: 7.2 s to say 503 with Neo4j down,
// longer than a usual probe timeout): ready with a live Neo4j, 503 `neo4j-unreachable` when reads
// hang or fail, and probes arriving while a read hangs do not pile up reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READY_TIMEOUT_MS } from '../../src/api/health.ts';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

let graph: Graph;
let live: RunningServer;
let hanging: RunningServer;
let failing: RunningServer;
let hangingReads = 0;

/**
 * The real graph whose queries never settle (a database that accepts connections and then stalls):
 * reads and writes alike, so the server's background finaliser stalls too instead of claiming
 * other tests' sessions through working writes and then hanging on a read while holding them.
 */
function hangingGraph(): Graph {
  const g = Object.create(graph) as Graph;
  const never = () => new Promise<never>(() => undefined);
  g.read = () => {
    hangingReads++;
    return never();
  };
  g.write = never;
  g.writeAll = never;
  return g;
}

function failingGraph(): Graph {
  const g = Object.create(graph) as Graph;
  const refused = async (): Promise<never> => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7687'), { code: 'ServiceUnavailable' });
  };
  g.read = refused;
  g.write = refused;
  g.writeAll = refused;
  return g;
}

beforeAll(async () => {
  graph = await connectTestGraph();
  const projectId = randomProjectId('readyz');
  const ctx = { pricer: createPricer(), host: '127.0.0.1', projectFor: async () => projectId };
  live = await startServer({ ...ctx, graph }, 0);
  hanging = await startServer({ ...ctx, graph: hangingGraph() }, 0);
  failing = await startServer({ ...ctx, graph: failingGraph() }, 0);
});
afterAll(async () => {
  await Promise.all([live?.close(), hanging?.close(), failing?.close()]);
  await graph?.close();
});

/** A probe with a client timeout, as a load balancer or kubelet would send it. */
const probe = (url: string) => fetch(`${url}/readyz`, { signal: AbortSignal.timeout(READY_TIMEOUT_MS + 4_000) });

describe('/readyz', () => {
  it('is ready with a live Neo4j and reports its version and schema', async () => {
    const res = await probe(live.url);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', neo4j: { neo4jVersion: expect.stringMatching(/^5\./), schemaVersion: expect.any(String) } });
  });

  it('answers 503 neo4j-unreachable with Retry-After when reads hang, and concurrent probes share one read', async () => {
    const before = hangingReads;
    const responses = await Promise.all([probe(hanging.url), probe(hanging.url), probe(hanging.url)]);
    for (const res of responses) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toMatchObject({ status: 'neo4j-unreachable', error: `Neo4j did not answer within ${READY_TIMEOUT_MS} ms` });
    }
    expect(hangingReads - before).toBe(1);
  });

  it('answers 503 neo4j-unreachable when the driver fails', async () => {
    const res = await probe(failing.url);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'neo4j-unreachable', error: 'connect ECONNREFUSED 127.0.0.1:7687' });
  });
});
