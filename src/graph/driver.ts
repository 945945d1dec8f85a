// The one place that owns the neo4j-driver: connection, sessions, managed transactions.
// Everything else calls the named repository functions in src/graph/*.ts.
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { migrate } from './migrations.ts';
import { allQueries, query, schemaStatements } from './registry.ts';

export interface GraphConfig {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
}

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Bump when cypher/schema changes; /readyz reports it. */
export const SCHEMA_VERSION = '3';

export class Graph {
  private constructor(
    private readonly driver: Driver,
    readonly database: string | undefined,
    readonly uri: string,
  ) {}

  static async connect(config: GraphConfig): Promise<Graph> {
    const auth = config.user ? neo4j.auth.basic(config.user, config.password ?? '') : undefined;
    const driver = neo4j.driver(config.uri, auth, {
      // Integers come back as JS numbers: counts and token sums stay far below 2^53.
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 30_000,
      // Managed transactions retry transient errors for this long. Ingest clients retry on their
      // own (OTLP exporters, the plugin's spool), so a database outage should become a prompt
      // 503 + Retry-After rather than a 30 s wait.
      maxTransactionRetryTime: 5_000,
      logging: { level: 'error', logger: () => undefined },
    });
    await driver.getServerInfo({ database: config.database });
    return new Graph(driver, config.database, config.uri);
  }

  /** Runs a registered read query in a managed read transaction (routes to replicas on a cluster). */
  async read(name: string, params: Params = {}): Promise<Row[]> {
    return this.session('READ', (tx) => runNamed(tx, name, params));
  }

  /** Runs a registered write query in a managed write transaction (retried on transient errors). */
  async write(name: string, params: Params = {}): Promise<Row[]> {
    return this.session('WRITE', (tx) => runNamed(tx, name, params));
  }

  /**
   * The database's version: the bookmark of its last committed transaction, which a read
   * transaction returns on commit. Any write that changed something, by any client, changes it;
   * reads and writes that changed nothing do not. Cached reads are valid while it stands
   * (src/graph/read-cache.ts).
   */
  async dataVersion(): Promise<string> {
    const session = this.driver.session({ database: this.database });
    try {
      await session.executeRead((tx) => runNamed(tx, 'meta/data-version', {}));
      return session.lastBookmarks().join(',');
    } finally {
      await session.close();
    }
  }

  /** Several registered write queries in one transaction, in order (e.g. nodes before edges). */
  async writeAll(steps: Array<{ name: string; params: Params }>): Promise<Row[][]> {
    return this.session('WRITE', async (tx) => {
      const results: Row[][] = [];
      for (const step of steps) results.push(await runNamed(tx, step.name, step.params));
      return results;
    });
  }

  /** EXPLAIN a registered query: plans it without running it (used by the query test). */
  async explain(name: string): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      await session.run(`EXPLAIN ${query(name)}`);
    } finally {
      await session.close();
    }
  }

  /**
   * Plans the named queries (EXPLAIN) so their plans are cached before the first request needs
   * them: on a fresh database the first finalisation otherwise spends tens of seconds planning
   * its ~25 queries. Failures are ignored (a warm-up is an optimisation, never a requirement).
   */
  async warmUp(prefixes: string[]): Promise<number> {
    let planned = 0;
    for (const name of allQueries().keys()) {
      if (!prefixes.some((p) => name.startsWith(p))) continue;
      await this.explain(name).then(
        () => (planned += 1),
        () => undefined,
      );
    }
    return planned;
  }

  /**
   * Applies cypher/schema/*.cypher (constraints and indexes), idempotently, migrates data stored by
   * an older version (src/graph/migrations.ts), and records the version.
   */
  async applySchema(): Promise<void> {
    const [stored] = await this.read('meta/schema-version');
    const session = this.driver.session({ database: this.database });
    try {
      for (const statement of schemaStatements()) await session.run(statement);
      await session.run('CALL db.awaitIndexes(300)');
    } finally {
      await session.close();
    }
    await migrate(this, (stored?.schemaVersion as string | null | undefined) ?? null);
    await this.write('meta/record-schema-version', { version: SCHEMA_VERSION });
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async session<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const session = this.driver.session({ database: this.database });
      try {
        return mode === 'READ' ? await session.executeRead(work) : await session.executeWrite(work);
      } catch (error) {
        // The driver retries transient errors only within maxTransactionRetryTime of the first
        // attempt, so a transaction that ran longer than that (a 2,500-span slice, a finalisation
        // under load) is never retried. A deadlock is not an outage: the same transaction succeeds
        // once the other one is done, so it is retried here whatever it took.
        if (!isDeadlock(error) || attempt >= DEADLOCK_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * attempt));
      } finally {
        await session.close();
      }
    }
  }
}

async function runNamed(tx: ManagedTransaction, name: string, params: Params): Promise<Row[]> {
  const result = await tx.run(query(name), params);
  return result.records.map((r) => r.toObject() as Row);
}

/** How many times a transaction that lost a deadlock is run in all. */
const DEADLOCK_ATTEMPTS = 8;

const errorCode = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '');

function isDeadlock(error: unknown): boolean {
  return errorCode(error) === 'Neo.TransientError.Transaction.DeadlockDetected';
}

/** A transient Neo4j error (a deadlock, a lock wait given up): the same work may succeed when run again. */
export function isTransientError(error: unknown): boolean {
  return errorCode(error).startsWith('Neo.TransientError');
}

/** Sends a JS integer as a Cypher INTEGER (a plain JS number would arrive as a FLOAT). */
export function int(value: number | null | undefined): unknown {
  return value === null || value === undefined ? null : neo4j.int(Math.trunc(value));
}

/** True when the error means Neo4j cannot be reached right now (answer 503, retry later). */
export function isGraphUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code ?? '';
  return (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    code.startsWith('Neo.TransientError') ||
    // The server stopped the transaction (shutting down, or a lock wait it gave up on). The driver
    // files these under ClientError, but ClawTrace never terminates its own transactions: it is
    // the database going away, not a bad request.
    SERVER_STOPPED_TRANSACTION.has(code) ||
    /ECONNREFUSED|ECONNRESET|EPIPE|connection.*(closed|refused)|Pool is closed/i.test(error.message)
  );
}

const SERVER_STOPPED_TRANSACTION = new Set(['Neo.ClientError.Transaction.Terminated', 'Neo.ClientError.Transaction.LockClientStopped']);
