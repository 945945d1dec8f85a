// `npm start`: obtain Neo4j (NEO4J_URI, or the local server it starts itself), apply the schema,
// serve HTTP on 127.0.0.1:4318. Ctrl-C stops the server and the Neo4j it started.
import { provideServerNeo4j } from '../neo4j/provide.ts';
import { Neo4jSetupError } from '../neo4j/errors.ts';
import { startServer } from './api/server.ts';
import { readEnv } from './config.ts';
import { AuthSetupError, createProjectResolver } from './api/auth.ts';
import { createPricer } from './domain/cost/index.ts';
import { Graph } from './graph/driver.ts';
import { distillJobsFor } from './costcraft/jobs.ts';
import { BackgroundFinaliser } from './ingest/background-finaliser.ts';
import { reassembleEventSessions } from './ingest/reassemble-events.ts';
import { AlertBus } from './alerts/bus.ts';
import { DeliveryWorker } from './alerts/delivery-worker.ts';
import { engineBaseUrl } from './cli/explorer-link.ts';

const log = (line: string) => console.error(line);

async function main(): Promise<void> {
  const env = readEnv();
  const started = Date.now();
  const neo4j = await provideServerNeo4j(log);
  let stopping = false;
  const stopNeo4jOnExit = async () => {
    await neo4j.stop();
  };
  try {
    const graph = await Graph.connect({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: env.NEO4J_DATABASE });
    await graph.applySchema();
    const pricer = createPricer({ overridesFile: env.CLAWTRACE_PRICES });
    // API keys decide the project; with none, local mode (loopback only) or a refusal to start.
    const projectFor = await createProjectResolver(graph, env.CLAWTRACE_HOST);
    // Distill runs a previous process left RUNNING are marked failed with the reason, never lost.
    await distillJobsFor(graph, {
      claude: env.ANTHROPIC_API_KEY ? { apiKey: env.ANTHROPIC_API_KEY, baseURL: env.ANTHROPIC_BASE_URL ?? null } : null,
    }).recoverStaleRuns();
    // Dirty sessions of every project, left by this or any other engine process (or by one that
    // died before finalising them), are drained in the background.
    const alertBus = new AlertBus();
    const finaliser = new BackgroundFinaliser(graph, {
      settleMs: env.CLAWTRACE_FINALISE_SETTLE_MS,
      maxWaitMs: Math.max(env.CLAWTRACE_FINALISE_MAX_WAIT_MS, env.CLAWTRACE_FINALISE_SETTLE_MS),
      batch: env.CLAWTRACE_FINALISE_BATCH,
      beforeFinalise: reassembleEventSessions(graph, pricer),
      onAlerts: (projectId, alerts) => alertBus.publish(projectId, alerts),
      log,
    });
    // Alerts (issue 21) are POSTed to the project's webhooks by every engine process; links in them
    // point at the public URL when one is configured, else at this engine.
    const publicUrl = env.CLAWTRACE_PUBLIC_URL ?? engineBaseUrl(env);
    const deliveryWorker = env.CLAWTRACE_DELIVERY === 'on' ? new DeliveryWorker(graph, { publicUrl, log }) : undefined;
    const server = await startServer(
      { graph, pricer, host: env.CLAWTRACE_HOST, projectFor, finaliser, alertBus, deliveryWorker, publicUrl },
      env.CLAWTRACE_PORT,
    );
    // Plan the write path's queries now rather than inside the first request's finalisation.
    void graph.warmUp(['ingest/', 'finaliser/', 'rollup/refresh', 'rollup/session-ancestors', 'redundancy/', 'insights/', 'alerts/']);
    log(`[clawtrace] ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${server.url} (explorer ${server.url}/ui, GraphQL ${server.url}/graphql, Neo4j ${neo4j.origin} ${neo4j.uri})`);
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`[clawtrace] ${signal}: stopping`);
      await server.close();
      await graph.close();
      await stopNeo4jOnExit();
      log('[clawtrace] stopped');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (error) {
    await stopNeo4jOnExit();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof Neo4jSetupError || error instanceof AuthSetupError) console.error(`[clawtrace] ${error.message}`);
  else console.error('[clawtrace] failed to start:', error);
  process.exit(1);
});
