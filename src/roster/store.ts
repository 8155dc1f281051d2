import { readdir } from 'node:fs/promises';
import { refused } from '../failure.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { emailKey } from '../model/email.js';
import { fileError, makePrivateFolder, shownPath as shown } from '../workspace/file-errors.js';
import { rosterFile, rosterLockFile, rostersDir } from '../workspace/paths.js';
import { cacheEntry } from '../workspace/parse-cache.js';
import { readIfExists, readOnce, suppose } from '../workspace/read-once.js';
import { parseRoster } from './file.js';
import { acquireLock, type LockEvents } from './lock.js';
import { emptyRoster, type Roster } from './types.js';
import { rosterChunks } from './write.js';

/*
 * Rosters on disk: rosters/<id>.yaml in the workspace, next to circles/. Every change is
 * read-modify-write under the roster's lock (rosters/.<id>.lock) and ends in an atomic write.
 */

/** Ids of the circles that have a roster file. */
export async function rosterIds(dir: string): Promise<string[]> {
  const names = await readdir(rostersDir(dir)).catch(() => [] as string[]);
  return names.filter((name) => !name.startsWith('.') && name.endsWith('.yaml')).map((name) => name.slice(0, -5)).sort();
}

/**
 * A circle's roster; a circle nobody signed up for yet has an empty one. A damaged or invalid
 * file is an error, never an empty roster. Read once per command while the file is unchanged
 * (`fresh`: read anyway, as under its lock); a roster is never changed in place, only replaced.
 */
export function readRoster(dir: string, id: string, options: { fresh?: boolean } = {}): Promise<Roster> {
  return readOnce('roster', rosterFile(dir, id), () => parsedRoster(dir, id), options);
}

async function parsedRoster(dir: string, id: string): Promise<Roster> {
  const path = rosterFile(dir, id);
  let bytes: Buffer | undefined;
  try {
    bytes = readIfExists(path);
  } catch (cause) {
    throw fileError(cause, path, 'read');
  }
  if (!bytes) return emptyRoster(id);
  const cache = cacheEntry<Roster>(path, bytes);
  const roster = cache.found ?? soundRoster(path, bytes);
  if (roster.circle !== id) {
    throw refused('input', `${shown(path)} says it is the roster of "${roster.circle}"`, `set circle: ${id}, or rename the file`);
  }
  if (!cache.found) cache.keep(roster);
  return roster;
}

/** The roster the bytes hold, or the first of their problems. */
function soundRoster(path: string, bytes: Buffer): Roster {
  const parsed = parseRoster(bytes);
  const [first] = parsed.findings;
  if (!parsed.roster || first) {
    const more = parsed.findings.length > 1 ? ` (and ${parsed.findings.length - 1} more problems)` : '';
    throw refused('input', `${shown(path)}: ${first?.message ?? 'unreadable roster'}${more}`, first?.hint ?? 'run `circle validate` to see every problem');
  }
  return parsed.roster;
}

/** The circles other than `except` whose rosters hold this address (a correction or an erasure is per circle). */
export async function rostersHolding(dir: string, email: string, except: string): Promise<string[]> {
  const key = emailKey(email);
  const found: string[] = [];
  for (const id of await rosterIds(dir)) if (id !== except && (await readRoster(dir, id)).signups.some((s) => emailKey(s.email) === key)) found.push(id);
  return found;
}

export interface UpdateOptions {
  /** Compute and report, write nothing (and take no lock). */
  dryRun?: boolean;
  events?: LockEvents;
  /** Work for the wait while the rosters reach the disk: runs once they are all rendered (at once on a dry run). */
  whileFlushing?: () => void;
  /** Awaited once the locks are taken and the rosters read, before any change: where tests stop a run to kill it. */
  afterLock?: () => Promise<void>;
}

/** A roster's atomic write, and when its last piece was rendered (or the write ended early). */
function write(path: string, roster: Roster): { done: Promise<void>; rendered: Promise<void> } {
  let rendered!: () => void;
  const renderedAll = new Promise<void>((resolve) => (rendered = resolve));
  function* thenSay(pieces: Iterable<Uint8Array>): Generator<Uint8Array> {
    yield* pieces;
    rendered();
  }
  const done = writeFileAtomic(path, thenSay(rosterChunks(roster)), { overwrite: true, access: 'private' });
  return { done, rendered: Promise.race([renderedAll, done.catch(() => undefined)]) };
}

/** Waits for every write, then fails with the first failure: no write is still going when the locks are released. */
async function settleAll(writes: Array<Promise<void>>): Promise<void> {
  const failed = (await Promise.allSettled(writes)).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Reads the rosters of `ids` under their locks (taken in id order, so two runs never wait for
 * each other in a circle), lets `change` return new rosters, and writes those that changed.
 */
export async function updateRosters<T>(
  dir: string,
  ids: readonly string[],
  change: (rosters: Map<string, Roster>) => { rosters: Map<string, Roster>; result: T },
  options: UpdateOptions = {},
): Promise<T> {
  const sorted = [...new Set(ids)].sort();
  if (!options.dryRun) await makePrivateFolder(rostersDir(dir));
  const locks = [];
  try {
    if (!options.dryRun) {
      for (const id of sorted) locks.push(await acquireLock(rosterLockFile(dir, id), options.events));
    }
    const before = new Map<string, Roster>();
    // Under the locks, what is on disk now, never what this command read before it held them.
    for (const id of sorted) before.set(id, await readRoster(dir, id, { fresh: !options.dryRun }));
    if (!options.dryRun) await options.afterLock?.();
    const { rosters, result } = change(before);
    if (options.dryRun) {
      for (const [id, roster] of rosters) if (roster !== before.get(id)) await suppose('roster', rosterFile(dir, id), roster);
      options.whileFlushing?.();
    } else {
      for (const id of rosters.keys()) if (!before.has(id)) throw new Error(`roster ${id} changed without its lock`);
      // All at once: one roster is rendered while another is flushed to disk.
      const writes = [...rosters].filter(([id, roster]) => roster !== before.get(id)).map(([id, roster]) => write(rosterFile(dir, id), roster));
      const flushing = Promise.all(writes.map((w) => w.rendered)).then(() => options.whileFlushing?.());
      await settleAll([...writes.map((w) => w.done), flushing]);
    }
    return result;
  } finally {
    for (const lock of locks.reverse()) await lock.release();
  }
}

/** updateRosters for one roster. */
export async function updateRoster<T>(
  dir: string,
  id: string,
  change: (roster: Roster) => { roster: Roster; result: T },
  options: UpdateOptions = {},
): Promise<T> {
  return updateRosters(
    dir,
    [id],
    (rosters) => {
      const { roster, result } = change(rosters.get(id) ?? emptyRoster(id));
      return { rosters: new Map([[id, roster]]), result };
    },
    options,
  );
}
