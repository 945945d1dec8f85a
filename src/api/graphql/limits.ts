// Guards against abusive queries: depth and alias limits (validation rules: they need no
// variables) and a cost limit (a plugin after validation: page sizes often come in variables).
// Normal Relay queries stay far below every limit; introspection (GraphiQL) is not counted.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from './graphql-js.ts';
import type { GraphQLContext } from './context.ts';

export const MAX_DEPTH = 12;
export const MAX_ALIASES = 30;
export const MAX_COST = 50_000;
/** Items assumed for a list field without `first` (catalogs, children, outcomes). */
export const DEFAULT_LIST_SIZE = 10;

const isIntrospection = (name: string) => name === '__schema' || name === '__type';

function tooMuch(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
}

type FragmentLookup = (name: string) => FragmentDefinitionNode | undefined | null;

/**
 * Deepest field nesting of a selection set, following fragments. Each fragment's depth is computed
 * once and memoised: a fragment spread twice per level would otherwise be walked 2^levels times (a
 * 1.4 kB chain of 30 such fragments blocked the event loop for minutes, issue 13). Cycles (also
 * rejected by graphql-js' NoFragmentCycles) count as depth 0 while their fragment is in progress.
 */
function depthOf(set: SelectionSetNode, fragment: FragmentLookup, memo: Map<string, number>): number {
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (isIntrospection(sel.name.value)) continue;
      max = Math.max(max, 1 + (sel.selectionSet ? depthOf(sel.selectionSet, fragment, memo) : 0));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(sel.selectionSet, fragment, memo));
    } else {
      const name = sel.name.value;
      let depth = memo.get(name);
      if (depth === undefined) {
        const def = fragment(name);
        memo.set(name, 0); // in progress: a cycle back here adds nothing
        depth = def ? depthOf(def.selectionSet, fragment, memo) : 0;
        memo.set(name, depth);
      }
      max = Math.max(max, depth);
    }
  }
  return max;
}

export const depthLimit: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    const depth = depthOf(node.selectionSet, (name) => context.getFragment(name), new Map());
    if (depth > MAX_DEPTH) context.reportError(tooMuch(`Query depth ${depth} exceeds the limit of ${MAX_DEPTH}`));
  },
});

export const aliasLimit: ValidationRule = (context: ValidationContext) => {
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias) aliases++;
    },
    Document: {
      leave() {
        if (aliases > MAX_ALIASES) context.reportError(tooMuch(`The query uses ${aliases} aliases; the limit is ${MAX_ALIASES}`));
      },
    },
  };
};

interface CostWalk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /**
   * Cost of one fragment at multiplier 1, per fragment and enclosing page size. Cost is linear in
   * the multiplier (every term below is scaled by it), so a spread costs multiplier × this; each
   * fragment is walked once per page size instead of once per spread path (issue 13: spreads that
   * double at every level made the walk exponential).
   */
  memo: Map<string, number>;
}

/** The `first` argument's value, or undefined when it cannot be read yet (bad variables fail later). */
function firstArgument(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): unknown {
  try {
    return getArgumentValues(field, node, variables).first;
  } catch {
    return undefined;
  }
}

/** A fragment's cost at multiplier 1, memoised; a fragment cycle (rejected by graphql-js anyway) adds 0. */
function fragmentCost(name: string, walk: CostWalk, pageSize: number | undefined): number {
  const key = `${name}\u0000${pageSize ?? ''}`;
  const known = walk.memo.get(key);
  if (known !== undefined) return known;
  walk.memo.set(key, 0);
  const def = walk.fragments.get(name);
  const type = def ? walk.schema.getType(def.typeCondition.name.value) : null;
  const cost = def && isCompositeType(type) ? costOf(def.selectionSet, type, 1, walk, pageSize) : 0;
  walk.memo.set(key, cost);
  return cost;
}

/**
 * Cost = fields that would be resolved: each field counts once per parent object it is resolved
 * on. A list multiplies what is below it: by `first` when it takes one, by the enclosing
 * connection's `first` for a connection's `edges` / `nodes`, else by DEFAULT_LIST_SIZE.
 */
function costOf(set: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, walk: CostWalk, pageSize?: number): number {
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const fields = parent.getFields();
      const field = Object.hasOwn(fields, sel.name.value) ? fields[sel.name.value] : undefined;
      if (!field) continue;
      cost += multiplier;
      const type = getNamedType(field.type);
      if (!sel.selectionSet || !isCompositeType(type)) continue;
      const isList = isListType(getNullableType(field.type));
      if (field.args.some((a) => a.name === 'first')) {
        const value = firstArgument(field, sel, walk.variables);
        const first = typeof value === 'number' ? Math.max(value, 1) : DEFAULT_LIST_SIZE;
        // A plain list with `first` holds that many items; a connection passes it to edges/nodes.
        cost += isList ? costOf(sel.selectionSet, type, multiplier * first, walk) : costOf(sel.selectionSet, type, multiplier, walk, first);
      } else {
        cost += costOf(sel.selectionSet, type, isList ? multiplier * (pageSize ?? DEFAULT_LIST_SIZE) : multiplier, walk);
      }
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const type = sel.typeCondition ? walk.schema.getType(sel.typeCondition.name.value) : parent;
      if (isCompositeType(type)) cost += costOf(sel.selectionSet, type, multiplier, walk, pageSize);
    } else {
      cost += multiplier * fragmentCost(sel.name.value, walk, pageSize);
    }
  }
  return cost;
}

export const costLimitPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, operation, request, schema }) {
        if (!operation) return;
        const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
        if (!root) return;
        // A Map: fragment names are the client's, and `constructor` must not find Object.prototype's.
        const fragments = new Map<string, FragmentDefinitionNode>();
        for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(def.name.value)) fragments.set(def.name.value, def);
        const cost = costOf(operation.selectionSet, root, 1, { schema, fragments, variables: request.variables ?? {}, memo: new Map() });
        if (cost > MAX_COST) {
          throw tooMuch(`Query cost ${cost} exceeds the limit of ${MAX_COST}: ask for smaller pages (first) or fewer nested lists`);
        }
      },
    };
  },
};
