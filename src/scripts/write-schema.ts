// `npm run schema`: regenerates schema/*.json after a change to src/model/schema.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaFiles } from '../model/json-schema.js';
import { packageFile } from '../package.js';

const folder = packageFile('schema');
for (const { name, content } of jsonSchemaFiles()) {
  writeFileSync(join(folder, name), content);
  process.stderr.write(`wrote schema/${name}\n`);
}
