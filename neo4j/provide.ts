// Which Neo4j to use. `npm start`: NEO4J_URI if set, else the persistent local server (reusing one
// started by `npm run db:start`). Tests: NEO4J_URI if set, else Testcontainers when a container
// runtime exists, else a throw-away local server on a free port. Never "no database".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_MEMORY } from './memory.ts';
import { findRunning, freePort, startLocalNeo4j } from './launcher.ts';
import { DEFAULT_HOME } from './paths.ts';

export interface ProvidedNeo4j {
  uri: string;
  user?: string;
  password?: string;
  /** How it was obtained, for logs and /readyz. */
  origin: 'NEO4J_URI' | 'local' | 'local (db:start)' | 'testcontainers' | 'local (temporary)';
  /** Stops what this process started; a no-op for servers it did not start. */
  stop(): Promise<void>;
}

const noop = async () => undefined;

function fromEnv(): ProvidedNeo4j | undefined {
  const uri = process.env.NEO4J_URI;
  if (!uri) return undefined;
  return {
    uri,
    user: process.env.NEO4J_USER ?? process.env.NEO4J_USERNAME,
    password: process.env.NEO4J_PASSWORD,
    origin: 'NEO4J_URI',
    stop: noop,
  };
}

export async function provideServerNeo4j(log: (line: string) => void): Promise<ProvidedNeo4j> {
  const configured = fromEnv();
  if (configured) return configured;
  const running = await findRunning(DEFAULT_HOME);
  if (running) {
    log(`[neo4j] using the local server started by db:start (pid ${running.pid})`);
    return { uri: `bolt://127.0.0.1:${running.boltPort}`, origin: 'local (db:start)', stop: noop };
  }
  const boltPort = Number(process.env.NEO4J_BOLT_PORT ?? 7687);
  log(`[neo4j] starting local Neo4j on 127.0.0.1:${boltPort} (data in ${path.relative(process.cwd(), DEFAULT_HOME) || DEFAULT_HOME})`);
  const local = await startLocalNeo4j({ home: DEFAULT_HOME, boltPort, log });
  return { uri: local.uri, origin: 'local', stop: () => local.stop() };
}

export async function provideTestNeo4j(log: (line: string) => void): Promise<ProvidedNeo4j> {
  const configured = fromEnv();
  if (configured) return configured;
  const container = await tryTestcontainers(log);
  if (container) return container;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-neo4j-test-'));
  const boltPort = await freePort();
  log(`[neo4j] no NEO4J_URI and no container runtime: starting a temporary local Neo4j on port ${boltPort}`);
  const local = await startLocalNeo4j({ home, boltPort, memory: TEST_MEMORY, log });
  return {
    uri: local.uri,
    origin: 'local (temporary)',
    async stop() {
      await local.stop(15_000);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

async function tryTestcontainers(log: (line: string) => void): Promise<ProvidedNeo4j | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  log('[neo4j] container runtime found: starting neo4j:5.26-community with Testcontainers');
  const container = await new Neo4jContainer('neo4j:5.26-community').withApoc().start();
  return {
    uri: container.getBoltUri(),
    user: container.getUsername(),
    password: container.getPassword(),
    origin: 'testcontainers',
    stop: async () => {
      await container.stop();
    },
  };
}
