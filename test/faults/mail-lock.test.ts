import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { acquireLock } from '../../src/roster/lock.js';
import { binForAnyUser, runCliAsync, tempDir } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { mail, server, to, workspace } from '../helpers/mail.js';

/*
 * Locks under faults: a live run keeps its lock however long it runs (a heartbeat), a run that
 * lost it stops sending, a waiting run follows the holder, and a lock file the tool cannot read is
 * a clear error at once instead of a spin.
 */

const MINUTE = 60_000;
const isRoot = process.getuid?.() === 0;

/** A simulated clock, and a sleep that moves it on instead of waiting. */
function simulatedTime(start = Date.parse('2019-11-01T10:00:00Z')) {
  const clock = { now: start };
  return { clock, tick: () => clock.now, sleep: async () => void (clock.now += 10_000) };
}

describe('the lock heartbeat, seen from a second host', () => {
  it('keeps a renewed lock held past the stale time, and takes over one not renewed for it; the holder then knows it lost it', async () => {
    const path = join(tempDir(), '.health-outcomes.lock');
    const { clock, tick, sleep } = simulatedTime();
    const first = await acquireLock(path, {}, undefined, { clock: tick, host: 'host-a.example.org' });
    clock.now += 9 * MINUTE;
    await first.renew();
    clock.now += 9 * MINUTE;
    // 18 minutes since it was taken, 9 since it was renewed: alive. The other host waits, then gives up.
    const waited: number[] = [];
    await expect(acquireLock(path, { waiting: (owner) => waited.push(owner.pid) }, 30_000, { clock: tick, host: 'host-b.example.org', sleep })).rejects.toThrow(
      /\.health-outcomes\.lock is locked by another circle command \(pid \d+ on host-a\.example\.org, since 2019-11-01T10:00:00\.000Z\) that has not renewed it for 40 s/,
    );
    expect(waited.length).toBeGreaterThan(0);
    await first.check();

    clock.now += 11 * MINUTE;
    const recovered: string[] = [];
    const second = await acquireLock(path, { recovered: (owner) => recovered.push(owner.host) }, undefined, { clock: tick, host: 'host-b.example.org', sleep });
    expect(recovered).toEqual(['host-a.example.org']);
    await expect(first.check()).rejects.toThrow(/this run lost its lock .*\.health-outcomes\.lock: another circle command took it over \(pid \d+ on host-b\.example\.org/);
    // A late heartbeat of the first run never revives its lock over the second's.
    await expect(first.renew()).rejects.toThrow(/lost its lock/);
    expect(JSON.parse(readFileSync(path, 'utf8')).host).toBe('host-b.example.org');
    await first.release();
    expect(existsSync(path)).toBe(true);
    await second.release();
    expect(existsSync(path)).toBe(false);
  });

  it('the heartbeat renews a held lock by itself every 30 s, keeping its token (interval timer faked)', async () => {
    const path = join(tempDir(), '.health-outcomes.lock');
    const { clock, tick } = simulatedTime();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const lock = await acquireLock(path, {}, undefined, { clock: tick, host: 'host-a.example.org' });
      const before = JSON.parse(readFileSync(path, 'utf8'));
      expect(before.renewed).toBeUndefined();
      clock.now += 30_000;
      vi.advanceTimersByTime(30_000);
      // The renewal's file work is real: wait for it to land.
      for (let i = 0; i < 100 && JSON.parse(readFileSync(path, 'utf8')).renewed === undefined; i++) await pause(20);
      const after = JSON.parse(readFileSync(path, 'utf8'));
      expect(after).toMatchObject({ token: before.token, since: before.since, renewed: '2019-11-01T10:00:30.000Z' });
      await lock.release();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a run waiting for the lock follows a holder that keeps renewing, past its own limit, and says so as it goes', async () => {
    const path = join(tempDir(), '.health-outcomes.lock');
    const { clock, tick } = simulatedTime();
    const holder = await acquireLock(path, {}, undefined, { clock: tick, host: 'host-a.example.org' });
    let beats = 0;
    // Each pause of the waiting run: 10 s pass; the holder renews every 30 s and finishes after 20 minutes.
    const sleep = async () => {
      clock.now += 10_000;
      if (++beats % 3 === 0) await holder.renew();
      if (beats === 120) await holder.release();
    };
    const progress: number[] = [];
    const started = clock.now;
    const lock = await acquireLock(path, { waiting: (_owner, waitedMs) => progress.push(waitedMs) }, 2 * MINUTE, { clock: tick, host: 'host-b.example.org', sleep });
    expect(clock.now - started).toBe(20 * MINUTE);
    expect(progress[0]).toBe(0);
    expect(progress.length).toBe(60);
    expect(progress.at(-1)).toBe(20 * MINUTE - 20_000);
    await lock.release();
  });
});

describe('lock files the tool cannot use', () => {
  const cases: Array<[string, (path: string) => void, RegExp]> = [
    ['a folder', (path) => mkdirSync(path), /is not a lock file circle can use: it is a folder/],
    ['a dangling symlink', (path) => symlinkSync(join(path, '..', 'gone'), path), /is not a lock file circle can use: it is a link to a file that does not exist/],
  ];

  for (const [what, make, message] of cases) {
    // At once: a run that waited on the lock instead would pass the test's time limit.
    it(`rosters/.<id>.lock that is ${what}: a clear error naming it and how to remove it, at once`, async () => {
      const dir = await workspace();
      make(join(dir, 'rosters', '.health-outcomes.lock'));
      const result = await circle(['signups', 'add', 'health-outcomes', '--name', 'Ivy Ives', '--email', 'ivy@example.org'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('rosters/.health-outcomes.lock');
      expect(result.stderr).toContain('remove it (rm -r rosters/.health-outcomes.lock)');
    });

    it(`journals/.<id>.lock that is ${what}: the mail run stops with the same error before sending`, async () => {
      const dir = await workspace();
      mkdirSync(join(dir, 'journals'), { mode: 0o700 });
      make(join(dir, 'journals', '.health-outcomes.lock'));
      const smtp = await server();
      const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('journals/.health-outcomes.lock');
      expect(smtp.received).toEqual([]);
    });
  }

  it.skipIf(!isRoot)('an unreadable lock file (chmod 000, the command run as the user nobody; needs root to switch user) is the same clear error', async () => {
    const dir = await workspace();
    const lock = join(dir, 'rosters', '.health-outcomes.lock');
    writeFileSync(lock, '{}');
    expect(spawnSync('chown', ['-R', 'nobody:nogroup', dir]).status).toBe(0);
    chmodSync(lock, 0o000);
    const result = spawnSync(process.execPath, [binForAnyUser(), 'signups', 'add', 'health-outcomes', '--name', 'Ivy Ives', '--email', 'ivy@example.org'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
      uid: 65534,
      gid: 65534,
      env: { ...process.env, NO_COLOR: '1', HOME: dir },
    });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('rosters/.health-outcomes.lock is not a lock file circle can use: it cannot be read (permission denied)');
    rmSync(lock);
  });
});

describe('a mail run that loses its lock', () => {
  it('stops sending at once, says so and exits 1 when another host took its lock; the next run sends the rest, nobody twice', async () => {
    const dir = await workspace();
    const crowd = Array.from({ length: 40 }, (_, i) => `10/29/2019 10:${String(i).padStart(2, '0')}:00,person${i}@example.org,Person ${i},English`);
    writeFileSync(join(dir, 'crowd.csv'), `Timestamp,Email Address,Full name,Preferred language\n${crowd.join('\n')}\n`);
    expect((await circle(['signups', 'import', 'health-outcomes', 'crowd.csv'], { cwd: dir })).code).toBe(0);
    const lock = join(dir, 'journals', '.health-outcomes.lock');
    const journal = join(dir, 'journals', 'health-outcomes.jsonl');
    const foreign = { pid: 4242, host: 'other-host.example.org', since: new Date().toISOString(), renewed: new Date().toISOString(), token: 'theirs' };
    let taken = false;
    // Once a few messages are through, the lock file becomes another host's: what a takeover there looks like here.
    const smtp = await server((_, count) => {
      if (count === 3 && !taken) {
        taken = true;
        // Replaced in one rename, as a takeover and a renewal do: a reader never sees half of it.
        writeFileSync(`${lock}.new`, JSON.stringify(foreign));
        renameSync(`${lock}.new`, lock);
      }
      return 'accept';
    });
    const first = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--rate', '20/s']);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('error: this run lost its lock journals/.health-outcomes.lock: another circle command took it over (pid 4242 on other-host.example.org');
    expect(first.stderr).toMatch(/health-outcomes: sent and recorded \d+, not sent [1-9]/);
    const firstTo = to(smtp.received);
    expect(firstTo.length).toBeLessThan(44);
    // The other host's lock stays where it is.
    expect(JSON.parse(readFileSync(lock, 'utf8')).token).toBe('theirs');
    expect(readFileSync(journal, 'utf8')).toContain('not sent: this run lost its lock');

    rmSync(lock);
    const rerun = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(rerun.code).toBe(0);
    const all = to(smtp.received);
    expect(all).toHaveLength(44);
    expect(new Set(all).size).toBe(44);
  }, 90_000);
});

describe('two mail runs of one circle at once', () => {
  it('the second waits for the first, says so, and then finds everything sent: everybody told once', async () => {
    const dir = await workspace();
    const smtp = await server();
    // 1 message a second: the first run holds the lock for several seconds.
    const runs = await Promise.all([0, 1].map(() => runCliAsync(['waitlist', 'notify', 'health-outcomes', '--rate', '1/s'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url } })));
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const waited = runs.filter((r) => r.stderr.includes('waiting for another mail run (pid '));
    expect(waited).toHaveLength(1);
    expect(waited[0]?.stderr).toContain('sent 0, failed 0');
    expect(to(smtp.received)).toEqual(['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);
  }, 90_000);
});
