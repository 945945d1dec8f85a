// Abuse limits and error hygiene: depth, alias, cost and body-size limits reject with a clear
// message while normal Relay queries and introspection pass; errors carry codes and never leak
// stack traces, driver messages or field suggestions.
import { getIntrospectionQuery } from 'graphql/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_GRAPHQL_BODY_BYTES } from '../../src/api/graphql/endpoint.ts';
import { MAX_ALIASES, MAX_COST, MAX_DEPTH } from '../../src/api/graphql/limits.ts';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { FIXTURE, gql, ingestFixture, ok } from './graphql-client.ts';

let graph: Graph;
let server: RunningServer;
let broken: RunningServer;
let unreachable: RunningServer;
const projectId = randomProjectId('limits');

/** The real graph, except that every read fails the way the driver would. */
function failingGraph(error: Error): Graph {
  const g = Object.create(graph) as Graph;
  g.read = async () => {
    throw error;
  };
  return g;
}

beforeAll(async () => {
  graph = await connectTestGraph();
  const pricer = createPricer();
  await ingestFixture(graph, projectId, pricer);
  const ctx = { pricer, host: '127.0.0.1', projectFor: async () => projectId };
  server = await startServer({ ...ctx, graph }, 0);
  const secret = Object.assign(new Error('Neo.ClientError.Statement.SyntaxError: secret detail at bolt://db-host:7687'), {
    code: 'Neo.ClientError.Statement.SyntaxError',
  });
  broken = await startServer({ ...ctx, graph: failingGraph(secret) }, 0);
  unreachable = await startServer({ ...ctx, graph: failingGraph(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ServiceUnavailable' })) }, 0);
});
afterAll(async () => {
  await Promise.all([server?.close(), broken?.close(), unreachable?.close()]);
  await graph?.close();
});

const RELAY_PAGE = `query Page($first: Int, $after: String) {
  sessions(first: $first, after: $after, orderBy: { field: STARTED_AT, direction: DESC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id startedAt totalCostUsd agent { id name } spans(first: 20) { totalCount edges { cursor node { id kind name costUsd } } } } }
  }
}`;

describe('limits', () => {
  it('a normal Relay query and the GraphiQL introspection query pass', async () => {
    const page = ok(await gql<{ sessions: { edges: unknown[] } }>(server.url, RELAY_PAGE, { first: 100 }));
    expect(page.sessions.edges).toHaveLength(4);
    ok(await gql(server.url, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true })));
  });

  it(`rejects a query deeper than ${MAX_DEPTH}`, async () => {
    const nested = `{ span(id: "x") { ${'parent { '.repeat(MAX_DEPTH)} id ${'} '.repeat(MAX_DEPTH)} } }`;
    const res = await gql(server.url, nested);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(res.errors?.[0]?.message).toMatch(/depth \d+ exceeds the limit of 12/);
  });

  it(`rejects more than ${MAX_ALIASES} aliases`, async () => {
    const aliased = `{ ${Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `a${i}: session(id: "${FIXTURE.alpha}") { id }`).join(' ')} }`;
    const res = await gql(server.url, aliased);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/31 aliases; the limit is 30/);
  });

  it(`rejects a query costing more than ${MAX_COST}, counting page sizes given in variables`, async () => {
    const query = `query($n: Int) { sessions(first: 100) { nodes { spans(first: $n) { nodes { id name kind } } } } }`;
    const res = await gql(server.url, query, { n: 1000 });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/Query cost \d+ exceeds the limit of 50000/);
    ok(await gql(server.url, query, { n: 50 }));
  });

  /** `fragment F1 on Session { ...F2 ...F2 id }` … : 2^levels fields once expanded, ~45 bytes a level. */
  const doublingChain = (levels: number) =>
    `{ sessions { nodes { ...F1 } } }\n` +
    Array.from({ length: levels }, (_, i) => (i + 1 < levels ? `fragment F${i + 1} on Session { ...F${i + 2} ...F${i + 2} id }` : `fragment F${i + 1} on Session { id }`)).join('\n');

  it('rejects fragment chains that double at every level (30 and 60 levels) while /healthz keeps answering', async () => {
    // Issue 13: expanding every spread blocked the event loop for minutes. Several at once, and
    // the health probe must be answered while they are in flight (it times out if the loop is stuck).
    const hostile = [30, 60, 30, 60, 60].map((levels) => gql(server.url, doublingChain(levels)));
    const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(200);
    for (const res of await Promise.all(hostile)) {
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.message).toMatch(/Query cost \d+(e\+\d+)? exceeds the limit of 50000/);
    }
    // The same shape below the limit still passes, and its cost counts every expansion: 13 levels
    // are 2^13 - 1 fields per session, times the default page of 20, plus sessions and nodes.
    ok(await gql(server.url, doublingChain(8)));
    const thirteen = await gql(server.url, doublingChain(13));
    expect(thirteen.errors?.[0]?.message).toMatch(new RegExp(`Query cost ${2 + 20 * (2 ** 13 - 1)} exceeds`));
  });

  it('computes depth through fragments spread many times, and still finds the deepest path', async () => {
    const levels = 40;
    const deep = `{ span(id: "x") { ...P1 } }\n` +
      Array.from({ length: levels }, (_, i) => (i + 1 < levels ? `fragment P${i + 1} on Span { ...P${i + 2} parent { ...P${i + 2} } }` : `fragment P${i + 1} on Span { id }`)).join('\n');
    const res = await gql(server.url, deep);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/Query depth 41 exceeds the limit of 12/);
  });

  it('rejects a body over the size limit with 413 before parsing it', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ agents { id } }`, variables: { pad: 'x'.repeat(MAX_GRAPHQL_BODY_BYTES) } }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses batched requests and non-JSON posts (CSRF-safe)', async () => {
    const batch = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ agents { id } }' }, { query: '{ tools { name } }' }]),
    });
    expect(batch.status).toBe(400);
    const form = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ agents { id } }"}' });
    expect(form.status).toBe(400);
    expect(await form.text()).not.toContain('agent');
  });
});

describe('errors', () => {
  it('give no field suggestions for misspelt fields, arguments or enum values', async () => {
    for (const query of [`{ sesions { id } }`, `{ sessions(frist: 1) { totalCount } }`, `{ costRollup(groupBy: [MODLE]) { key1 } }`]) {
      const res = await gql(server.url, query);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.text).not.toMatch(/Did you mean/i);
    }
    const variable = await gql(server.url, `query($g: [RollupDimension!]!) { costRollup(groupBy: $g) { key1 } }`, { g: ['MODLE'] });
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.text).not.toMatch(/Did you mean/i);
  });

  it('hide internal failures: no message, driver detail or stack, just a code', async () => {
    const res = await gql(broken.url, `{ sessions { totalCount } }`);
    expect(res.errors?.[0]).toEqual({ message: 'Internal error; see the server log', path: ['sessions'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(res.text).not.toMatch(/secret|bolt:|Neo\.|stack|at .*\.ts/);
  });

  it('say when the database is unreachable', async () => {
    const res = await gql(unreachable.url, `{ agents { id } }`);
    expect(res.errors?.[0]).toMatchObject({ message: 'The graph database is unreachable; retry later', extensions: { code: 'UNAVAILABLE' } });
  });

  it('BAD_USER_INPUT and NOT_FOUND for mutations a user can fix', async () => {
    const bad = await gql(server.url, `mutation { recordOutcome(input: { sessionId: "${FIXTURE.alpha}", result: SUCCESS, score: 1, notes: "${'n'.repeat(10_001)}" }) { outcome { id } } }`);
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(bad.errors?.[0]?.message).toMatch(/input\.notes: at most 10000 characters/);
    const missing = await gql(server.url, `mutation { deleteSession(input: { id: "test:nope" }) { deletedSpans } }`);
    expect(missing.errors?.[0]).toMatchObject({ message: 'No session "test:nope" in this project', extensions: { code: 'NOT_FOUND' } });
  });
});
