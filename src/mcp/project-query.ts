// A GraphQL caller bound to one project: what every tool uses to read the graph. The project comes
// from the MCP connection's credentials (API key or the CLI's local project), never from a tool
// argument, and operations run on the engine's own Apollo server with its limits.
import type { ExecuteGraphql, GraphqlOperation, GraphqlResult } from '../api/graphql/execute.ts';
import { fromGraphqlErrors } from './tool-error.ts';

export interface ProjectGraphql {
  /** Data of an operation that must succeed; its errors become a ToolError. */
  query<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Data and errors as they are (the read-only GraphQL tool shows partial results). */
  raw(operation: GraphqlOperation): Promise<GraphqlResult>;
}

export function projectGraphql(execute: ExecuteGraphql, projectId: string): ProjectGraphql {
  return {
    async query<T>(query: string, variables: Record<string, unknown> = {}) {
      const { data, errors } = await execute(projectId, { query, variables });
      if (errors.length > 0 || !data) throw fromGraphqlErrors(errors);
      return data as T;
    },
    raw: (operation) => execute(projectId, operation),
  };
}
