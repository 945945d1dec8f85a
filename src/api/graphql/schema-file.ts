// The SDL contract, schema/schema.graphql, read from disk: the running schema is built from it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, printSchema } from './graphql-js.ts';

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schema', 'schema.graphql');

export function readSchemaText(): string {
  return fs.readFileSync(SCHEMA_FILE, 'utf8');
}

/** The SDL as graphql-js prints it: the committed file must be in this form (see format-schema.ts). */
export function canonicalSdl(text: string): string {
  return `${printSchema(buildSchema(text))}\n`;
}
