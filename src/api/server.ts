// The HTTP server: health, OTLP and plugin ingest, GraphQL, exports and MCP, all on one port (4318).
import http from 'node:http';
import type { AppContext } from './context.ts';
import { exportRoutes } from './export/routes.ts';
import { createGraphqlEndpoint } from './graphql/endpoint.ts';
import { healthz, readyz } from './health.ts';
import { serveAsset } from './playground/assets.ts';
import { servePlayground, wantsPlayground } from './playground/page.ts';
import { postEvents, postTraces } from './ingest-routes.ts';
import { route, type Route } from './router.ts';
import { uiRoutes } from '../ui/routes.ts';
import { mcpRoutes } from '../mcp/http-route.ts';
import { BackgroundFinaliser } from '../ingest/background-finaliser.ts';
import { reassembleEventSessions } from '../ingest/reassemble-events.ts';
import { AlertBus } from '../alerts/bus.ts';
import { getBudgetState } from './budget-state-route.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function buildRoutes(ctx: AppContext): Route[] {
  const graphql = createGraphqlEndpoint(ctx);
  return [
    { method: 'GET', path: '/healthz', handler: (_req, res) => healthz(res) },
    { method: 'GET', path: '/readyz', handler: (_req, res) => readyz(res, ctx.graph, ctx.finaliser) },
    { method: 'POST', path: '/v1/traces', handler: (req, res) => postTraces(ctx, req, res) },
    { method: 'POST', path: '/v1/events', handler: (req, res) => postEvents(ctx, req, res) },
    { method: 'GET', path: '/v1/budget-state', handler: (req, res, url) => getBudgetState(ctx, req, res, url) },
    { method: 'POST', path: '/graphql', handler: (req, res, url) => graphql.handle(req, res, url) },
    // A browser opening /graphql gets the offline GraphiQL playground; GET queries go to Apollo.
    {
      method: 'GET',
      path: '/graphql',
      handler: (req, res, url) => (wantsPlayground(req.headers.accept, url) ? servePlayground(res) : graphql.handle(req, res, url)),
    },
    { method: 'GET', path: /^\/graphql\/assets\/[\w.-]+$/, handler: (_req, res, url) => serveAsset(url.pathname.split('/').pop()!, res) },
    ...exportRoutes(ctx),
    // MCP (Streamable HTTP) for agents: tools run as GraphQL operations on the same Apollo server.
    ...mcpRoutes(ctx, graphql.execute),
    // The trace explorer (offline pages over /graphql).
    ...uiRoutes(),
  ];
}

export async function startServer(appContext: AppContext, port: number): Promise<RunningServer> {
  // Every engine process finalises what it (or any other process) ingested: no process is special.
  const alertBus = appContext.alertBus ?? new AlertBus();
  const finaliser =
    appContext.finaliser ??
    new BackgroundFinaliser(appContext.graph, {
      beforeFinalise: reassembleEventSessions(appContext.graph, appContext.pricer),
      onAlerts: (projectId, alerts) => alertBus.publish(projectId, alerts),
      log: (line) => console.error(line),
    });
  const ctx: AppContext = { ...appContext, finaliser, alertBus };
  finaliser.start();
  const server = http.createServer(route(buildRoutes(ctx)));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, ctx.host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${ctx.host}:${actualPort}`,
    port: actualPort,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await finaliser.stop();
    },
  };
}
