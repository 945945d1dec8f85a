// The one Apollo Server configuration (schema, depth/alias/cost limits, error formatting, no cloud
// reporting), shared by POST /graphql and the in-process executor (MCP): every way in to the API
// gets the same limits and the same error shapes.
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLContext } from './context.ts';
import { formatError } from './errors.ts';
import { buildExecutableSchema } from './executable-schema.ts';
import { aliasLimit, costLimitPlugin, depthLimit } from './limits.ts';

export function createApolloServer(): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema: buildExecutableSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    formatError,
    validationRules: [depthLimit, aliasLimit],
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Our main.ts owns shutdown; Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [
      costLimitPlugin,
      // GET /graphql is the offline playground's; Apollo's landing page would load from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      // Never report to Apollo's cloud, whatever APOLLO_KEY the environment holds.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
}
