// Errors a client can act on, with a code (DESIGN §10). Anything unexpected is logged here and
// answered as INTERNAL_SERVER_ERROR without its message, stack or driver details.
import { GraphQLError, type GraphQLFormattedError } from './graphql-js.ts';
import { isGraphUnavailable } from '../../graph/driver.ts';

export const ERROR_CODES = ['BAD_USER_INPUT', 'NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes graphql-js / Apollo assign to request problems; their messages are meant for the client. */
const CLIENT_CODES = new Set<string>([
  ...ERROR_CODES,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAVAILABLE',
]);

/** A field error: HTTP stays 200 and the rest of the response still carries its data. */
function coded(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export const badInput = (message: string) => coded('BAD_USER_INPUT', message);
export const notFound = (message: string) => coded('NOT_FOUND', message);

/** Drops graphql-js "Did you mean …?" hints: they reveal schema names to unauthenticated probes. */
function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

/** Apollo `formatError`: keeps client-facing errors, hides internals, never sends a stack. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isGraphUnavailable(original)) {
    return { message: 'The graph database is unreachable; retry later', path: formatted.path, extensions: { code: 'UNAVAILABLE' } };
  }
  if (!CLIENT_CODES.has(code)) {
    console.error('[graphql] internal error:', original);
    return { message: 'Internal error; see the server log', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return {
    message: withoutSuggestions(formatted.message),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code },
  };
}
