import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../package.js';
import { CACHE_DIR, tempFileName } from './paths.js';

/*
 * What the workspace's files parse to, kept between commands in <workspace>/.circle-cache/: `circle
 * run` every few minutes and `circle status` read hundreds of circle files, rosters and journals
 * that rarely change, and parsing them was most of their time.
 * An entry is found by the file's exact bytes (their SHA-1), never by its name or its times: a hand
 * edit, a restore from git or a copy is simply new bytes. The entry is checked whole (a hash over this
 * build, the bytes' hash and the parsed value) before it is used, so a torn, stale or hand-edited
 * entry is parsed again, never believed. Only files that parsed without a problem are kept: a
 * problem is always found and placed by the full parser.
 * The folder holds personal data (parsed rosters and journals): it is private (0700, files 0600)
 * and keeps itself out of git with its own .gitignore. Failing to read or write it only means
 * parsing again.
 */

/** The cache of a file in <workspace>/<folder>/: <workspace>/.circle-cache/<folder>/<name>.json. */
const entryPath = (source: string) => join(dirname(dirname(source)), CACHE_DIR, basename(dirname(source)), `${basename(source)}.json`);

/** Entries written by another build (another parser) are never used: they may parse differently. */
const BUILD = (() => {
  const module = fileURLToPath(import.meta.url);
  return `${VERSION}:${statSync(module, { throwIfNoEntry: false })?.mtimeMs ?? module}`;
})();

const sha1 = (...parts: Array<string | Uint8Array>) => {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

export interface CacheEntry<T> {
  /** What these bytes parsed to before, or undefined. */
  found: T | undefined;
  /** Keeps what the bytes parsed to, for the next command (a value JSON keeps as it is). */
  keep(value: T): void;
}

/** The cache entry of `source`'s bytes as read now. */
export function cacheEntry<T>(source: string, bytes: Uint8Array): CacheEntry<T> {
  const path = entryPath(source);
  const bytesHash = sha1(bytes);
  return { found: foundIn<T>(path, bytesHash), keep: (value) => write(path, bytesHash, value) };
}

// An entry is `<check> <bytes hash>\n<value as JSON>`, the check a hash of the build, the bytes' hash and the JSON.
function foundIn<T>(path: string, bytesHash: string): T | undefined {
  let entry: Buffer;
  try {
    entry = readFileSync(path);
  } catch {
    return undefined;
  }
  const newline = entry.indexOf(10);
  const [check, hash] = entry.toString('latin1', 0, Math.max(newline, 0)).split(' ');
  const json = entry.subarray(newline + 1);
  if (hash !== bytesHash || check !== sha1(BUILD, bytesHash, json)) return undefined;
  try {
    return JSON.parse(json.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** JSON gives back exactly these: anything else (undefined, NaN, a Date) would come back changed, so the value is not kept. */
function faithful(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original === null || typeof original === 'string' || typeof original === 'boolean') return value;
  if (typeof original === 'number' && Number.isFinite(original) && !Object.is(original, -0)) return value;
  if (typeof original === 'object' && (Array.isArray(original) || Object.getPrototypeOf(original) === Object.prototype)) return value;
  throw new TypeError(`${typeof original} ${key} does not keep as JSON`);
}

function write(path: string, bytesHash: string, value: unknown): void {
  let json: string;
  try {
    json = JSON.stringify(value, faithful);
  } catch {
    return;
  }
  const folder = dirname(path);
  const temp = join(folder, tempFileName(basename(path).slice(0, 60), randomBytes(4).toString('hex')));
  try {
    makeFolder(folder);
    writeFileSync(temp, `${sha1(BUILD, bytesHash, json)} ${bytesHash}\n${json}`, { mode: 0o600, flag: 'wx' });
    renameSync(temp, path);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // no temp file was made
    }
  }
}

/** The entry folder, and the .gitignore that keeps the whole cache out of git before anything is in it. */
function makeFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(join(dirname(folder), '.gitignore'), '# written by circle: parsed copies of workspace files, personal data included; safe to delete\n*\n', { flag: 'wx' });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
  }
}

/** Every entry goes (after an erasure on request): the next commands parse the files again. */
export function clearParseCache(dir: string): void {
  rmSync(join(dir, CACHE_DIR), { recursive: true, force: true });
}

/** The tool wrote `source`: its entry, a copy of what it held, goes at once (an erasure leaves no copy here). */
export function dropCacheEntry(source: string): void {
  try {
    unlinkSync(entryPath(source));
  } catch {
    // there was none
  }
}
