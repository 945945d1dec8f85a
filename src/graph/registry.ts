// The query registry: every `cypher/**/*.cypher` file, loaded once, named by its path
// (`cypher/rollup/cost-by-model.cypher` → `rollup/cost-by-model`). Queries take `$params` only;
// nothing in this codebase assembles Cypher from request values.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');

/** Schema files hold several statements separated by `;` and are applied, not registered. */
const SCHEMA_FOLDER = 'schema';

export interface RegisteredQuery {
  name: string;
  text: string;
  file: string;
}

function listCypherFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listCypherFiles(full);
      return entry.name.endsWith('.cypher') ? [full] : [];
    })
    .sort();
}

/** Drops `//` comment lines so the text sent to the server is the query alone. */
function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .trim();
}

let queries: Map<string, RegisteredQuery> | undefined;

export function allQueries(): Map<string, RegisteredQuery> {
  if (queries) return queries;
  queries = new Map();
  for (const file of listCypherFiles(CYPHER_DIR)) {
    const name = path.relative(CYPHER_DIR, file).replace(/\\/g, '/').replace(/\.cypher$/, '');
    if (name.startsWith(`${SCHEMA_FOLDER}/`)) continue;
    queries.set(name, { name, text: stripComments(fs.readFileSync(file, 'utf8')), file });
  }
  return queries;
}

export function query(name: string): string {
  const found = allQueries().get(name);
  if (!found) throw new Error(`No Cypher query named "${name}" (expected cypher/${name}.cypher)`);
  return found.text;
}

/** The statements of cypher/schema/*.cypher, in file order, for idempotent application. */
export function schemaStatements(): string[] {
  return listCypherFiles(path.join(CYPHER_DIR, SCHEMA_FOLDER)).flatMap((file) =>
    stripComments(fs.readFileSync(file, 'utf8'))
      .split(/;\s*(?:\n|$)/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
}
