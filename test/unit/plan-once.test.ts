import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { signupId } from '../../src/mail/messages.js';
import { readRoster, updateRoster } from '../../src/roster/store.js';
import { circleStatuses } from '../../src/status/read.js';
import { loadCircles } from '../../src/workspace/load.js';
import { journalFile, rosterFile } from '../../src/workspace/paths.js';
import { readingOnce } from '../../src/workspace/read-once.js';
import { staleFiles } from '../../src/mail/stale-files.js';
import { circle } from '../helpers/in-process.js';
import { cleanWorkspace, editCircles, mail, server, workspace } from '../helpers/mail.js';

/*
 * The plans of one command derive each journal's and roster's views once (src/workspace/derived.ts): a
 * journal or roster changed during the command, by the command or by someone else, is planned from anew.
 */

const ID = 'health-outcomes';
const NOW = DateTime.fromISO('2019-11-20T09:00:00Z');

async function statusOf(dir: string) {
  const { circles } = await loadCircles(dir);
  const [status] = await circleStatuses(dir, circles, circles.filter((c) => c.circle.id === ID), NOW);
  return status!;
}

const sent = (key: string, kind: string, to: string, detail: Record<string, string | number>, state = 'sent') =>
  `${JSON.stringify({ key, kind, to, state, at: '2019-11-19T09:00:00.000Z', detail })}\n`;

describe('plans made once per read journal and roster', () => {
  it('a journal appended to during the command is planned from anew: a sent message is no longer owed, a bounce holds mail back', async () => {
    const dir = await workspace();
    mkdirSync(join(dir, 'journals'));
    const path = journalFile(dir, ID);
    writeFileSync(path, '');
    await readingOnce(async () => {
      const owed = (await statusOf(dir)).owed.find((o) => o.command === `circle waitlist notify ${ID}`);
      expect(owed?.kinds).toEqual({ waitlisted: 4 });
      const diego = (await readRoster(dir, ID)).signups.find((s) => s.email === 'diego@example.org')!;
      appendFileSync(path, sent(`waitlisted:${signupId(diego)}`, 'waitlisted', diego.email, { signup: signupId(diego) }));
      const after = await statusOf(dir);
      expect(after.owed.find((o) => o.command === `circle waitlist notify ${ID}`)?.kinds).toEqual({ waitlisted: 3 });
      expect(after.mail).toEqual([]);
      appendFileSync(path, sent('recording:ana@example.org', 'recording', 'ana@example.org', {}, 'bounced'));
      const held = (await statusOf(dir)).mail;
      expect(held.map((h) => [h.to, h.state])).toEqual([['ana@example.org', 'bounced']]);
    });
  });

  it('a roster changed during the command is checked anew: one person twice stops its mail, and the fix lets it go again', async () => {
    const dir = await workspace();
    const path = rosterFile(dir, ID);
    const good = readFileSync(path, 'utf8');
    await readingOnce(async () => {
      expect((await statusOf(dir)).problems).toEqual([]);
      writeFileSync(path, good.replace('email: ben@example.org', 'email: ana@example.org'));
      expect((await statusOf(dir)).problems.map((p) => p.message)).toEqual([expect.stringContaining('ana@example.org is on the roster twice')]);
      writeFileSync(path, good);
      expect((await statusOf(dir)).problems).toEqual([]);
    });
  });

  it('a roster the command writes is planned from anew: a waitlisted person cancelled is owed no place', async () => {
    const dir = await workspace();
    // A journal on disk, read once for the whole command as the roster is.
    mkdirSync(join(dir, 'journals'));
    writeFileSync(journalFile(dir, ID), '');
    const waitlistOwed = async () => (await statusOf(dir)).owed.find((o) => o.command === `circle waitlist notify ${ID}`)?.kinds;
    await readingOnce(async () => {
      expect(await waitlistOwed()).toEqual({ waitlisted: 4 });
      await updateRoster(dir, ID, (roster) => ({
        roster: { ...roster, signups: roster.signups.map((s) => (s.email === 'diego@example.org' ? { ...s, status: 'cancelled' as const, statusChanged: '2019-11-19T09:00:00.000Z' } : s)) },
        result: undefined,
      }));
      expect(await waitlistOwed()).toEqual({ waitlisted: 3 });
    });
  });

  it('a calendar file replaced during the command is checked anew', async () => {
    const dir = await cleanWorkspace();
    const ics = join(dir, 'invites', `${ID}.ics`);
    expect((await circle(['invites', ID], { cwd: dir })).code).toBe(0);
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', ID])).code).toBe(0);
    editCircles(dir, `${ID}.yaml`, (text) => text.replace('start: 2019-12-04T12:00', 'start: 2019-12-05T15:00').replace('end: 13:15', 'end: 16:15'));
    expect((await mail(dir, smtp, ['invites', 'send', ID])).code).toBe(0);
    const old = readFileSync(ics);
    expect((await circle(['invites', ID], { cwd: dir })).code).toBe(0);
    const rewritten = readFileSync(ics);
    writeFileSync(ics, old);
    await readingOnce(async () => {
      expect(await staleFiles(dir)).toEqual([expect.stringMatching(new RegExp(`^invites/${ID}\\.ics is out of date: ${ID} changed since it was written`))]);
      // Replaced by another program, as `circle invites` replaces it: a new file.
      writeFileSync(`${ics}.new`, rewritten);
      renameSync(`${ics}.new`, ics);
      expect(await staleFiles(dir)).toEqual([]);
    });
  });
});
