// describe_schema: the GraphQL contract (schema/schema.graphql, which the engine runs) shown a
// piece at a time, so a model can write graphql_query documents without loading all of it: the
// Query root and the type names first, then any type on request.
import { z } from 'zod';
import { buildSchema, isInputObjectType, isObjectType, printType, type GraphQLSchema } from '../../api/graphql/graphql-js.ts';
import { readSchemaText } from '../../api/graphql/schema-file.ts';
import { defineTool } from '../tool.ts';
import { ToolError } from '../tool-error.ts';

let schema: GraphQLSchema | null = null;
const contract = () => (schema ??= buildSchema(readSchemaText()));

function typeNames(s: GraphQLSchema): Record<string, string[]> {
  const groups: Record<string, string[]> = { objects: [], inputs: [], enums: [], other: [] };
  for (const type of Object.values(s.getTypeMap())) {
    if (type.name.startsWith('__') || type.name === 'Query' || type.name === 'Mutation') continue;
    const group = isObjectType(type) ? 'objects' : isInputObjectType(type) ? 'inputs' : 'enumValues' in type ? 'enums' : 'other';
    groups[group]!.push(type.name);
  }
  return groups;
}

export const describeSchema = defineTool({
  name: 'describe_schema',
  title: 'Describe the GraphQL schema',
  description:
    'The ClawTrace GraphQL schema (SDL with descriptions) for writing graphql_query documents. Without `type`: the ' +
    'Query root fields and the names of all types. With `type`: that type\'s fields, arguments or values.',
  input: {
    type: z.string().min(1).max(100).optional().describe('a type name, e.g. Session, Span, SessionWhere, RollupDimension'),
  },
  readOnly: true,
  async run(args) {
    const s = contract();
    if (args.type === undefined) {
      const groups = typeNames(s);
      return [
        '# Query root (read-only through graphql_query; every query is scoped to your project)',
        printType(s.getQueryType()!),
        '',
        `# Object types: ${groups.objects!.join(', ')}`,
        `# Input types: ${groups.inputs!.join(', ')}`,
        `# Enums: ${groups.enums!.join(', ')}`,
        `# Scalars and interfaces: ${groups.other!.join(', ')}`,
        '# Ask describe_schema with `type` for any of them.',
      ].join('\n');
    }
    const type = s.getType(args.type);
    if (!type || args.type.startsWith('__') || args.type === 'Mutation') {
      throw new ToolError('NOT_FOUND', `No type "${args.type}" in the schema; describe_schema without arguments lists the types`);
    }
    return printType(type);
  },
});
