/** The JSON Schemas of the file formats, generated from the zod schemas that validate them. */
import { z } from 'zod';
import { charterSchema } from './charter/schema.js';
import { proceedingsSchema } from './proceedings/schema.js';

export function schemaDocuments(): Record<string, unknown> {
  const document = (schema: z.ZodType, id: string, title: string) => ({
    $id: `https://collegium.example/schemas/${id}`,
    title,
    ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }),
  });
  return {
    'charter.schema.json': document(
      charterSchema,
      'charter.schema.json',
      'Collegium charter, format 1',
    ),
    'proceedings.schema.json': document(
      proceedingsSchema,
      'proceedings.schema.json',
      'Collegium proceedings, format 1',
    ),
  };
}
