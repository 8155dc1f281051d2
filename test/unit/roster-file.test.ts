import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRoster } from '../../src/roster/file.js';
import { END_MARKER, renderRoster, rosterChunks } from '../../src/roster/write.js';
import { acquireLock } from '../../src/roster/lock.js';
import { rosterFindings } from '../../src/roster/checks.js';
import type { Roster, Signup } from '../../src/roster/types.js';
import { rostersHolding, updateRosters } from '../../src/roster/store.js';
import { writeFileAtomic } from '../../src/workspace/atomic-write.js';
import { tempDir } from '../helpers/cli.js';

const signup = (over: Partial<Signup>): Signup => ({
  name: 'Ana García',
  email: 'ana@example.org',
  language: 'es',
  signedUp: '2019-10-28T09:14:02.000Z',
  source: { via: 'import', file: 'responses.csv', import: 1 },
  row: 2,
  status: 'confirmed',
  statusChanged: '2019-10-29T10:00:00.000Z',
  ...over,
});

const roster = (signups: Signup[]): Roster => ({ circle: 'making-a-case', lastImport: 2, signups, removed: [] });

describe('roster files', () => {
  it('read back exactly what was written, whatever the names hold', () => {
    const tricky = ['Ana: la jefa', 'yes', '123', '-dash', '# hash', 'O\'Brien "Bob"', 'ends with a colon:', 'true', 'emoji 🎉', 'null', '=SUM(A1)', '@home', 'a, b [c] {d}'];
    const signups = tricky.map((name, i) =>
      signup({ name, email: `p${i}@example.org`, organisation: name, source: { via: 'import', file: name, import: 1 }, row: i + 2, status: i % 3 === 0 ? 'waitlisted' : 'confirmed', ...(i === 1 ? { seatEmailOwed: true } : {}) }),
    );
    const original: Roster = { ...roster(signups), removed: [{ removed: '2019-11-01T00:00:00.000Z', status: 'cancelled', fingerprint: 'a'.repeat(64) }] };
    const parsed = parseRoster(Buffer.from(renderRoster(original)));
    expect(parsed.findings).toEqual([]);
    const byEmail = (r: Roster) => [...r.signups].sort((a, b) => a.email.localeCompare(b.email));
    expect(byEmail(parsed.roster as Roster)).toEqual(byEmail(original));
    expect(parsed.roster?.removed).toEqual(original.removed);
  });

  it('groups seated people, then the waitlist in order, and ends with the end line', () => {
    const text = renderRoster(roster([signup({ email: 'w@example.org', status: 'waitlisted' }), signup({})]));
    expect(text.indexOf('# confirmed')).toBeLessThan(text.indexOf('# waitlist, in order: 1'));
    expect(text.trimEnd().endsWith(END_MARKER)).toBe(true);
    expect(text).toContain('source: { via: import, file: responses.csv, row: 2, import: 1 }');
  });

  it('reports an empty or cut-short file as damaged, never as an empty roster', () => {
    const full = renderRoster(roster([signup({}), signup({ email: 'b@example.org' })]));
    for (const bytes of ['', '\n', full.slice(0, full.indexOf('  - name', 400))]) {
      const parsed = parseRoster(Buffer.from(bytes));
      expect(parsed.roster).toBeUndefined();
      expect(parsed.findings[0]?.message).toMatch(/empty|cut short/);
    }
  });

  it('explains unknown statuses and fields with their path', () => {
    const text = renderRoster(roster([signup({})])).replace('status: confirmed', 'status: seated').replace('country', 'contry');
    const parsed = parseRoster(Buffer.from(text));
    expect(parsed.findings.map((f) => f.message)).toContain('"signups[0].status" must be one of "confirmed", "offered", "waitlisted", "cancelled", not "seated"');
  });

  it('validate rules: duplicates are errors, over capacity and free seats are warnings', () => {
    const twice = roster([signup({}), signup({ email: 'ANA@example.org', status: 'waitlisted' }), signup({ email: 'b@example.org' })]);
    const findings = rosterFindings(twice, 'making-a-case', 1);
    expect(findings.map((f) => `${f.severity}: ${f.message}`)).toEqual([
      'error: ANA@example.org is on the roster twice (also signups[0])',
      'warning: 2 people are seated but the circle has 1 seat: nobody is unseated',
    ]);
    const waiting = rosterFindings(roster([signup({ status: 'waitlisted' })]), 'making-a-case', 20);
    expect(waiting[0]?.message).toBe('20 free seat(s) while 1 people wait');
  });
});

describe('writing large rosters', () => {
  const many = roster(Array.from({ length: 5000 }, (_, i) => signup({ email: `p${i}@example.org`, source: { via: 'import', file: 'responses.csv', import: 1 }, row: i + 2, status: i < 20 ? 'confirmed' : 'waitlisted' })));

  it('writes a roster of many pieces whole and in order', async () => {
    expect([...rosterChunks(many)].length).toBeGreaterThan(2);
    const path = join(tempDir(), 'making-a-case.yaml');
    await writeFileAtomic(path, rosterChunks(many), { overwrite: true });
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(renderRoster(many));
    expect(parseRoster(Buffer.from(text)).roster?.signups).toHaveLength(5000);
  });

  it('keeps the old file and leaves no temp file when writing fails half-way', async () => {
    const dir = tempDir();
    const path = join(dir, 'making-a-case.yaml');
    writeFileSync(path, 'old roster\n');
    function* failing() {
      yield* rosterChunks(many);
      throw new Error('disk full');
    }
    await expect(writeFileAtomic(path, failing(), { overwrite: true })).rejects.toThrow('disk full');
    expect(readFileSync(path, 'utf8')).toBe('old roster\n');
    expect(readdirSync(dir)).toEqual(['making-a-case.yaml']);
  });

  it('updateRosters: a roster that fails while it is written fails the update, after the others are written and the locks go', async () => {
    const dir = tempDir();
    const broken = signup({ email: 'b@example.org' });
    Object.defineProperty(broken, 'name', { get: () => { throw new Error('cannot render'); }, enumerable: true });
    let flushed = 0;
    const update = updateRosters(
      dir,
      ['making-a-case', 'health-outcomes'],
      () => ({
        rosters: new Map([
          ['making-a-case', { ...roster([broken]), circle: 'making-a-case' }],
          ['health-outcomes', { ...roster([signup({})]), circle: 'health-outcomes' }],
        ]),
        result: 'done',
      }),
      { whileFlushing: () => flushed++ },
    );
    await expect(update).rejects.toThrow('cannot render');
    expect(flushed).toBe(1);
    expect(readdirSync(join(dir, 'rosters')).sort()).toEqual(['health-outcomes.yaml']);
  });
});

describe('rostersHolding', () => {
  it.each([
    { email: 'ana@example.org', except: 'a', found: ['c'] },
    { email: 'ANA@example.org', except: 'c', found: ['a'] },
    { email: 'ben@example.org', except: 'a', found: [] },
  ])('$email, besides $except: $found', async ({ email, except, found }) => {
    const dir = tempDir();
    const ana = signup({ email: 'ana@example.org' });
    await updateRosters(dir, ['a', 'b', 'c'], () => ({
      rosters: new Map([['a', { ...roster([ana]), circle: 'a' }], ['b', { ...roster([signup({ email: 'cai@example.org' })]), circle: 'b' }], ['c', { ...roster([ana]), circle: 'c' }]]),
      result: undefined,
    }));
    expect(await rostersHolding(dir, email, except)).toEqual(found);
  });
});

describe('roster lock', () => {
  it('is exclusive while held and free after release', async () => {
    const path = join(tempDir(), '.x.lock');
    const lock = await acquireLock(path);
    await expect(acquireLock(path, {}, 100)).rejects.toThrow(/is locked by another circle command/);
    await lock.release();
    expect(existsSync(path)).toBe(false);
    await (await acquireLock(path, {}, 100)).release();
  });

  it('takes over a lock whose process is gone, and says so', async () => {
    const path = join(tempDir(), '.x.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), since: new Date().toISOString(), token: 'old' }));
    const recovered: number[] = [];
    const lock = await acquireLock(path, { recovered: (owner) => recovered.push(owner.pid) }, 1000);
    expect(recovered).toEqual([Number(dead.stdout)]);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('waits for a live holder instead of taking its lock', async () => {
    const path = join(tempDir(), '.x.lock');
    writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname(), since: new Date().toISOString(), token: 'live' }));
    const waited: number[] = [];
    await expect(acquireLock(path, { waiting: (o) => waited.push(o.pid) }, 150)).rejects.toThrow(`pid ${process.ppid}`);
    expect(waited).toEqual([process.ppid]);
    expect(JSON.parse(readFileSync(path, 'utf8')).token).toBe('live');
  });
});
