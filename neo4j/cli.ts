// `npm run db:start` / `db:stop` / `db:install`: manage the persistent local Neo4j by hand.
// db:start leaves the server running in the background; `npm start` then reuses it.
import { Neo4jSetupError } from './errors.ts';
import { ensureInstalled } from './install.ts';
import { findRunning, startLocalNeo4j, stopPid } from './launcher.ts';
import { DEFAULT_HOME } from './paths.ts';

const log = (line: string) => console.error(line);

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'install':
      ensureInstalled(log);
      log('[neo4j] installed');
      return;
    case 'start': {
      const running = await findRunning(DEFAULT_HOME);
      if (running) return log(`[neo4j] already running: bolt://127.0.0.1:${running.boltPort} (pid ${running.pid})`);
      const boltPort = Number(process.env.NEO4J_BOLT_PORT ?? 7687);
      const started = Date.now();
      const server = await startLocalNeo4j({ home: DEFAULT_HOME, boltPort, detached: true, log });
      log(`[neo4j] started in ${((Date.now() - started) / 1000).toFixed(1)} s: ${server.uri} (pid ${server.pid}); stop with npm run db:stop`);
      return;
    }
    case 'stop': {
      const running = await findRunning(DEFAULT_HOME);
      if (!running) return log('[neo4j] not running');
      await stopPid(running.pid);
      log(`[neo4j] stopped (pid ${running.pid})`);
      return;
    }
    default:
      throw new Error(`usage: tsx neo4j/cli.ts install|start|stop (got ${command ?? 'nothing'})`);
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Neo4jSetupError ? `[neo4j] ${error.message}` : error);
    process.exit(1);
  },
);
