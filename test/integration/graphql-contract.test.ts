// The SDL in schema/schema.graphql is the API contract: the running schema must be exactly it.
import { buildClientSchema, getIntrospectionQuery, printSchema, type IntrospectionQuery } from 'graphql/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExecutableSchema } from '../../src/api/graphql/executable-schema.ts';
import { canonicalSdl, readSchemaText } from '../../src/api/graphql/schema-file.ts';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { gql, ok } from './graphql-client.ts';

let graph: Graph;
let server: RunningServer;

beforeAll(async () => {
  graph = await connectTestGraph();
  const projectId = randomProjectId('contract');
  server = await startServer({ graph, pricer: createPricer(), host: '127.0.0.1', projectFor: async () => projectId }, 0);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

describe('schema contract', () => {
  it('schema/schema.graphql is in canonical form (run src/api/graphql/format-schema.ts after editing it)', () => {
    expect(readSchemaText()).toBe(canonicalSdl(readSchemaText()));
  });

  it('the executable schema prints exactly as the committed SDL', () => {
    expect(`${printSchema(buildExecutableSchema())}\n`).toBe(readSchemaText());
  });

  it('the running server introspects to the committed SDL', async () => {
    const data = ok(await gql<IntrospectionQuery>(server.url, getIntrospectionQuery({ descriptions: true })));
    expect(`${printSchema(buildClientSchema(data))}\n`).toBe(readSchemaText());
  });

  it('refuses resolvers the SDL does not have and root fields without one', () => {
    expect(() => buildExecutableSchema(readSchemaText().replace('  skills: [Skill!]!\n', '  skills: [Skill!]!\n  extra: Int\n'))).toThrow(
      /Query\.extra in schema\.graphql has no resolver/,
    );
    expect(() => buildExecutableSchema(readSchemaText().replace('recordOutcome(input', 'recordOutcomeRenamed(input'))).toThrow(/Mutation\.recordOutcome has no field/);
  });
});
