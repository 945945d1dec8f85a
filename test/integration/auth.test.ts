// Tenancy through API keys: a key for project A can never read, export, mutate or ingest into
// project B, through any query, node lookup, export or ingest endpoint; a missing or wrong key gets
// 401 and no data. Local mode (no keys) only on loopback, and never for a rebound DNS name.
import { untilEngineFinalised } from '../helpers/finalised.ts';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthSetupError, createProjectResolver } from '../../src/api/auth.ts';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { createApiKey, hashApiKey, listApiKeys, projectForKey, revokeApiKey, type CreatedKey } from '../../src/graph/api-keys.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { llmCall, sessionWith, toolCall } from '../helpers/factories.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { FIXTURE, gql, ingestFixture, ok } from './graphql-client.ts';

let graph: Graph;
let server: RunningServer;
let keyA: CreatedKey;
let keyB: CreatedKey;
const projectA = randomProjectId('tenant-a');
const projectB = randomProjectId('tenant-b');
const pricer = createPricer();

beforeAll(async () => {
  graph = await connectTestGraph();
  for (const project of [projectA, projectB]) await ingestFixture(graph, project, pricer);
  await ingestBatch(graph, projectA, sessionWith({ name: 'only-a', agentId: 'agent-a' }, [llmCall({ costUsd: 1.11 })]), pricer);
  await ingestBatch(
    graph,
    projectB,
    sessionWith({ name: 'only-b', agentId: 'agent-secret-b', skill: 'secret-skill-b' }, [
      llmCall({ model: 'secret-model-b', costUsd: 7.77, calls: [toolCall('secret-tool-b', { q: 1 }, { status: 'error' })] }),
    ]),
    pricer,
  );
  keyA = await createApiKey(graph, projectA, 'test A');
  keyB = await createApiKey(graph, projectB, 'test B');
  server = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: await createProjectResolver(graph, '127.0.0.1') }, 0);
});
afterAll(async () => {
  await server?.close();
  // Keys are database-wide: leave none behind, or a dev database would leave local mode.
  for (const key of [keyA, keyB]) if (key) await revokeApiKey(graph, key.prefix);
  await graph?.close();
});

const EVERYTHING = `{
  sessions(first: 100) { totalCount nodes { id agentId outcome outcomes { result } childSessions { id } } }
  session(id: "test:only-b") { id }
  span(id: "test:only-b:1") { id }
  node(id: "test:only-b") { id }
  spanNode: node(id: "test:only-b:2") { id }
  failures(first: 100) { totalCount nodes { id errorMessage toolName } }
  costRollup(groupBy: [MODEL]) { key1 costUsd }
  toolRollup: costRollup(groupBy: [TOOL, SKILL]) { key1 key2 }
  redundantCalls(where: { sessionId: "test:only-b" }) { spanId }
  allRedundant: redundantCalls { spanId sessionId }
  traceCard(sessionId: "test:only-b") { yaml }
  agents { id } models { id } tools { name } skills { name }
}`;

interface Everything {
  sessions: { totalCount: number; nodes: Array<{ id: string; outcome: string | null }> };
  session: null;
  span: null;
  node: null;
  spanNode: null;
  failures: { totalCount: number };
  costRollup: Array<{ key1: string; costUsd: number }>;
  redundantCalls: unknown[];
  traceCard: null;
  agents: Array<{ id: string }>;
}

function eventsBody(traceId: string): string {
  const at = (s: number) => Date.parse('2026-02-01T00:00:00Z') + s * 1000;
  const ev = (n: number, eventType: string, spanId: string, payload: Record<string, unknown> = {}, parentSpanId: string | null = null) => ({
    schemaVersion: 1,
    agentId: 'main',
    event: { eventId: `${traceId}-${n}`, eventType, traceId, spanId, parentSpanId, tsMs: at(n), payload },
  });
  return JSON.stringify([
    ev(0, 'session_start', 'root', { task: 'ingested with a key' }),
    ev(1, 'llm_before_call', 'llm-1', { model: 'claude-sonnet-4-5', provider: 'anthropic' }, 'root'),
    ev(2, 'llm_after_call', 'llm-1', { model: 'claude-sonnet-4-5', usage: { input: 10, output: 5 }, costUsd: 0.5 }, 'root'),
    ev(3, 'session_end', 'root'),
  ]);
}

async function request(path: string, init: RequestInit & { key?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  return fetch(`${server.url}${path}`, { ...init, headers });
}

const ENDPOINTS: Array<[string, RequestInit]> = [
  ['/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ sessions { nodes { id } } }' }) }],
  ['/v1/export/sessions.csv', {}],
  ['/v1/export/spans.ndjson', {}],
  ['/v1/export/rollup.csv?groupBy=model', {}],
  ['/v1/events', { method: 'POST', body: eventsBody('unauthorised') }],
  ['/v1/traces', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"resourceSpans":[]}' }],
];

describe('authentication', () => {
  for (const [label, header] of [
    ['no key', undefined],
    ['an unknown key', 'Bearer ctk_not-a-real-key'],
    ['a malformed header', 'Basic dXNlcjpwYXNz'],
  ] as const) {
    it(`${label}: 401 with no data on every endpoint`, async () => {
      for (const [path, init] of ENDPOINTS) {
        const headers = new Headers(init.headers);
        if (header) headers.set('authorization', header);
        const res = await fetch(`${server.url}${path}`, { ...init, headers });
        const text = await res.text();
        expect(res.status, path).toBe(401);
        expect(res.headers.get('www-authenticate'), path).toMatch(/^Bearer/);
        expect(text, path).toMatch(/UNAUTHENTICATED/);
        expect(text, path).not.toMatch(/test:|only-|agent-/);
      }
    });
  }

  it('stores keys hashed: the graph holds a SHA-256 and a short prefix, never the key', async () => {
    expect(keyA.key).toMatch(/^ctk_[A-Za-z0-9_-]{43}$/);
    expect(await projectForKey(graph, keyA.key)).toBe(projectA);
    expect(hashApiKey(keyA.key)).toMatch(/^[0-9a-f]{64}$/);
    const listed = (await listApiKeys(graph, projectA)).find((k) => k.prefix === keyA.prefix);
    expect(listed).toMatchObject({ projectId: projectA, name: 'test A' });
    expect(JSON.stringify(listed)).not.toContain(keyA.key);
    expect(keyA.key.startsWith(keyA.prefix) && keyA.prefix.length < 16).toBe(true);
  });
});

describe('a key for project A', () => {
  it('reads only project A, through every query and node lookup', async () => {
    const res = await gql<Everything>(server.url, EVERYTHING, {}, { key: keyA.key });
    const data = ok(res);
    expect(data.sessions.nodes.map((s) => s.id).sort()).toEqual([FIXTURE.alpha, FIXTURE.alphaChild, FIXTURE.beta, FIXTURE.gamma, 'test:only-a']);
    expect([data.session, data.span, data.node, data.spanNode, data.traceCard]).toEqual([null, null, null, null, null]);
    expect(data.redundantCalls).toEqual([]);
    expect(data.failures.totalCount).toBe(2);
    expect(data.costRollup.reduce((sum, r) => sum + r.costUsd, 0)).toBeCloseTo(0.11 + 1.11, 9);
    expect(res.text).not.toMatch(/only-b|secret/);
  });

  it('cannot change project B, even for ids both projects have', async () => {
    const record = `mutation($id: ID!) { recordOutcome(input: { sessionId: $id, result: FAILURE }) { outcome { id } } }`;
    const remove = `mutation($id: ID!) { deleteSession(input: { id: $id }) { deletedSessionIds } }`;
    expect((await gql(server.url, record, { id: 'test:only-b' }, { key: keyA.key })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(server.url, remove, { id: 'test:only-b' }, { key: keyA.key })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A's own copies of shared ids: changed for A only.
    ok(await gql(server.url, record, { id: FIXTURE.beta }, { key: keyA.key }));
    ok(await gql(server.url, remove, { id: FIXTURE.gamma }, { key: keyA.key }));
    const b = ok(
      await gql<{ onlyB: { id: string; outcome: null }; beta: { outcome: null; outcomes: unknown[] }; gamma: { id: string } }>(
        server.url,
        `{ onlyB: session(id: "test:only-b") { id outcome } beta: session(id: "${FIXTURE.beta}") { outcome outcomes { id } } gamma: session(id: "${FIXTURE.gamma}") { id } }`,
        {},
        { key: keyB.key },
      ),
    );
    expect(b).toEqual({ onlyB: { id: 'test:only-b', outcome: null }, beta: { outcome: null, outcomes: [] }, gamma: { id: FIXTURE.gamma } });
  });

  it('exports only project A', async () => {
    for (const [path, ownData] of [
      ['/v1/export/sessions.csv', 'agent-a'],
      ['/v1/export/sessions.ndjson?rootOnly=true', 'test:only-a'],
      ['/v1/export/spans.csv', 'test:only-a:1'],
      ['/v1/export/rollup.ndjson?groupBy=tool,model', '"tool":"read"'],
    ]) {
      const res = await request(path!, { key: keyA.key });
      expect(res.status, path).toBe(200);
      const text = await res.text();
      expect(text, path).toContain(ownData);
      expect(text, path).not.toMatch(/only-b|secret/);
    }
  });

  it('ingests into project A only (/v1/events and /v1/traces take the project from the key)', async () => {
    const res = await request('/v1/events', { method: 'POST', key: keyA.key, body: eventsBody('auth-trace') });
    expect(res.status).toBe(200);
    const traces = await request('/v1/traces', { method: 'POST', key: keyA.key, headers: { 'content-type': 'application/json' }, body: '{"resourceSpans":[]}' });
    expect(traces.status).toBe(200);
    await untilEngineFinalised(server.url, keyA.key);
    const query = `{ session(id: "events:auth-trace") { id task totalCostUsd } }`;
    const forA = ok(await gql<{ session: { task: string; totalCostUsd: number } | null }>(server.url, query, {}, { key: keyA.key }));
    expect(forA.session).toMatchObject({ task: 'ingested with a key' });
    expect(forA.session!.totalCostUsd).toBeCloseTo(0.5, 9);
    const forB = ok(await gql<{ session: null }>(server.url, query, {}, { key: keyB.key }));
    expect(forB.session).toBeNull();
  });

  it('stops working once revoked (for a server that has not cached it)', async () => {
    const temp = await createApiKey(graph, projectA);
    expect(await revokeApiKey(graph, temp.prefix)).toBe(1);
    const res = await gql(server.url, '{ agents { id } }', {}, { key: temp.key });
    expect(res.status).toBe(401);
  });
});

/** Plain node:http, so the Host header can be set to anything. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/v1/export/sessions.csv`, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local mode (no keys configured)', () => {
  it('refuses to start bound to a non-loopback address without keys', async () => {
    await expect(createProjectResolver(graph, '0.0.0.0', async () => false)).rejects.toThrow(AuthSetupError);
    await expect(createProjectResolver(graph, '0.0.0.0', async () => false)).rejects.toThrow(/Refusing to listen on 0\.0\.0\.0 without API keys.*keys create/);
    await expect(createProjectResolver(graph, '0.0.0.0', async () => true)).resolves.toBeTypeOf('function');
  });

  it('serves loopback callers as project "local", refuses rebound host names, and ends when a key appears', async () => {
    let keysExist = false;
    const local = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: await createProjectResolver(graph, '127.0.0.1', async () => keysExist) }, 0);
    try {
      expect((await getWithHost(local.url, `127.0.0.1:${local.port}`)).status).toBe(200);
      expect((await getWithHost(local.url, `localhost:${local.port}`)).status).toBe(200);
      const rebound = await getWithHost(local.url, `attacker.example:${local.port}`);
      expect(rebound.status).toBe(403);
      expect(rebound.body).toMatch(/FORBIDDEN/);
      expect((await gql(local.url, '{ agents { id } }', {}, { key: 'ctk_unknown' })).status).toBe(401);
      keysExist = true;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await gql(local.url, '{ agents { id } }')).status).toBe(401);
    } finally {
      await local.close();
    }
  });
});
