import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { refused } from '../failure.js';
import { packageFile } from '../package.js';
import { templatesDir } from '../workspace/paths.js';

/*
 * Template files: a workspace's own templates/ folder overrides the bundled one file by file. Read
 * apart from the engine (engine.ts), so that a mail run with nothing to send loads no Handlebars.
 */

// With the trailing separator: callers tell bundled templates by this prefix.
export const BUNDLED_TEMPLATES = `${packageFile('templates')}${sep}`;

export interface Template {
  file: string;
  source: string;
}

/** The workspace's `templates/<name>` if it has one, else the bundled one. */
export async function loadTemplateFile(dir: string, name: string): Promise<Template> {
  for (const folder of [templatesDir(dir), BUNDLED_TEMPLATES]) {
    const file = join(folder, name);
    const source = await readFile(file, 'utf8').catch((cause: NodeJS.ErrnoException) => {
      if (cause.code === 'ENOENT') return undefined;
      throw refused('input', `cannot read ${file}: ${cause.message}`);
    });
    if (source !== undefined) return { file, source };
  }
  throw new Error(`bundled template ${name} is missing from ${BUNDLED_TEMPLATES}`);
}

/** Memoises template files for one run that renders many messages from the same few templates. */
export function templateLoader(dir: string): (name: string) => Promise<Template> {
  const loaded = new Map<string, Promise<Template>>();
  return (name) => {
    let template = loaded.get(name);
    if (!template) loaded.set(name, (template = loadTemplateFile(dir, name)));
    return template;
  };
}
