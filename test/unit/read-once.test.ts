import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/mail/journal.js';
import { readRoster, updateRoster } from '../../src/roster/store.js';
import { writeFileAtomic } from '../../src/workspace/atomic-write.js';
import { loadCircles } from '../../src/workspace/load.js';
import { journalFile, rosterFile } from '../../src/workspace/paths.js';
import { readingOnce, readOnce, suppose, supposing } from '../../src/workspace/read-once.js';
import { workspace } from '../helpers/mail.js';

/*
 * One command reads each file once while it is unchanged (`circle run` plans every step from the
 * same rosters), and never an old version: its own writes and changes on disk are read again.
 */

const ID = 'health-outcomes';
const statusOf = (roster: Awaited<ReturnType<typeof readRoster>>, email: string) => roster.signups.find((s) => s.email === email)?.status;

describe('reading once per command', () => {
  it('gives the same roster again while the file is unchanged, and a new read outside a command', async () => {
    const dir = await workspace();
    await readingOnce(async () => {
      const first = await readRoster(dir, ID);
      expect(await readRoster(dir, ID)).toBe(first);
      expect(first.signups).toHaveLength(7);
    });
    const outside = await readRoster(dir, ID);
    expect(await readRoster(dir, ID)).not.toBe(outside);
    expect(await readRoster(dir, ID)).toEqual(outside);
  });

  it('a roster the command writes is read anew by what comes after, within the same command', async () => {
    const dir = await workspace();
    await readingOnce(async () => {
      expect(statusOf(await readRoster(dir, ID), 'ana@example.org')).toBe('confirmed');
      await updateRoster(dir, ID, (roster) => ({
        roster: { ...roster, signups: roster.signups.map((s) => (s.email === 'ana@example.org' ? { ...s, status: 'cancelled' as const, statusChanged: '2019-11-01T09:00:00.000Z' } : s)) },
        result: undefined,
      }));
      expect(statusOf(await readRoster(dir, ID), 'ana@example.org')).toBe('cancelled');
    });
  });

  it('a roster changed on disk by someone else during the command is read anew', async () => {
    const dir = await workspace();
    await readingOnce(async () => {
      const path = rosterFile(dir, ID);
      expect(statusOf(await readRoster(dir, ID), 'ben@example.org')).toBe('confirmed');
      // Written in place (same file, as an editor may), one character longer.
      writeFileSync(path, readFileSync(path, 'utf8').replace('name: Ben', 'name: Bent'));
      expect((await readRoster(dir, ID)).signups.find((s) => s.email === 'ben@example.org')?.name).toMatch(/^Bent/);
    });
  });

  it('a journal appended to during the command is read anew', async () => {
    const dir = await workspace();
    const path = journalFile(dir, ID);
    mkdirSync(join(dir, 'journals'));
    writeFileSync(path, '');
    await readingOnce(async () => {
      expect((await readJournal(path)).state.size).toBe(0);
      appendFileSync(path, `${JSON.stringify({ key: 'waitlisted:x', kind: 'waitlisted', to: 'x@example.org', state: 'sent', at: '2019-11-01T09:00:00.000Z' })}\n`);
      expect([...(await readJournal(path)).state.keys()]).toEqual(['waitlisted:x']);
    });
  });

  it('a journal read under its mail lock (fresh) is read from the file again, though it looks unchanged', async () => {
    const dir = await workspace();
    const path = journalFile(dir, ID);
    mkdirSync(join(dir, 'journals'));
    writeFileSync(path, `${JSON.stringify({ key: 'waitlisted:x', kind: 'waitlisted', to: 'x@example.org', state: 'sent', at: '2019-11-01T09:00:00.000Z' })}\n`);
    await readingOnce(async () => {
      const first = await readJournal(path);
      expect(await readJournal(path)).toBe(first);
      const underLock = await readJournal(path, { fresh: true });
      expect(underLock).not.toBe(first);
      expect([...underLock.state.keys()]).toEqual(['waitlisted:x']);
      // What was read under the lock is what later reads are given.
      expect(await readJournal(path)).toBe(underLock);
    });
  });

  it('what a dry step would have written is read back only in its own dry run, and only while the file is unchanged', async () => {
    const dir = await workspace();
    const path = rosterFile(dir, ID);
    await readingOnce(async () => {
      const real = await readRoster(dir, ID);
      const supposed = { ...real, signups: real.signups.slice(1) };
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      // Another command at the same time, outside the dry run.
      const other = (async () => {
        await gate;
        return readRoster(dir, ID);
      })();
      await supposing(async () => {
        await suppose('roster', path, supposed);
        expect(await readRoster(dir, ID)).toBe(supposed);
        release();
        expect(await other).toBe(real);
        writeFileSync(path, `# changed by hand\n${readFileSync(path, 'utf8')}`);
        const again = await readRoster(dir, ID);
        expect(again).not.toBe(supposed);
        expect(again.signups).toHaveLength(real.signups.length);
      });
      await suppose('roster', path, supposed);
      expect(await readRoster(dir, ID)).not.toBe(supposed);
    });
  });

  it('a circle file the command rewrites gives the new circle; unchanged files give the same workspace', async () => {
    const dir = await workspace();
    const file = join(dir, 'circles', `${ID}.yaml`);
    await readingOnce(async () => {
      const first = await loadCircles(dir);
      expect((await loadCircles(dir)).workspace).toBe(first.workspace);
      expect(first.circles.find((c) => c.circle.id === ID)?.circle.capacity).toBe(3);
      await writeFileAtomic(file, readFileSync(file, 'utf8').replace('capacity: 3', 'capacity: 5'), { overwrite: true });
      expect((await loadCircles(dir)).circles.find((c) => c.circle.id === ID)?.circle.capacity).toBe(5);
    });
  });

  it('a read under a lock (fresh) reads again; a read that failed is not kept', async () => {
    const dir = await workspace();
    const path = rosterFile(dir, ID);
    let reads = 0;
    const count = async () => ++reads;
    await readingOnce(async () => {
      expect(await readOnce('count', path, count)).toBe(1);
      expect(await readOnce('count', path, count)).toBe(1);
      expect(await readOnce('count', path, count, { fresh: true })).toBe(2);
      expect(await readOnce('count', path, count)).toBe(2);
      await expect(readOnce('fails', path, () => Promise.reject(new Error('damaged')))).rejects.toThrow('damaged');
      expect(await readOnce('fails', path, async () => 'read again')).toBe('read again');
    });
  });
});
