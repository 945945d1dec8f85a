// `clawtrace mcp`: an MCP server over stdio. Its project is the API key's in CLAWTRACE_API_KEY
// (the same keys as HTTP: a key that does not exist is refused), else --project, else `local`, like
// every other CLI command (the CLI talks to Neo4j itself, so it is as trusted as its user).
import { LOCAL_PROJECT } from '../api/context.ts';
import { readEnv } from '../config.ts';
import { createPricer } from '../domain/cost/index.ts';
import { projectForKey } from '../graph/api-keys.ts';
import { serveStdio } from '../mcp/stdio.ts';
import { withGraph } from './connect.ts';

export interface McpCommandOptions {
  project?: string;
}

export async function runMcp(options: McpCommandOptions): Promise<number> {
  // stdout is the JSON-RPC channel: a stray console.log from any module would corrupt it.
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  const env = readEnv();
  return withGraph(async (graph) => {
    let projectId = options.project ?? LOCAL_PROJECT;
    if (env.CLAWTRACE_API_KEY) {
      const keyProject = await projectForKey(graph, env.CLAWTRACE_API_KEY);
      if (keyProject === null) {
        console.error('clawtrace mcp: CLAWTRACE_API_KEY is not a known API key (clawtrace keys list shows the prefixes)');
        return 2;
      }
      if (options.project !== undefined && options.project !== keyProject) {
        console.error(`clawtrace mcp: CLAWTRACE_API_KEY acts for project ${keyProject}, not ${options.project}; drop --project or the key`);
        return 2;
      }
      projectId = keyProject;
    }
    await serveStdio({ graph, pricer: createPricer({ overridesFile: env.CLAWTRACE_PRICES }), projectId });
    return 0;
  });
}
