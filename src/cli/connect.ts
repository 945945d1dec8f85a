// CLI commands talk to Neo4j directly: NEO4J_URI, or the local server (started for the command
// and stopped after it unless `npm start` / `db:start` already runs it).
import { provideServerNeo4j } from '../../neo4j/provide.ts';
import { readEnv } from '../config.ts';
import { Graph } from '../graph/driver.ts';

export async function withGraph<T>(work: (graph: Graph) => Promise<T>): Promise<T> {
  const env = readEnv();
  const neo4j = await provideServerNeo4j((line) => console.error(line));
  try {
    const graph = await Graph.connect({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: env.NEO4J_DATABASE });
    try {
      await graph.applySchema();
      return await work(graph);
    } finally {
      await graph.close();
    }
  } finally {
    await neo4j.stop();
  }
}
