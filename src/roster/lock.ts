import { randomBytes } from 'node:crypto';
import { lstat, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { refused, type Refused } from '../failure.js';
import { shellQuote } from '../ui/shell.js';
import { fileError, shownPath as shown } from '../workspace/file-errors.js';

/*
 * An exclusive lock file (O_EXCL create) holding its owner's pid, host, a random token and when
 * it was last renewed. A live holder renews it every RENEW_MS (a heartbeat), so a lock not renewed
 * for STALE_AFTER_MS belongs to a run that died, or the lock of a dead process on this machine,
 * is stale and taken over. The takeover and each renewal are guarded by a second O_EXCL file and
 * re-read the lock under it, so a live lock is never removed and a renewal never revives a lock
 * another run took. A holder that finds its token gone knows it lost the lock.
 */

const STALE_AFTER_MS = 10 * 60_000;
const RENEW_MS = 30_000;
/** How often a waiting run says it is still waiting. */
const PROGRESS_MS = 15_000;

interface Owner {
  pid: number;
  host: string;
  since: string;
  token: string;
  /** The last heartbeat; staleness is judged from it (from `since` for a lock never renewed). */
  renewed?: string;
}

export interface LockEvents {
  /** A lock left by a run that died was taken over. */
  recovered?: (owner: Owner) => void;
  /** Another run holds the lock; this one waits. Called again every few seconds with the time waited so far. */
  waiting?: (owner: Owner, waitedMs: number) => void;
}

export interface LockOptions {
  /** Milliseconds since the epoch: tests pass a simulated clock to age a lock. */
  clock?: () => number;
  /** The host written into the lock: tests pass another to play a run on a second machine. */
  host?: string;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lock file this tool cannot read: waiting would never end, so the person is told what to remove. */
function unusable(path: string, what: string): Refused {
  return refused(
    'input',
    `${shown(path)} is not a lock file circle can use: ${what}`,
    `if no circle command is running, remove it (rm -r ${shellQuote(path)}) and run this again`,
  );
}

/** Errors of the lock folder itself (read-only, full, no permission): an environment error naming it. */
function cannotLock(path: string, cause: NodeJS.ErrnoException): Error {
  const mapped = fileError(cause, path, 'create the lock');
  return mapped instanceof Error ? mapped : cause;
}

/** The lock's owner; undefined when there is no lock file (any more). Anything else unreadable is an error. */
async function readOwner(path: string): Promise<Owner | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const cause = error as NodeJS.ErrnoException;
    if (cause.code === 'ENOENT') {
      const link = await lstat(path).catch(() => undefined);
      if (!link) return undefined;
      throw unusable(path, 'it is a link to a file that does not exist');
    }
    if (cause.code === 'EISDIR') throw unusable(path, 'it is a folder');
    if (cause.code === 'EACCES' || cause.code === 'EPERM') throw unusable(path, 'it cannot be read (permission denied)');
    throw unusable(path, cause.code ?? cause.message);
  }
  try {
    const owner = JSON.parse(text) as Owner;
    if (typeof owner.pid === 'number' && typeof owner.token === 'string') return owner;
  } catch {
    // A lock file cut short by a crash while it was written: judged by its age alone.
  }
  const info = await lstat(path).catch(() => undefined);
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

const lastSign = (owner: Owner) => Date.parse(owner.renewed ?? owner.since);

function isStale(owner: Owner, now: number, host: string): boolean {
  const age = now - lastSign(owner);
  // Writing a lock takes microseconds: one still unreadable after seconds belongs to a killed run.
  if (owner.token.startsWith('partial:')) return age > 5_000;
  // On this machine the owner's process tells, however long it runs.
  if (owner.host === host && owner.pid > 0 && owner.pid !== process.pid) return !processAlive(owner.pid);
  // Elsewhere only the heartbeat tells: a live run renews its lock long before this.
  return age > STALE_AFTER_MS;
}

async function createExclusive(path: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw cannotLock(path, cause as NodeJS.ErrnoException);
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (cause) {
    // A lock that did not fully reach the disk is no lock: nobody is left to wait for it.
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw cannotLock(path, cause as NodeJS.ErrnoException);
  }
  await handle.close();
  return true;
}

/** Runs `work` under the guard file of `path`; false when another run holds the guard now. */
async function underGuard(path: string, me: Owner, now: number, host: string, work: () => Promise<boolean>): Promise<boolean> {
  const guard = `${path}.takeover`;
  if (!(await createExclusive(guard, JSON.stringify(me)))) {
    const other = await readOwner(guard);
    const info = await lstat(guard).catch(() => undefined);
    // A guard is held for a few milliseconds; one left behind by a killed or stuck run is removed.
    if (other && (isStale(other, now, host) || (info && Date.now() - info.mtimeMs > 5_000))) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    return await work();
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/** Replaces the file at `path` with `content` in one rename; false when it could not be written (a full disk). */
async function replaceFile(path: string, temp: string, content: string): Promise<boolean> {
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    return true;
  } catch {
    await unlink(temp).catch(() => undefined);
    return false;
  }
}

export interface Lock {
  /** Fails (Refused, saying so) when this run no longer holds the lock: another run took it over, or it was removed. */
  check(): Promise<void>;
  /** Writes a fresh renewal time into the lock, keeping its token; the heartbeat calls it every RENEW_MS. */
  renew(): Promise<void>;
  release(): Promise<void>;
}

function lostLock(path: string, current: Owner | undefined): Refused {
  const by = current ? `another circle command took it over (pid ${current.pid} on ${current.host || 'an unknown host'}, since ${current.since})` : 'the lock file was removed';
  return refused('input', `this run lost its lock ${shown(path)}: ${by}`, 'it stopped at once; when no other circle command is running, run the same command again: the journal keeps who was told');
}

function held(path: string, owner: Owner, clock: () => number, host: string): Lock {
  let lost: Refused | undefined;
  const verify = async () => {
    if (lost) throw lost;
    const current = await readOwner(path).catch(() => undefined);
    if (current?.token !== owner.token) throw (lost = lostLock(path, current));
  };
  const renew = async () => {
    const me = { ...owner, renewed: new Date(clock()).toISOString() };
    await underGuard(path, me, clock(), host, async () => {
      await verify();
      return replaceFile(path, `${path}.${owner.token}.renew`, JSON.stringify(me));
    });
  };
  // A renewal that fails for want of space is tried again at the next beat; only a lost lock ends it.
  const timer = setInterval(() => void renew().catch(() => (lost ? clearInterval(timer) : undefined)), RENEW_MS);
  timer.unref();
  return {
    check: verify,
    renew,
    release: async () => {
      clearInterval(timer);
      const current = await readOwner(path).catch(() => undefined);
      if (current?.token === owner.token) await unlink(path).catch(() => undefined);
    },
  };
}

/**
 * Takes the lock at `path`, waiting for another run to finish and recovering a lock left by a dead
 * one. The wait follows the holder: it lasts as long as the holder keeps renewing its lock, saying
 * so every few seconds; a lock not renewed for `waitMs` is given up on (a lock from another machine
 * not renewed for STALE_AFTER_MS is stale and taken over instead).
 */
export async function acquireLock(path: string, events: LockEvents = {}, waitMs = STALE_AFTER_MS, options: LockOptions = {}): Promise<Lock> {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const host = options.host ?? hostname();
  const owner: Owner = { pid: process.pid, host, since: new Date(clock()).toISOString(), token: randomBytes(8).toString('hex') };
  const started = clock();
  let seen: string | undefined;
  let quietSince = started;
  let told = -Infinity;
  for (let attempt = 0; ; attempt++) {
    if (await createExclusive(path, JSON.stringify(owner))) return held(path, owner, clock, host);
    const holder = await readOwner(path);
    const now = clock();
    if (holder && isStale(holder, now, host)) {
      const taken = await underGuard(path, owner, now, host, async () => {
        const current = await readOwner(path);
        // Renewed or replaced since it was judged stale: not to be taken.
        if (current?.token !== holder.token || current.renewed !== holder.renewed) return false;
        await unlink(path).catch(() => undefined);
        return true;
      });
      if (taken) events.recovered?.(holder);
      else await sleep(20);
      continue;
    }
    if (holder) {
      // A new holder, or a heartbeat of the same one: it is alive, the wait goes on.
      const sign = `${holder.token} ${holder.renewed ?? ''}`;
      if (sign !== seen) [seen, quietSince] = [sign, now];
      if (now - quietSince > waitMs) {
        throw refused(
          'input',
          `${shown(path)} is locked by another circle command (pid ${holder.pid} on ${holder.host}, since ${holder.since}) that has not renewed it for ${Math.round((now - quietSince) / 1000)} s`,
          `if that command still runs, it seems stuck: stop it; if no circle command is running, delete ${shellQuote(path)}`,
        );
      }
      if (now - told >= PROGRESS_MS) {
        events.waiting?.(holder, now - started);
        told = now;
      }
    }
    await sleep(Math.min(200, 10 * 2 ** Math.min(attempt, 4)) + Math.random() * 20);
  }
}
