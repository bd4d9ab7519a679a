/**
 * Writes the published JSON Schemas from the zod schemas that validate the files, so the two
 * cannot drift apart (test/schemas.test.ts checks the committed files are current).
 */
import { writeFileSync } from 'node:fs';
import { schemaDocuments } from '../src/core/schemas.js';

for (const [file, schema] of Object.entries(schemaDocuments())) {
  writeFileSync(
    new URL(`../schemas/${file}`, import.meta.url),
    JSON.stringify(schema, null, 2) + '\n',
  );
  console.log(`schemas/${file}`);
}
