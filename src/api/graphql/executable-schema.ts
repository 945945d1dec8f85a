// Schema-first: the running schema is schema/schema.graphql with resolvers and scalars attached.
// Attaching checks the map against the SDL both ways, so a resolver for a field the contract does
// not have, or a root field with no resolver, stops the server at start instead of at query time.
import {
  buildSchema,
  GraphQLScalarType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from './graphql-js.ts';
import type { GraphQLContext, ResolverMap } from './context.ts';
import { roundMoneyFields } from './money-fields.ts';
import { mutationResolvers, outcomeResolvers } from './mutation-resolvers.ts';
import { queryResolvers, redundantCallResolvers } from './query-resolvers.ts';
import { DateTimeScalar, JsonScalar } from './scalars.ts';
import { readSchemaText } from './schema-file.ts';
import { missingSubagentSpawnResolvers, nodeResolvers, sessionResolvers, spanResolvers } from './session-resolvers.ts';
import { sessionTraceCard } from './tracecard-resolvers.ts';
import { alertResolvers } from './alert-resolvers.ts';
import { costcraftResolvers } from '../../costcraft/graphql-resolvers.ts';
import { impactResolvers } from '../../costcraft/impact/graphql-resolvers.ts';

const { Query: costcraftQuery, Mutation: costcraftMutation, ...costcraftTypes } = costcraftResolvers;
const { Query: alertQuery, Mutation: alertMutation, ...alertTypes } = alertResolvers;

export const resolvers: ResolverMap = {
  Query: { ...queryResolvers, ...costcraftQuery, ...impactResolvers.Query, ...alertQuery },
  Mutation: { ...mutationResolvers, ...costcraftMutation, ...alertMutation },
  ...costcraftTypes,
  ...alertTypes,
  Session: { ...sessionResolvers, ...sessionTraceCard },
  Span: spanResolvers,
  MissingSubagentSpawn: missingSubagentSpawnResolvers,
  Outcome: outcomeResolvers,
  RedundantCall: redundantCallResolvers,
  Node: nodeResolvers,
};

const SCALARS: GraphQLScalarType[] = [DateTimeScalar, JsonScalar];

function attachScalar(schema: GraphQLSchema, impl: GraphQLScalarType): void {
  const type = schema.getType(impl.name);
  if (!isScalarType(type)) throw new Error(`schema.graphql declares no scalar ${impl.name}`);
  type.serialize = impl.serialize;
  type.parseValue = impl.parseValue;
  type.parseLiteral = impl.parseLiteral;
}

function attachResolvers(schema: GraphQLSchema, map: ResolverMap): void {
  for (const [typeName, fields] of Object.entries(map)) {
    const type = schema.getType(typeName);
    if (isInterfaceType(type)) {
      const { __resolveType, ...rest } = fields;
      if (!__resolveType || Object.keys(rest).length > 0) throw new Error(`Interface ${typeName} takes only __resolveType`);
      type.resolveType = __resolveType as unknown as GraphQLTypeResolver<unknown, GraphQLContext>;
      continue;
    }
    if (!isObjectType(type)) throw new Error(`Resolvers given for ${typeName}, which schema.graphql has no object type for`);
    const schemaFields = type.getFields();
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = schemaFields[fieldName];
      if (!field) throw new Error(`Resolver ${typeName}.${fieldName} has no field in schema.graphql`);
      field.resolve = resolve as unknown as GraphQLFieldResolver<unknown, GraphQLContext>;
    }
  }
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (!field.resolve) throw new Error(`${root?.name}.${field.name} in schema.graphql has no resolver`);
    }
  }
}

export function buildExecutableSchema(sdl = readSchemaText()): GraphQLSchema {
  const schema = buildSchema(sdl);
  for (const scalar of SCALARS) attachScalar(schema, scalar);
  attachResolvers(schema, resolvers);
  roundMoneyFields(schema);
  return schema;
}
