import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { mail, server, workspace } from '../helpers/mail.js';
import { circle } from '../helpers/in-process.js';

/* No calendar file the tool wrote is left out of date without a word (issue 11). */

const reschedule = (dir: string) => {
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('start: 2019-12-04T12:00', 'start: 2019-12-05T15:00').replace('end: 13:15', 'end: 16:15'));
};

/** Each event of an .ics file in invites/: UID -> [SEQUENCE, DTSTART]. */
function events(dir: string, name: string): Map<string, [number, string]> {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(join(dir, 'invites', name), 'utf8')));
  return new Map(
    calendar.getAllSubcomponents('vevent').map((event) => [
      String(event.getFirstPropertyValue('uid')),
      [Number(event.getFirstPropertyValue('sequence')), (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()],
    ]),
  );
}

describe('the series feed and the circle files', () => {
  it('circle invites <id> rewrites the feed written earlier, and --feed rewrites the circle files written earlier', async () => {
    const dir = await workspace();
    expect((await circle(['invites', '--feed'], { cwd: dir })).code).toBe(0);
    reschedule(dir);

    const one = await circle(['invites', 'health-outcomes'], { cwd: dir });
    expect(one.code).toBe(0);
    expect(one.stderr).toContain('also rewrote invites/lift.ics, written here before, so that no calendar file is left out of date');
    expect(one.stdout.split('\n')).toContain('invites/lift.ics');
    const uid = [...events(dir, 'health-outcomes.ics').keys()][0] as string;
    expect(events(dir, 'lift.ics').get(uid)).toEqual([1, '2019-12-05T15:00:00.000Z']);
    expect(events(dir, 'health-outcomes.ics').get(uid)).toEqual([1, '2019-12-05T15:00:00.000Z']);
    expect(events(dir, 'lift.ics').size).toBe(4);

    const file = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: scheduled', 'status: cancelled'));
    const feed = await circle(['invites', 'making-a-case', '--feed'], { cwd: dir });
    expect(feed.code).toBe(0);
    expect(feed.stderr).toContain('also rewrote invites/health-outcomes.ics, written here before');
    expect(events(dir, 'health-outcomes.ics').get(uid)?.[0]).toBe(2);
    expect(events(dir, 'lift.ics').get(uid)?.[0]).toBe(2);

    // Nothing changed since: the same bytes.
    const before = readFileSync(join(dir, 'invites', 'lift.ics'));
    expect((await circle(['invites', 'health-outcomes'], { cwd: dir })).stderr).toContain('wrote 0 files to invites (5 unchanged)');
    expect(readFileSync(join(dir, 'invites', 'lift.ics')).equals(before)).toBe(true);
  });

  it('a mail run that publishes a change names each calendar file now out of date, with the command that rewrites it', async () => {
    const dir = await workspace();
    expect((await circle(['invites', '--feed'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'invites', 'mine.ics'), 'BEGIN:VCALENDAR\r\nPRODID:-//someone else//EN\r\nEND:VCALENDAR\r\n');
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).stderr).not.toContain('out of date');
    reschedule(dir);

    const sent = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(sent.code).toBe(0);
    const hint = 'changed since it was written, and calendars that read it keep the old details; run `circle invites health-outcomes` to rewrite it';
    expect(sent.stderr).toContain(`invites/health-outcomes.ics is out of date: health-outcomes ${hint}`);
    expect(sent.stderr).toContain(`invites/lift.ics is out of date: health-outcomes ${hint}`);
    expect(sent.stderr).not.toContain('mine.ics');
    expect(sent.stderr).not.toContain('making-a-case.ics');

    expect((await circle(['invites', 'health-outcomes'], { cwd: dir })).code).toBe(0);
    const after = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(after.stderr).not.toContain('out of date');
    expect(readFileSync(join(dir, 'invites', 'mine.ics'), 'utf8')).toContain('someone else');
  });
});
