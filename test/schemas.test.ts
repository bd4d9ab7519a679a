import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaDocuments } from '../src/core/schemas.js';

describe('published JSON Schemas', () => {
  it('are the ones generated from the validating schemas (run npm run schemas after a change)', () => {
    for (const [file, schema] of Object.entries(schemaDocuments())) {
      const committed: unknown = JSON.parse(
        readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8'),
      );
      expect(committed, file).toEqual(schema);
    }
  });
});
