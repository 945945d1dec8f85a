// `npx tsx src/api/graphql/format-schema.ts`: rewrites schema/schema.graphql in the canonical form
// printSchema produces, so the contract test (running schema == committed file) compares like with like.
import fs from 'node:fs';
import { canonicalSdl, readSchemaText, SCHEMA_FILE } from './schema-file.ts';

const before = readSchemaText();
const after = canonicalSdl(before);
if (before === after) console.log(`${SCHEMA_FILE} is already canonical`);
else {
  fs.writeFileSync(SCHEMA_FILE, after);
  console.log(`${SCHEMA_FILE} rewritten in canonical form`);
}
