// MCP over Streamable HTTP at /mcp of a real engine server, driven by the SDK's own client: every
// tool on the real OpenClaw corpus (see mcp-every-tool.ts), and the engine's auth: API keys decide
// the project, another project's key sees nothing of this one, no key or a wrong key is a 401, and
// local mode (no keys) serves loopback callers only.
import http from 'node:http';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createProjectResolver } from '../../src/api/auth.ts';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { createApiKey, revokeApiKey, type CreatedKey } from '../../src/graph/api-keys.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { callTool, connectHttp, toolText } from '../helpers/mcp-client.ts';
import { everyToolOnVolvox, TOOL_NAMES, TREE_A } from '../helpers/mcp-every-tool.ts';
import { ingestFixture } from './graphql-client.ts';

/** fetch cannot set Host; a DNS-rebinding page's request carries its own name there. */
function postWithHost(url: string, host: string, message: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { host, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(message));
  });
}

const pricer = createPricer();
const projectA = randomProjectId('mcp-http-a');
const projectB = randomProjectId('mcp-http-b');
let graph: Graph;
let server: RunningServer;
let keyA: CreatedKey;
let keyB: CreatedKey;
let clientA: Client;
let clientB: Client;

beforeAll(async () => {
  graph = await connectTestGraph();
  const report = await importFiles(graph, { paths: [corpus('openclaw-volvox-bot')], projectId: projectA, pricer });
  expect(report.sessionIds).toHaveLength(22);
  await ingestFixture(graph, projectB, pricer);
  keyA = await createApiKey(graph, projectA, 'mcp test A');
  keyB = await createApiKey(graph, projectB, 'mcp test B');
  server = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: await createProjectResolver(graph, '127.0.0.1') }, 0);
  clientA = await connectHttp(server.url, keyA.key);
  clientB = await connectHttp(server.url, keyB.key);
});
afterAll(async () => {
  await clientA?.close();
  await clientB?.close();
  await server?.close();
  // Keys are database-wide: leave none behind, or a dev database would leave local mode.
  for (const key of [keyA, keyB]) if (key) await revokeApiKey(graph, key.prefix);
  await graph?.close();
});

describe('MCP over HTTP, every tool on the OpenClaw corpus', () => {
  everyToolOnVolvox('http', () => ({ client: clientA, graph, projectId: projectA }));
});

describe('MCP over HTTP: auth and tenancy', () => {
  it("another project's key sees none of this project's sessions, spans, cards, runs or skills", async () => {
    const listed = YAML.parse(await toolText(clientB, 'search_sessions', { first: 50, rootOnly: false }));
    expect(listed.sessions.map((s: { id: string }) => s.id).sort()).toEqual(['test:alpha', 'test:alpha-child', 'test:beta', 'test:gamma']);
    expect(await callTool(clientB, 'get_tracecard', { sessionId: TREE_A })).toMatchObject({ isError: true, text: expect.stringMatching(/^NOT_FOUND: /) });
    expect((await callTool(clientB, 'get_span', { spanId: `${TREE_A}:1` })).text).toMatch(/^NOT_FOUND: /);
    const cost = YAML.parse(await toolText(clientB, 'cost_rollup', { groupBy: ['model'] }));
    expect(cost.rows.map((r: { model: string }) => r.model)).not.toContain('gpt-5.3-codex');
    expect((await callTool(clientB, 'redundant_calls', { sessionId: TREE_A })).text).toMatch(/^NOT_FOUND: No session /);
    expect(YAML.parse(await toolText(clientB, 'redundant_calls')).top.map((f: { spanId: string }) => f.spanId)).toEqual(['test:alpha:3']);
    const read = JSON.parse(await toolText(clientB, 'graphql_query', { query: `{ session(id: "${TREE_A}") { id } node(id: "${TREE_A}") { id } }` }));
    expect(read.data).toEqual({ session: null, node: null });
    const skills = YAML.parse(await toolText(clientB, 'list_skills'));
    expect(skills.cohorts.map((c: { key: string }) => c.key)).not.toContain('build');
    await expect(clientB.readResource({ uri: `clawtrace://sessions/${encodeURIComponent(TREE_A)}/tracecard` })).rejects.toThrow(/No session/);
    // A distill run of project A (started by the shared checks) is not B's to read.
    const runs = JSON.parse(await toolText(clientA, 'graphql_query', { query: '{ distillRuns(first: 1) { id } }' }));
    const runId = runs.data.distillRuns[0]?.id as string | undefined;
    if (runId) expect((await callTool(clientB, 'get_distill_run', { id: runId })).text).toMatch(/^NOT_FOUND: /);
  });

  it('no key or an unknown key gets 401 before any MCP message is read', async () => {
    await expect(connectHttp(server.url)).rejects.toThrow(/401|Missing API key/);
    await expect(connectHttp(server.url, 'ctk_not-a-real-key')).rejects.toThrow(/401|Unknown API key/);
    const res = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="clawtrace"');
    expect(await res.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32001, message: expect.stringMatching(/Missing API key/) } });
  });

  it('the server is stateless: GET and DELETE /mcp are 405, a bad body is a JSON-RPC error', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${server.url}/mcp`, { method, headers: { authorization: `Bearer ${keyA.key}`, accept: 'text/event-stream' } });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
    const bad = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keyA.key}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: -32700 } });
  });

  it('local mode (no keys anywhere) serves loopback callers without a key, and refuses a rebound host name', async () => {
    // The database-wide "any key exists" fact is substituted (keys of this test exist right now).
    const local = await startServer({ graph, pricer, host: '127.0.0.1', projectFor: await createProjectResolver(graph, '127.0.0.1', async () => false) }, 0);
    try {
      const client = await connectHttp(local.url);
      expect((await client.listTools()).tools.length).toBe(TOOL_NAMES.length);
      await client.close();
      const rebound = await postWithHost(`${local.url}/mcp`, `attacker.example:${local.port}`, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
      expect(rebound.status).toBe(403);
      expect(JSON.parse(rebound.body)).toMatchObject({ error: { code: -32001, data: { code: 'FORBIDDEN' } } });
    } finally {
      await local.close();
    }
  });
});
