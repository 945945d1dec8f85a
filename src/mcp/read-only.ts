// The read-only gate of the graphql_query tool: the document is parsed here and refused if it
// holds any mutation or subscription, whichever operation the request names, so no MCP client
// can change or delete data through free-form GraphQL. Everything else (depth, aliases, cost) is
// the engine's own validation, applied when the operation runs.
import { GraphQLError, Kind, parse, type DocumentNode } from '../api/graphql/graphql-js.ts';
import { ToolError } from './tool-error.ts';

/** Far beyond any real read query; bounds parsing work (POST /graphql caps whole bodies at 1 MB). */
export const MAX_QUERY_CHARS = 20_000;

export function parseReadOnly(query: string): DocumentNode {
  let document: DocumentNode;
  try {
    // The same bound on tokens graphql-js offers for untrusted documents.
    document = parse(query, { maxTokens: 5000 });
  } catch (error) {
    if (error instanceof GraphQLError) throw new ToolError('GRAPHQL_PARSE_FAILED', error.message);
    throw error;
  }
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.operation !== 'query') {
      throw new ToolError(
        'FORBIDDEN',
        `graphql_query is read-only: ${definition.operation} operations are refused. ` +
          'To start a distill run use start_distill; other changes are not available over MCP.',
      );
    }
    if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) {
      throw new ToolError('FORBIDDEN', 'graphql_query takes executable documents only (queries and fragments)');
    }
  }
  return document;
}
