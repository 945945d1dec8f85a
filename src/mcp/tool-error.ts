// A failure the calling model can act on: a code (the GraphQL API's codes, plus the MCP layer's
// own) and a message that says what to do next. Tools throw it; the registration turns it into an
// MCP `isError` result. Anything else is an internal error and is never shown to the client.
import type { GraphQLFormattedError } from '../api/graphql/graphql-js.ts';

export class ToolError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** The first error's code names the failure; every message is kept (they are already client-safe). */
export function fromGraphqlErrors(errors: readonly GraphQLFormattedError[]): ToolError {
  const code = String(errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  return new ToolError(code, errors.map((e) => e.message).join('; '));
}
