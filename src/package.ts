import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The files that ship with circle (package.json, templates/, schema/) are found from the package
 * root: the nearest folder up from this module whose package.json is ours. This module runs from a
 * chunk of the bundle in dist/ and from src/ under vitest, at different depths, so no `../..`.
 */

const NAME = 'circle';

function findPackage(start: string): { root: string; version: string } {
  for (let folder = start; ; folder = dirname(folder)) {
    const manifest = readManifest(join(folder, 'package.json'));
    if (manifest?.name === NAME) return { root: folder, version: manifest.version };
    if (dirname(folder) === folder) throw new Error(`no package.json of ${NAME} in ${start} or any folder above it`);
  }
}

function readManifest(file: string): { name?: string; version: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cause;
  }
}

export const { root: PACKAGE_ROOT, version: VERSION } = findPackage(dirname(fileURLToPath(import.meta.url)));

/** A file or folder shipped with circle, e.g. `packageFile('templates')`. */
export const packageFile = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
