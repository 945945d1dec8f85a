// Runs a GraphQL operation in-process for a project already settled by the caller's key, through
// the same Apollo server as POST /graphql: the same validation rules, cost limit, resolvers,
// DataLoaders per operation and error formatting. The MCP tools are built on this, so they can
// never see more, or cost more, than the HTTP API would allow the same key.
import type { ApolloServer } from '@apollo/server';
import type { AppContext } from '../context.ts';
import type { GraphQLContext } from './context.ts';
import type { GraphQLFormattedError } from './graphql-js.ts';
import { createLoaders } from './loaders.ts';

export interface GraphqlOperation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface GraphqlResult {
  data: Record<string, unknown> | null;
  errors: readonly GraphQLFormattedError[];
}

export type ExecuteGraphql = (projectId: string, operation: GraphqlOperation) => Promise<GraphqlResult>;

export function graphqlExecutor(apollo: ApolloServer<GraphQLContext>, app: Pick<AppContext, 'graph' | 'pricer'>): ExecuteGraphql {
  return async (projectId, operation) => {
    const response = await apollo.executeOperation(
      { query: operation.query, variables: operation.variables, operationName: operation.operationName },
      { contextValue: { graph: app.graph, pricer: app.pricer, projectId, loaders: createLoaders(app.graph, projectId) } },
    );
    // Only incremental delivery (@defer/@stream) answers in parts; the schema declares neither.
    if (response.body.kind !== 'single') throw new Error('Incremental GraphQL responses are not supported here');
    const { data, errors } = response.body.singleResult;
    return { data: (data as Record<string, unknown> | null | undefined) ?? null, errors: errors ?? [] };
  };
}
