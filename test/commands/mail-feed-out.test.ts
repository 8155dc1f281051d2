import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { mail, server, workspace } from '../helpers/mail.js';
import { circle } from '../helpers/in-process.js';

/* Calendar files written with `invites --out <folder>` are not left out of date without a word (issue 11). */

const HINT = 'changed since it was written, and calendars that read it keep the old details';

const reschedule = (dir: string) => {
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('start: 2019-12-04T12:00', 'start: 2019-12-05T15:00').replace('end: 13:15', 'end: 16:15'));
};

/** The SEQUENCE of each event of a calendar file, by UID. */
function sequences(path: string): Map<string, number> {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, 'utf8')));
  return new Map(calendar.getAllSubcomponents('vevent').map((event) => [String(event.getFirstPropertyValue('uid')), Number(event.getFirstPropertyValue('sequence'))]));
}

const record = (dir: string) => JSON.parse(readFileSync(join(dir, 'journals', 'calendar-folders.json'), 'utf8')) as { folders: string[] };

/** The command a warning says to run, as words. */
const commandIn = (text: string) => /run `circle ([^`]*)` to rewrite it/.exec(text)?.[1]?.split(' ') ?? [];

describe('calendar files written with invites --out', () => {
  it('a mail run and status name each out-of-date file in the folder, with the command that rewrites it; running it clears them', async () => {
    const dir = await workspace();
    expect((await circle(['invites', '--feed', '--out', 'public/calendar'], { cwd: dir })).code).toBe(0);
    expect(record(dir)).toEqual({ folders: ['public/calendar'] });
    expect(statSync(join(dir, 'journals', 'calendar-folders.json')).mode & 0o777).toBe(0o600);
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).stderr).not.toContain('out of date');
    reschedule(dir);

    const sent = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(sent.code).toBe(0);
    const run = 'run `circle invites --out public/calendar health-outcomes` to rewrite it';
    expect(sent.stderr).toContain(`warning: public/calendar/lift.ics is out of date: health-outcomes ${HINT}; ${run}\n`);
    expect(sent.stderr).toContain(`warning: public/calendar/health-outcomes.ics is out of date: health-outcomes ${HINT}; ${run}\n`);
    expect(sent.stderr).not.toContain('making-a-case.ics');
    expect(sent.stderr).not.toContain('invites/');

    const shown = await circle(['status'], { cwd: dir });
    expect(shown.stdout).toContain(`stale files:\n  public/calendar/health-outcomes.ics is out of date: health-outcomes ${HINT}; ${run}\n  public/calendar/lift.ics is out of date`);
    // From another folder, with -C: the command is the one to type there.
    const parent = dirname(dir);
    const elsewhere = await circle(['-C', basename(dir), 'status'], { cwd: parent });
    expect(elsewhere.stdout).toContain(`run \`circle -C ${basename(dir)} invites --out ${basename(dir)}/public/calendar health-outcomes\` to rewrite it`);

    const rewrite = await circle(commandIn(sent.stderr), { cwd: dir });
    expect(rewrite.code).toBe(0);
    const feed = join(dir, 'public', 'calendar', 'lift.ics');
    expect([...sequences(feed).values()].sort()).toEqual([0, 0, 0, 1]);
    expect(sequences(join(dir, 'public', 'calendar', 'health-outcomes.ics')).size).toBe(1);
    expect([...sequences(join(dir, 'public', 'calendar', 'health-outcomes.ics')).values()]).toEqual([1]);
    expect(existsSync(join(dir, 'invites'))).toBe(false);
    expect((await circle(['status'], { cwd: dir })).stdout).not.toContain('stale files:');
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).stderr).not.toContain('out of date');
  });

  it('finds a folder in the workspace after the checkout moved, and keeps one outside it by its full path', async () => {
    const first = await workspace();
    const outside = tempDir();
    expect((await circle(['invites', '--feed', '--out', 'public/calendar'], { cwd: first })).code).toBe(0);
    expect((await circle(['invites', '--feed', '--out', outside], { cwd: first })).code).toBe(0);
    expect((await circle(['invites', '--out', 'invites'], { cwd: first })).code).toBe(0);
    expect(record(first)).toEqual({ folders: [outside, 'public/calendar'].sort() });
    const dir = join(tempDir(), 'moved');
    renameSync(first, dir);
    reschedule(dir);
    const smtp = await server();

    const sent = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(sent.code).toBe(0);
    expect(sent.stderr).toContain(`public/calendar/lift.ics is out of date: health-outcomes ${HINT}; run \`circle invites --out public/calendar health-outcomes\``);
    expect(sent.stderr).toContain(`${join(outside, 'lift.ics')} is out of date: health-outcomes ${HINT}; run \`circle invites --out ${outside} health-outcomes\``);
    expect(sent.stderr).toContain(`invites/health-outcomes.ics is out of date: health-outcomes ${HINT}; run \`circle invites health-outcomes\``);
  });

  it('a folder that no longer exists is forgotten by the next mail run with a note, not an error; status and dry runs only say so', async () => {
    const dir = await workspace();
    expect((await circle(['invites', '--feed', '--out', 'public/calendar'], { cwd: dir })).code).toBe(0);
    expect((await circle(['invites', '--feed', '--out', 'site'], { cwd: dir })).code).toBe(0);
    rmSync(join(dir, 'public'), { recursive: true });
    reschedule(dir);
    const smtp = await server();
    const dryRun = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--dry-run']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stderr).toContain('public/calendar no longer exists: the next mail run stops looking there');
    expect(record(dir)).toEqual({ folders: ['public/calendar', 'site'] });

    const sent = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(sent.code).toBe(0);
    expect(sent.stderr).toContain('public/calendar no longer exists: circle no longer looks there for out-of-date calendar files (`circle invites --out public/calendar` writes there again)\n');
    expect(sent.stderr).toContain(`site/lift.ics is out of date: health-outcomes ${HINT}`);
    expect(record(dir)).toEqual({ folders: ['site'] });

    rmSync(join(dir, 'site'), { recursive: true });
    const shown = await circle(['status'], { cwd: dir });
    expect(shown.code).toBe(0);
    // status only reads: it says so each time, and the next mail run forgets the folder.
    expect(shown.stderr).toContain('site no longer exists: the next mail run stops looking there');
    expect(shown.stdout).not.toContain('stale files:');
    expect(record(dir)).toEqual({ folders: ['site'] });
    expect((await circle(['status'], { cwd: dir })).stderr).toContain('site no longer exists');
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    expect(record(dir)).toEqual({ folders: [] });
    expect((await circle(['status'], { cwd: dir })).stderr).not.toContain('no longer exists');
  });

  it('circle run names them too', async () => {
    const dir = await workspace();
    expect((await circle(['invites', '--feed', '--out', 'public/calendar'], { cwd: dir })).code).toBe(0);
    reschedule(dir);
    const smtp = await server();
    const ran = await circle(['run', '--yes'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_IMAP_URL: undefined }, now: new Date('2019-11-20T09:00:00Z') });
    // Once, after the steps that left it out of date, where a person is asked to act.
    const named = `public/calendar/lift.ics is out of date: health-outcomes ${HINT}; run \`circle invites --out public/calendar health-outcomes\` to rewrite it`;
    expect(ran.stderr.split(named)).toHaveLength(2);
    expect(ran.stderr.split('== needs a person')[1]).toContain(named);
  });
});
