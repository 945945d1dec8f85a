// MCP resources: the two documents a client may want to attach to a conversation as they are,
// addressable by URI: a session's TraceCard and a skill's latest SKILL.md. Listing offers the
// newest top-level sessions and the skills recent distill runs wrote a SKILL.md for; any other id
// can be read by URI.
import { McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ProjectGraphql } from './project-query.ts';
import { ToolError } from './tool-error.ts';
import { skillDocument } from './tools/get-skill.ts';

/** JSON-RPC code MCP uses for a resource that does not exist. */
const RESOURCE_NOT_FOUND = -32002;
const LISTED_SESSIONS = 20;

const LIST_SESSIONS = `query { sessions(first: ${LISTED_SESSIONS}, where: { rootOnly: true }) { nodes { id agentId startedAt totalCostUsd } } }`;
/** Skills with a SKILL.md are those a distill run wrote a version for (runs: the latest 100). */
const LIST_SKILLS = `query { distillRuns(first: 100) { skill versionId } }`;
const CARD = `query Card($sessionId: ID!) { traceCard(sessionId: $sessionId) { yaml } }`;

/** A URI variable as sent (one value, percent-decoded: session ids hold ':'). */
function variable(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new McpError(RESOURCE_NOT_FOUND, `Not a valid resource name: "${raw}"`);
  }
}

/** Tool errors are JSON-RPC errors for resources (there is no isError result to carry them). */
async function asResource(work: () => Promise<ReadResourceResult>): Promise<ReadResourceResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ToolError) throw new McpError(error.code === 'NOT_FOUND' ? RESOURCE_NOT_FOUND : -32602, error.message);
    throw error;
  }
}

export function registerResources(server: McpServer, graphql: ProjectGraphql): void {
  server.registerResource(
    'tracecard',
    new ResourceTemplate('clawtrace://sessions/{sessionId}/tracecard', {
      list: async () => {
        const { sessions } = await graphql.query<{ sessions: { nodes: Array<{ id: string; agentId: string | null; startedAt: string | null; totalCostUsd: number }> } }>(LIST_SESSIONS);
        return {
          resources: sessions.nodes.map((s) => ({
            uri: `clawtrace://sessions/${encodeURIComponent(s.id)}/tracecard`,
            name: `TraceCard ${s.id}`,
            description: `${s.agentId ?? 'agent ?'}, ${s.startedAt ?? 'start unknown'}, $${s.totalCostUsd.toFixed(2)}`,
            mimeType: 'application/yaml',
          })),
        };
      },
    }),
    { title: 'Session TraceCard', description: "A session's TraceCard (YAML, 512-token budget)", mimeType: 'application/yaml' },
    (uri, variables) =>
      asResource(async () => {
        const sessionId = variable(variables.sessionId);
        const { traceCard } = await graphql.query<{ traceCard: { yaml: string } | null }>(CARD, { sessionId });
        if (!traceCard) throw new ToolError('NOT_FOUND', `No session "${sessionId}" in this project`);
        return { contents: [{ uri: uri.href, mimeType: 'application/yaml', text: traceCard.yaml }] };
      }),
  );

  server.registerResource(
    'skill-md',
    new ResourceTemplate('clawtrace://skills/{name}/SKILL.md', {
      list: async () => {
        const { distillRuns } = await graphql.query<{ distillRuns: Array<{ skill: string; versionId: string | null }> }>(LIST_SKILLS);
        const withVersions = [...new Set(distillRuns.filter((r) => r.versionId).map((r) => r.skill))].sort();
        return {
          resources: withVersions.map((name) => ({
            uri: `clawtrace://skills/${encodeURIComponent(name)}/SKILL.md`,
            name: `SKILL.md ${name}`,
            mimeType: 'text/markdown',
          })),
        };
      },
    }),
    { title: 'Skill SKILL.md', description: "The latest distilled SKILL.md of a skill", mimeType: 'text/markdown' },
    (uri, variables) =>
      asResource(async () => {
        const { version } = await skillDocument(graphql, variable(variables.name));
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: version.text }] };
      }),
  );
}
