// Every money field of the schema (a Float field named `…Usd` or `usd`) is presented rounded to micro-dollars
// (src/api/money.ts says why). Done once over the built schema, so a resolver, a default property
// read or a field added later is covered alike, and nothing upstream of the API ever sees a rounded
// value: sums and comparisons run on what is stored.
import { presentUsd } from '../money.ts';
import { defaultFieldResolver, getNamedType, isObjectType, type GraphQLField, type GraphQLSchema } from './graphql-js.ts';

export function isMoneyField(field: GraphQLField<unknown, unknown>): boolean {
  return (field.name.endsWith('Usd') || field.name === 'usd') && getNamedType(field.type).name === 'Float';
}

const round = (value: unknown): unknown => (typeof value === 'number' ? presentUsd(value) : value);

/** Wraps the resolver of every money field of every object type so that its value is rounded. */
export function roundMoneyFields(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isMoneyField(field)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const value: unknown = resolve(source, args, context, info);
        return value instanceof Promise ? value.then(round) : round(value);
      };
    }
  }
}
