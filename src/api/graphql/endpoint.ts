// POST /graphql: Apollo Server 5 on our node:http router through executeHTTPGraphQLRequest (no
// Express). The caller's project is settled from its API key before Apollo sees the request; the
// body is read with a size cap; each request gets fresh DataLoaders. `execute` runs operations
// in-process on the same server (for /mcp), with the same limits.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import type { AppContext } from '../context.ts';
import { HttpError, readBody } from '../http.ts';
import { createApolloServer } from './apollo.ts';
import { graphqlExecutor, type ExecuteGraphql } from './execute.ts';
import { createLoaders } from './loaders.ts';

/** GraphQL documents are small; a megabyte is far beyond any real query and bounds parsing work. */
export const MAX_GRAPHQL_BODY_BYTES = 1024 * 1024;

export interface GraphqlEndpoint {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** An operation for a project the caller has already authenticated, on the same Apollo server. */
  execute: ExecuteGraphql;
  stop(): Promise<void>;
}

/** Request-level failures (auth, size, bad JSON) answered in the GraphQL error shape. */
function sendGraphqlError(res: ServerResponse, error: HttpError): void {
  const body = JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] });
  res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...error.headers });
  res.end(body);
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function parseBody(bytes: Buffer, contentType: string | undefined): unknown {
  const text = bytes.toString('utf8');
  if (!contentType?.toLowerCase().startsWith('application/json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}

async function sendResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export function createGraphqlEndpoint(app: AppContext): GraphqlEndpoint {
  const apollo = createApolloServer();
  apollo.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();

  return {
    async handle(req, res, url) {
      let projectId: string;
      let body: unknown;
      try {
        projectId = await app.projectFor(req);
        body = parseBody(await readBody(req, MAX_GRAPHQL_BODY_BYTES), req.headers['content-type']);
      } catch (error) {
        if (error instanceof HttpError) return sendGraphqlError(res, error);
        throw error;
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers: headerMap(req), search: url.search, body },
        context: async () => ({ graph: app.graph, pricer: app.pricer, projectId, loaders: createLoaders(app.graph, projectId) }),
      });
      await sendResponse(res, response);
    },
    execute: graphqlExecutor(apollo, app),
    stop: () => apollo.stop(),
  };
}
