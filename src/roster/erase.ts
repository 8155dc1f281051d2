import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { emailKey } from '../model/email.js';
import { CACHE_DIR } from '../workspace/paths.js';

/*
 * After an erasure on request: every file of the workspace that still holds the address (a form
 * export, a mail preview, another circle's roster or journal), so the organiser is told exactly
 * where the person remains, never "erased" while a copy is left.
 */

// Installed code and version history are not the organiser's data; the parse cache is emptied after an erasure.
const SKIPPED = new Set(['node_modules', '.git', CACHE_DIR]);

async function* files(folder: string): AsyncGenerator<string> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !SKIPPED.has(entry.name)) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** Workspace files that contain the address (in any case), relative to the workspace, sorted. */
export async function filesHolding(dir: string, email: string): Promise<string[]> {
  const needle = Buffer.from(emailKey(email));
  const found: string[] = [];
  for await (const path of files(dir)) {
    const bytes = await readFile(path).catch(() => undefined);
    // Lower-casing ASCII bytes is enough: the tool accepts only ASCII addresses.
    if (bytes && Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1').includes(needle)) found.push(relative(dir, path));
  }
  return found.sort();
}
