// What every resolver gets: the graph, the caller's project (from its API key) and this request's
// DataLoaders. The project is fixed before execution starts; no argument can change it.
import type { GraphQLResolveInfo } from './graphql-js.ts';
import type { Pricer } from '../../domain/cost/index.ts';
import type { Graph } from '../../graph/driver.ts';
import type { Loaders } from './loaders.ts';

export interface GraphQLContext {
  graph: Graph;
  pricer: Pricer;
  projectId: string;
  loaders: Loaders;
}

/**
 * Any field resolver. Declared as a method so its parameters are checked bivariantly: each resolver
 * names its own parent and argument types, and a map of them still type-checks.
 */
export type FieldResolver = {
  resolve(parent: never, args: never, ctx: GraphQLContext, info: GraphQLResolveInfo): unknown;
}['resolve'];

export type TypeResolvers = Record<string, FieldResolver>;
export type ResolverMap = Record<string, TypeResolvers>;
