// MCP clients for tests: the official SDK client over Streamable HTTP (an engine started in-test)
// or over stdio (a spawned `clawtrace mcp`), and a call helper that returns a tool's text.
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { inject } from 'vitest';
import { PROJECT_ROOT } from './corpora.ts';

export interface ToolAnswer {
  text: string;
  isError: boolean;
}

export async function connectHttp(baseUrl: string, key?: string): Promise<Client> {
  const client = new Client({ name: 'clawtrace-test', version: '0.0.0' });
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers } }));
  return client;
}

export interface StdioConnection {
  client: Client;
  /** What the server wrote to stderr so far. */
  stderr(): string;
}

/** Spawns `clawtrace mcp` (bin/clawtrace.mjs, as a user runs it) against the test Neo4j. */
export async function connectStdio(options: { args?: string[]; env?: Record<string, string> } = {}): Promise<StdioConnection> {
  const { uri, user, password } = inject('neo4j');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && name !== 'CLAWTRACE_API_KEY') env[name] = value;
  Object.assign(env, { NEO4J_URI: uri }, user ? { NEO4J_USER: user } : {}, password ? { NEO4J_PASSWORD: password } : {}, options.env);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['bin/clawtrace.mjs', 'mcp', ...(options.args ?? [])],
    cwd: PROJECT_ROOT,
    env,
    stderr: 'pipe',
  });
  let stderr = '';
  (transport.stderr as Readable | null)?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'clawtrace-test', version: '0.0.0' });
  try {
    await client.connect(transport);
  } catch (error) {
    throw new Error(`clawtrace mcp did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { client, stderr: () => stderr };
}

export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as Array<{ type: string; text?: string }>;
  return { text: content.map((c) => c.text ?? '').join('\n'), isError: result.isError === true };
}

/** The text of a call that must succeed. */
export async function toolText(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const answer = await callTool(client, name, args);
  if (answer.isError) throw new Error(`${name} failed: ${answer.text}`);
  return answer.text;
}
