// One MCP server per connection (stdio) or request (stateless HTTP), bound to the caller's project:
// the tools and resources read the graph only through the engine's GraphQL executor, so auth,
// tenancy, limits and error shapes are exactly those of /graphql.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { isGraphUnavailable } from '../graph/driver.ts';
import type { ExecuteGraphql } from '../api/graphql/execute.ts';
import { MAX_TOOL_CHARS, clip } from './present.ts';
import { projectGraphql, type ProjectGraphql } from './project-query.ts';
import { registerResources } from './resources.ts';
import type { ClawtraceTool } from './tool.ts';
import { ToolError } from './tool-error.ts';
import { budgetStateTool } from './tools/budget-state.ts';
import { costRollup } from './tools/cost-rollup.ts';
import { describeSchema } from './tools/describe-schema.ts';
import { getDistillRun } from './tools/get-distill-run.ts';
import { getSkill } from './tools/get-skill.ts';
import { getSpan } from './tools/get-span.ts';
import { getTraceCard } from './tools/get-tracecard.ts';
import { graphqlQuery, MAX_RESPONSE_CHARS } from './tools/graphql-query.ts';
import { listSkills } from './tools/list-skills.ts';
import { redundantCalls } from './tools/redundant-calls.ts';
import { searchSessions } from './tools/search-sessions.ts';
import { skillImpactTool } from './tools/skill-impact.ts';
import { startDistill } from './tools/start-distill.ts';

export const SERVER_NAME = 'clawtrace';
export const SERVER_VERSION = '0.1.0';

const INSTRUCTIONS =
  'ClawTrace holds the traces of your agent sessions (LLM calls, tool calls, sub-agents) with their costs in USD. ' +
  'Find sessions with search_sessions, read one with get_tracecard, find waste with redundant_calls, break spend down ' +
  'with cost_rollup, drill into a step with get_span, improve a skill with start_distill / get_distill_run / ' +
  'get_skill, and check whether a new skill version paid off with skill_impact. graphql_query (read-only) with describe_schema covers anything else. Money is rounded for reading.';

/** The tool's answer as an MCP result; failures become isError results with a code and a message. */
async function answer(run: () => Promise<string>, cap: number): Promise<CallToolResult> {
  try {
    return { content: [{ type: 'text', text: clip(await run(), cap) }] };
  } catch (error) {
    let message: string;
    if (error instanceof ToolError) message = error.message;
    else if (isGraphUnavailable(error)) message = 'UNAVAILABLE: The graph database is unreachable; retry later';
    else {
      console.error('[mcp] tool failed:', error);
      message = 'INTERNAL_SERVER_ERROR: Internal error; see the server log';
    }
    return { content: [{ type: 'text', text: message }], isError: true };
  }
}

function register<Shape extends z.ZodRawShape>(server: McpServer, tool: ClawtraceTool<Shape>, graphql: ProjectGraphql): void {
  // graphql_query has its own, larger cap (it says so in its answer); a little room for its marker.
  const cap = tool === (graphqlQuery as unknown) ? MAX_RESPONSE_CHARS + 500 : MAX_TOOL_CHARS;
  // The SDK's callback type is conditional on the input shape, which TypeScript cannot resolve for
  // a generic Shape: register with the plain zod shape type; `tool.run` keeps its own typing.
  const inputSchema: z.ZodRawShape = tool.input;
  server.registerTool<z.ZodRawShape, z.ZodRawShape>(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema,
      annotations: { readOnlyHint: tool.readOnly, destructiveHint: false, idempotentHint: tool.readOnly, openWorldHint: false },
    },
    (args) => answer(() => tool.run(args as z.infer<z.ZodObject<Shape>>, graphql), cap),
  );
}

export function createMcpServer(options: { execute: ExecuteGraphql; projectId: string }): McpServer {
  const server = new McpServer({ name: SERVER_NAME, version: SERVER_VERSION }, { instructions: INSTRUCTIONS });
  const graphql = projectGraphql(options.execute, options.projectId);
  register(server, searchSessions, graphql);
  register(server, getTraceCard, graphql);
  register(server, costRollup, graphql);
  register(server, redundantCalls, graphql);
  register(server, getSpan, graphql);
  register(server, listSkills, graphql);
  register(server, getSkill, graphql);
  register(server, skillImpactTool, graphql);
  register(server, budgetStateTool, graphql);
  register(server, startDistill, graphql);
  register(server, getDistillRun, graphql);
  register(server, describeSchema, graphql);
  register(server, graphqlQuery, graphql);
  registerResources(server, graphql);
  return server;
}
