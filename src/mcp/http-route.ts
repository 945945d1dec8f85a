// /mcp on the engine's port: MCP Streamable HTTP, stateless. Each POST is authenticated like any
// other request (Bearer API key, or local mode on loopback), then gets its own MCP server bound to
// that key's project and a transport that answers in plain JSON. No session state is kept between
// requests, so one key can never reach another key's server, and a restart loses nothing. There is
// no server-initiated stream: GET and DELETE answer 405, as the transport spec allows.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { AppContext } from '../api/context.ts';
import type { ExecuteGraphql } from '../api/graphql/execute.ts';
import { HttpError, readBody } from '../api/http.ts';
import type { Route } from '../api/router.ts';
import { createMcpServer } from './server.ts';

export const MCP_PATH = '/mcp';
/** JSON-RPC messages from a client are small; the GraphQL tool's query is capped far below this. */
export const MAX_MCP_BODY_BYTES = 1024 * 1024;

/** Request-level failures (auth, size, bad JSON) in JSON-RPC form, with the HTTP status and headers. */
function sendJsonRpcError(res: ServerResponse, error: HttpError): void {
  // -32001 is the server-defined code MCP servers commonly use for authentication failures.
  const code = error.status === 401 || error.status === 403 ? -32001 : error.status === 400 ? -32700 : -32600;
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message: error.message, data: { code: error.code } }, id: null });
  res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...error.headers });
  res.end(body);
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
  }
}

async function handlePost(app: AppContext, execute: ExecuteGraphql, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let projectId: string;
  let body: unknown;
  try {
    projectId = await app.projectFor(req);
    body = parseJson(await readBody(req, MAX_MCP_BODY_BYTES));
  } catch (error) {
    if (error instanceof HttpError) return sendJsonRpcError(res, error);
    throw error;
  }
  const server = createMcpServer({ execute, projectId });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}

export function mcpRoutes(app: AppContext, execute: ExecuteGraphql): Route[] {
  const noStream = (_req: IncomingMessage, res: ServerResponse) =>
    sendJsonRpcError(res, new HttpError(405, 'METHOD_NOT_ALLOWED', 'This MCP server is stateless: send JSON-RPC messages with POST', { allow: 'POST' }));
  return [
    { method: 'POST', path: MCP_PATH, handler: (req, res) => handlePost(app, execute, req, res) },
    { method: ['GET', 'DELETE'], path: MCP_PATH, handler: noStream },
  ];
}
