import { randomBytes } from 'node:crypto';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { CircleError } from '../errors.js';

/*
 * An exclusive lock file (O_EXCL create) holding its owner's pid, host and a random token.
 * A lock whose process is gone (same host) or that is older than STALE_AFTER_MS is stale and is
 * taken over; the takeover itself is guarded by a second O_EXCL file, and the lock is re-read
 * under that guard, so two runs recovering at once never remove a live lock.
 */

const STALE_AFTER_MS = 10 * 60_000;
const WAIT_MS = 20_000;

interface Owner {
  pid: number;
  host: string;
  since: string;
  token: string;
}

export interface LockEvents {
  /** A lock left by a run that died was taken over. */
  recovered?: (owner: Owner) => void;
  /** Another run holds the lock; this one waits. */
  waiting?: (owner: Owner) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readOwner(path: string): Promise<Owner | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const owner = JSON.parse(text) as Owner;
    if (typeof owner.pid === 'number' && typeof owner.token === 'string') return owner;
  } catch {
    // A lock file cut short by a crash while it was written: judged by its age alone.
  }
  const info = await stat(path).catch(() => undefined);
  return { pid: 0, host: '', since: info ? info.mtime.toISOString() : new Date(0).toISOString(), token: `partial:${text}` };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(owner: Owner, now = Date.now()): boolean {
  const age = now - Date.parse(owner.since);
  // Writing a lock takes microseconds: one still unreadable after seconds belongs to a killed run.
  if (owner.token.startsWith('partial:')) return age > 5_000;
  // On this machine the owner's process tells, however long it runs (a mail run can take an hour).
  if (owner.host === hostname() && owner.pid > 0 && owner.pid !== process.pid) return !processAlive(owner.pid);
  return age > STALE_AFTER_MS;
}

async function createExclusive(path: string, content: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw cause;
  }
}

/** This process, as a lock's owner. */
const newOwner = (): Owner => ({ pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') });

/** Removes a stale lock unless it changed since it was judged stale. */
async function takeOver(path: string, stale: Owner): Promise<boolean> {
  const guard = `${path}.takeover`;
  const me = newOwner();
  if (!(await createExclusive(guard, JSON.stringify(me)))) {
    const other = await readOwner(guard);
    // A guard is held for a few milliseconds; one left behind by a killed run is removed.
    if (other && isStale(other)) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    const current = await readOwner(path);
    if (current?.token !== stale.token) return false;
    await unlink(path).catch(() => undefined);
    return true;
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

export interface Lock {
  release(): Promise<void>;
}

/** Takes the lock at `path`, waiting for another run to finish and recovering a lock left by a dead one. */
export async function acquireLock(path: string, events: LockEvents = {}, waitMs = WAIT_MS): Promise<Lock> {
  const owner = newOwner();
  const deadline = Date.now() + waitMs;
  let told = false;
  for (let attempt = 0; ; attempt++) {
    if (await createExclusive(path, JSON.stringify(owner))) {
      return {
        release: async () => {
          const current = await readOwner(path);
          if (current?.token === owner.token) await unlink(path).catch(() => undefined);
        },
      };
    }
    const holder = await readOwner(path);
    if (!holder) continue;
    if (isStale(holder)) {
      if (await takeOver(path, holder)) events.recovered?.(holder);
      continue;
    }
    if (Date.now() > deadline) {
      throw new CircleError(
        `${path} is locked by another circle command (pid ${holder.pid} on ${holder.host}, since ${holder.since})`,
        1,
        `wait for it to finish and run this again; if no circle command is running, delete ${path}`,
      );
    }
    if (!told) events.waiting?.(holder);
    told = true;
    await sleep(Math.min(200, 10 * 2 ** Math.min(attempt, 4)) + Math.random() * 20);
  }
}
