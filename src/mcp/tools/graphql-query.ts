// graphql_query: free-form reads for what the other tools do not cover, on the engine's own schema
// with the same depth / alias / cost limits as POST /graphql (the same Apollo server runs it), read
// only, and with the answer capped for a model's context.
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { fromGraphqlErrors } from '../tool-error.ts';
import { MAX_QUERY_CHARS, parseReadOnly } from '../read-only.ts';

/** The most of a GraphQL answer returned (≈ 5,000 tokens). */
export const MAX_RESPONSE_CHARS = 20_000;

export const graphqlQuery = defineTool({
  name: 'graphql_query',
  title: 'Read-only GraphQL query',
  description:
    'Runs a read-only GraphQL query on the ClawTrace API (describe_schema shows the types) for anything the other tools ' +
    'do not answer, e.g. a session\'s span tree, failures, models, tools, agents. Mutations and subscriptions are ' +
    'refused. The API\'s depth, alias and cost limits apply; ask for few fields and small `first` pages. The JSON ' +
    `answer is cut at ${MAX_RESPONSE_CHARS} characters.`,
  input: {
    query: z.string().min(1).max(MAX_QUERY_CHARS).describe('a GraphQL query document'),
    variables: z.record(z.string(), z.unknown()).optional(),
    operationName: z.string().max(200).optional().describe('which operation to run when the document has several'),
  },
  readOnly: true,
  async run(args, graphql) {
    parseReadOnly(args.query);
    const { data, errors } = await graphql.raw({ query: args.query, variables: args.variables, operationName: args.operationName });
    // Nothing to show but errors: a tool error. Partial data keeps its field errors beside it.
    if (!data) throw fromGraphqlErrors(errors.length ? errors : [{ message: 'The query returned no data' }]);
    const text = JSON.stringify(errors.length ? { data, errors } : { data });
    if (text.length <= MAX_RESPONSE_CHARS) return text;
    return (
      `${text.slice(0, MAX_RESPONSE_CHARS)}\n… [truncated: the answer has ${text.length} characters; ` +
      'ask for fewer fields or a smaller `first`, or page with `after`]'
    );
  },
});
