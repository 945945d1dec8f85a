// `clawtrace mcp`: the same MCP server over stdin/stdout for local clients (Claude Code, OpenClaw),
// running its own in-process Apollo server on the graph, for one project fixed at start. It lives
// until the client closes stdin or sends a signal. stdout carries JSON-RPC only: every log goes to
// stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createApolloServer } from '../api/graphql/apollo.ts';
import { graphqlExecutor } from '../api/graphql/execute.ts';
import type { Pricer } from '../domain/cost/index.ts';
import type { Graph } from '../graph/driver.ts';
import { createMcpServer } from './server.ts';

export async function serveStdio(options: { graph: Graph; pricer: Pricer; projectId: string }): Promise<void> {
  const apollo = createApolloServer();
  await apollo.start();
  const server = createMcpServer({ execute: graphqlExecutor(apollo, options), projectId: options.projectId });
  const closed = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.connect(new StdioServerTransport());
  console.error(`[clawtrace mcp] serving project ${options.projectId} over stdio`);
  await closed;
  await server.close();
  await apollo.stop();
}
