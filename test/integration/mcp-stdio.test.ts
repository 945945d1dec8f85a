// MCP over stdio: `clawtrace mcp` spawned as a user's client would (bin/clawtrace.mjs), driven by
// the SDK's own client. Every tool on the real OpenClaw corpus (see mcp-every-tool.ts); the project
// is --project, or the one of the API key in CLAWTRACE_API_KEY: another project's key sees nothing
// of this one, and a key that does not exist stops the server with a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createPricer } from '../../src/domain/cost/index.ts';
import { createApiKey, revokeApiKey, type CreatedKey } from '../../src/graph/api-keys.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { corpus } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { callTool, connectStdio, toolText, type StdioConnection } from '../helpers/mcp-client.ts';
import { everyToolOnVolvox, TREE_A, TREE_B } from '../helpers/mcp-every-tool.ts';
import { ingestFixture } from './graphql-client.ts';

const pricer = createPricer();
const projectA = randomProjectId('mcp-stdio-a');
const projectB = randomProjectId('mcp-stdio-b');
let graph: Graph;
let byProject: StdioConnection;

beforeAll(async () => {
  graph = await connectTestGraph();
  const report = await importFiles(graph, { paths: [corpus('openclaw-volvox-bot')], projectId: projectA, pricer });
  expect(report.sessionIds).toHaveLength(22);
  byProject = await connectStdio({ args: ['--project', projectA] });
});
afterAll(async () => {
  await byProject?.client.close();
  await graph?.close();
});

describe('MCP over stdio (clawtrace mcp --project), every tool on the OpenClaw corpus', () => {
  everyToolOnVolvox('stdio', () => ({ client: byProject.client, graph, projectId: projectA }));

  it('logs only to stderr: stdout stays JSON-RPC', () => {
    expect(byProject.stderr()).toContain(`[clawtrace mcp] serving project ${projectA} over stdio`);
  });
});

describe('MCP over stdio with CLAWTRACE_API_KEY', () => {
  let keyA: CreatedKey;
  let keyB: CreatedKey;
  beforeAll(async () => {
    await ingestFixture(graph, projectB, pricer);
    keyA = await createApiKey(graph, projectA, 'mcp stdio A');
    keyB = await createApiKey(graph, projectB, 'mcp stdio B');
  });
  // Keys are database-wide: leave none behind, or a dev database would leave local mode.
  afterAll(async () => {
    for (const key of [keyA, keyB]) if (key) await revokeApiKey(graph, key.prefix);
  });

  it("serves the key's project, and another project's key sees none of it", async () => {
    const [a, b] = await Promise.all([connectStdio({ env: { CLAWTRACE_API_KEY: keyA.key } }), connectStdio({ env: { CLAWTRACE_API_KEY: keyB.key } })]);
    try {
      const mine = YAML.parse(await toolText(a.client, 'search_sessions', { orderBy: 'most_expensive' }));
      expect(mine.sessions.map((s: { id: string }) => s.id)).toEqual([TREE_B, TREE_A]);
      const theirs = YAML.parse(await toolText(b.client, 'search_sessions', { rootOnly: false, first: 50 }));
      expect(theirs.sessions.map((s: { id: string }) => s.id).sort()).toEqual(['test:alpha', 'test:alpha-child', 'test:beta', 'test:gamma']);
      expect((await callTool(b.client, 'get_tracecard', { sessionId: TREE_B })).text).toMatch(/^NOT_FOUND: /);
      const read = JSON.parse(await toolText(b.client, 'graphql_query', { query: `{ session(id: "${TREE_B}") { id } }` }));
      expect(read.data.session).toBeNull();
    } finally {
      await Promise.all([a.client.close(), b.client.close()]);
    }
  });

  it('refuses a key that does not exist, and a --project the key does not act for', async () => {
    await expect(connectStdio({ env: { CLAWTRACE_API_KEY: 'ctk_not-a-real-key' } })).rejects.toThrow(/CLAWTRACE_API_KEY is not a known API key/);
    await expect(connectStdio({ args: ['--project', projectB], env: { CLAWTRACE_API_KEY: keyA.key } })).rejects.toThrow(
      new RegExp(`acts for project ${projectA}, not ${projectB}`),
    );
  });
});
