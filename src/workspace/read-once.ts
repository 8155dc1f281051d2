import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/*
 * What a command read, kept for the rest of that command: `circle run` plans its steps from the
 * same workspace, rosters and journals, and so reads and checks each once. Kept only while a
 * command runs in `readingOnce` (the CLI runs each command in one), per absolute path, and given
 * again only while the file is as it was: same device, inode, size, modification and change time
 * to the nanosecond.
 * The command's own writes (writeFileAtomic) forget the file and its folder at once; a journal
 * only grows, so an append changes its size. Outside `readingOnce` every read is a new read.
 */

interface Kept {
  version: string;
  value: Promise<unknown>;
}

/** Per absolute path, what each kind of reading made of it. */
type Reads = Map<string, Map<string, Kept>>;

/** What the commands running now have read: one command in the CLI; in tests, any that run at once share it. */
let reads: Reads | undefined;
let running = 0;

/** Runs `work` (one command) keeping what it reads until it ends. */
export async function readingOnce<T>(work: () => Promise<T>): Promise<T> {
  running++;
  reads ??= new Map();
  try {
    return await work();
  } finally {
    running--;
    if (running === 0) reads = undefined;
  }
}

/**
 * A file's bytes, or undefined when there is no such file; other failures are thrown. Read in one
 * call: fs/promises reads a small file in several trips through the event loop, at ten times the
 * CPU, and a workspace's files are many and small.
 */
export function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cause;
  }
}

/** How a file is now, or undefined when it cannot be told (then it is read as if never read). */
export async function fileVersion(path: string): Promise<string | undefined> {
  try {
    const info = statSync(path, { bigint: true });
    return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch {
    return undefined;
  }
}

/** The version of a folder's files: their names, and the version of each of those `which` picks. */
export async function folderVersion(folder: string, which: (name: string) => boolean): Promise<string | undefined> {
  const names = await readdir(folder).catch(() => undefined);
  if (!names) return undefined;
  const versions = await Promise.all(names.sort().map(async (name) => (which(name) ? `${name}=${await fileVersion(join(folder, name))}` : name)));
  return versions.join('\n');
}

export interface ReadOnceOptions {
  /** How the file (or folder) is now; fileVersion by default. */
  version?: (path: string) => Promise<string | undefined>;
  /** Read it even if it is kept (a read under a lock), and keep what was read. */
  fresh?: boolean;
}

/**
 * `read()`, or what it gave earlier in this command when `path` has not changed since; `kind`
 * keeps apart different readings of one path. The version is taken before the read, so a change
 * during the read makes the next call read again. A read that fails is not kept.
 */
export async function readOnce<T>(kind: string, path: string, read: () => Promise<T>, options: ReadOnceOptions = {}): Promise<T> {
  const store = reads;
  if (!store) return read();
  const key = resolve(path);
  const version = await (options.version ?? fileVersion)(path);
  const supposed = suppositions.getStore()?.get(`${kind} ${key}`);
  if (supposed && supposed.version === (version ?? NO_FILE)) return supposed.value as Promise<T>;
  if (version === undefined) return read();
  const kept = store.get(key) ?? new Map<string, Kept>();
  const found = kept.get(kind);
  if (!options.fresh && found?.version === version) return found.value as Promise<T>;
  const value = read();
  kept.set(kind, { version, value });
  store.set(key, kept);
  value.catch(() => {
    if (kept.get(kind)?.value === value) kept.delete(kind);
  });
  return value;
}

/** The command wrote `path`: what was read of it, and of what was read from its folder as a whole, is gone. */
export function forgetFile(path: string): void {
  if (!reads) return;
  const key = resolve(path);
  reads.delete(key);
  reads.delete(dirname(key));
}

/*
 * A dry run of several steps (`circle run --dry-run`) writes nothing, yet each step is to plan from
 * what the steps before it would have written: a seat given by one is mailed by the next. Within
 * `supposing`, what a dry step would have written is what its later reads are given, while the file
 * on disk is as it was; only that run sees it (an async context of its own), and only until it ends.
 */
const suppositions = new AsyncLocalStorage<Map<string, Kept>>();
/** The version of a file not there (yet): a dry step may suppose one written. */
const NO_FILE = 'none';

/** Runs `work` (a dry run) with its own suppositions. */
export function supposing<T>(work: () => Promise<T>): Promise<T> {
  return suppositions.run(new Map(), work);
}

/** A dry step would have written `value` to `path`: later reads of this kind in the same `supposing` are given it. Outside one, nothing. */
export async function suppose(kind: string, path: string, value: unknown): Promise<void> {
  const store = suppositions.getStore();
  if (!store) return;
  store.set(`${kind} ${resolve(path)}`, { version: (await fileVersion(path)) ?? NO_FILE, value: Promise.resolve(value) });
}
