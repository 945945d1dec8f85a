// Custom scalars of the SDL. DateTime travels as an ISO-8601 UTC string (how the graph stores
// instants, so string comparison is time order); JSON passes any JSON value through.
import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped, type ValueNode } from './graphql-js.ts';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../../domain/json-depth.ts';
import { badInput } from './errors.ts';

/** ISO-8601 date-time with a zone (Z or ±hh:mm); a bare date is taken as midnight UTC. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

/** Parses an input instant to the stored form (`toISOString`), or throws a BAD_USER_INPUT error. */
export function parseInstant(value: unknown): string {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value.trim())) {
    throw badInput(`DateTime must be an ISO-8601 string with a time zone, e.g. 2026-01-31T12:00:00Z (got ${JSON.stringify(value)})`);
  }
  const ms = Date.parse(value.trim());
  if (!Number.isFinite(ms)) throw badInput(`DateTime ${JSON.stringify(value)} is not a valid instant`);
  return new Date(ms).toISOString();
}

function serializeInstant(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
  }
  throw new GraphQLError(`DateTime cannot represent ${typeof value}`);
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  serialize: serializeInstant,
  parseValue: parseInstant,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime must be written as a string');
    return parseInstant(ast.value);
  },
});

/**
 * A JSON input nested deeper than any real evidence would overflow the recursive walks after it
 * (validation, JSON.stringify when stored): refused as the client's mistake (issue 13).
 */
function boundedJson(value: unknown): unknown {
  if (nestedDeeperThan(value)) throw badInput(`JSON input nested deeper than ${MAX_JSON_DEPTH} levels`);
  return value;
}

export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: boundedJson,
  parseLiteral: (ast, variables) => boundedJson(valueFromASTUntyped(ast, variables)),
});
