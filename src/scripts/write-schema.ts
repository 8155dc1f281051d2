// `npm run schema`: regenerates schema/*.json after a change to src/model/schema.ts.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../model/json-schema.js';

const folder = fileURLToPath(new URL('../../schema/', import.meta.url));
for (const { name, content } of jsonSchemaFiles()) {
  writeFileSync(`${folder}${name}`, content);
  process.stderr.write(`wrote schema/${name}\n`);
}
