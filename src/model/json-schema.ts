import * as z from 'zod';
import { CIRCLE_SCHEMA_FILE, SERIES_SCHEMA_FILE } from './circle-yaml.js';
import { circleSchema, seriesSchema } from './schema.js';

/** The JSON Schema files editors use, generated from the schema `circle validate` checks with. */
export function jsonSchemaFiles(): Array<{ name: string; content: string }> {
  return [
    { name: CIRCLE_SCHEMA_FILE, schema: circleSchema },
    { name: SERIES_SCHEMA_FILE, schema: seriesSchema },
  ].map(({ name, schema }) => ({
    name,
    content: `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', target: 'draft-07' }), null, 2)}\n`,
  }));
}
