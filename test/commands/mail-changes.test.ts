import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { byTo, calendarOf, mail, server, to, workspace } from '../helpers/mail.js';
import type { Received } from '../helpers/smtp.js';
import { circle } from '../helpers/in-process.js';

/* A reschedule and a cancellation reach everyone on the roster, seated or waiting, each once (issue 11). */

const edit = (dir: string, change: (text: string) => string) => {
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  writeFileSync(file, change(readFileSync(file, 'utf8')));
};
const reschedule = (text: string) =>
  text
    .replace('start: 2019-12-04T12:00', 'start: 2019-12-05T15:00')
    .replace('end: 13:15', 'end: 16:15')
    .replace('meeting_url: https://meet.example.org/lift-3', 'meeting_url: https://meet.example.org/lift-3-new\nplatform: Jitsi');
const kinds = (received: Received[]) => received.map((r) => `${r.to[0]} ${r.mail.subject?.split(':')[0]}`).sort();

describe('a change of the circle', () => {
  it('reaches the invited and the waitlist once, each saying what changed in their language, with Auto-Submitted', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    expect(smtp.received).toHaveLength(7);
    for (const message of smtp.received) expect(message.mail.headers.get('auto-submitted')).toBe('auto-generated');
    edit(dir, reschedule);
    smtp.received.length = 0;

    const sent = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(sent.stderr).toContain('to send: 3 update, 4 waitlisted-update');
    expect(sent.code).toBe(0);
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org', 'diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);

    const ben = byTo(smtp.received, 'ben@example.org') as Received;
    expect(ben.mail.text).toContain('When: now Thursday, 5 December 2019, 15:00–16:15 GMT (was Wednesday, 4 December 2019, 12:00–13:15 GMT)');
    expect(ben.mail.text).toContain('Where: now online, on Jitsi (was online)');
    expect(ben.mail.text).toContain('Join the session: now https://meet.example.org/lift-3-new (was https://meet.example.org/lift-3)');
    expect(calendarOf(ben).event.getFirstPropertyValue('sequence')).toBe(1);
    const ana = byTo(smtp.received, 'ana@example.org') as Received;
    expect(ana.mail.text).toContain('Fecha y hora: ahora jueves, 5 de diciembre de 2019, 15:00–16:15 GMT (antes: miércoles, 4 de diciembre de 2019, 12:00–13:15 GMT)');

    const emma = byTo(smtp.received, 'emma@example.org') as Received;
    expect(emma.mail.subject).toBe('Changed: Learning Circle #3: Improving health outcomes through open contracting');
    expect(emma.mail.text).toContain('When: now Thursday, 5 December 2019, 15:00–16:15 GMT (was Wednesday, 4 December 2019, 12:00–13:15 GMT)');
    expect(emma.mail.text).toContain('You are number 2 on the waitlist.');
    expect(emma.mail.text).not.toContain('meet.example.org');
    expect(emma.mail.attachments).toEqual([]);
    const diego = byTo(smtp.received, 'diego@example.org') as Received;
    expect(diego.mail.text).toContain('Fecha y hora: ahora jueves, 5 de diciembre de 2019, 15:00–16:15 GMT');
    expect(diego.mail.text).toContain('Ocupas el puesto 1 de la lista de espera.');

    // Either command finds the change told: nobody hears it twice.
    smtp.received.length = 0;
    const again = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(again.stderr).toContain('health-outcomes: nothing to send');
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);
  });

  it('a waitlisted person told after the change is not sent it again; one told before gets it from waitlist notify', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    edit(dir, reschedule);
    writeFileSync(join(dir, 'late.csv'), 'Timestamp,Email Address,Full name\n10/31/2019 9:00:00,hana@example.org,Hana Sato\n');
    expect((await circle(['signups', 'import', 'health-outcomes', 'late.csv'], { cwd: dir })).code).toBe(0);
    smtp.received.length = 0;

    const notify = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(notify.code).toBe(0);
    expect(kinds(smtp.received)).toEqual([
      'diego@example.org Cambios en el círculo de aprendizaje n.º 3',
      'emma@example.org Changed',
      'farah@example.org Changed',
      'gus@example.org Changed',
      'hana@example.org You are on the waitlist for Learning Circle #3',
    ]);
    expect(byTo(smtp.received, 'hana@example.org')?.mail.text).toContain('Thursday, 5 December 2019, 15:00–16:15 GMT');
  });

  it('a cancelled circle tells its waitlist their place and what happens next, once, and the invited get the calendar cancellation', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    edit(dir, (text) => text.replace('status: scheduled', 'status: cancelled'));
    smtp.received.length = 0;

    const notify = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(notify.stderr).toContain('to send: 4 waitlisted-cancelled');
    expect(to(smtp.received)).toEqual(['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);
    const gus = byTo(smtp.received, 'gus@example.org') as Received;
    expect(gus.mail.subject).toBe('Cancelled: Learning Circle #3: Improving health outcomes through open contracting');
    expect(gus.mail.text).toContain('planned for Wednesday, 4 December 2019, 12:00–13:15 GMT, has been cancelled');
    expect(gus.mail.text).toContain('You were number 4 on its waitlist. The waitlist closes with the circle: you do not need to do anything, and there will be no recording.');
    expect(gus.mail.text).toContain('it will be announced on the mailing list, where you can sign up again: https://lists.example.org/lift');
    expect(gus.mail.attachments).toEqual([]);
    expect(byTo(smtp.received, 'diego@example.org')?.mail.text).toContain('Ocupabas el puesto 1 de su lista de espera.');

    smtp.received.length = 0;
    const invites = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(invites.stderr).toContain('to send: 3 cancelled');
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
    for (const message of smtp.received) expect(calendarOf(message).method).toMatchObject({ params: { method: 'CANCEL' } });
  });
});

describe('a circle cancelled before any invitation went out', () => {
  it('tells the seated as well as the waitlisted, once, with nothing for their calendar', async () => {
    const dir = await workspace();
    const smtp = await server();
    edit(dir, (text) => text.replace('status: scheduled', 'status: cancelled'));
    const sent = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(sent.stderr).toContain('to send: 3 confirmed-cancelled, 4 waitlisted-cancelled');
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org', 'diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);
    const ben = byTo(smtp.received, 'ben@example.org') as Received;
    expect(ben.mail.subject).toBe('Cancelled: Learning Circle #3: Improving health outcomes through open contracting');
    expect(ben.mail.text).toContain('You had a seat in it. No calendar invitation had gone out yet, so there is nothing to remove from your calendar');
    expect(ben.mail.attachments).toEqual([]);
    expect(byTo(smtp.received, 'ana@example.org')?.mail.text).toContain('Tenías una plaza en él.');
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);
  });
});

describe('a seat cancelled, then given again', () => {
  it('gets an invitation every calendar takes as newer than the cancellation, and the cancellation promises no recording', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ben@example.org'], { cwd: dir })).code).toBe(0);
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const cancel = smtp.received.find((r) => r.to[0] === 'ben@example.org') as Received;
    expect(cancel.mail.text).not.toMatch(/recording/i);
    expect(cancel.mail.text).toContain('reply to this email and we will put you back on the waitlist');
    const cancelled = calendarOf(cancel).event;

    // Ben signs up again and a seat is freed for him: a later DTSTAMP at the same SEQUENCE is what orders them.
    expect((await circle(['signups', 'add', 'health-outcomes', '--name', 'Ben Okafor', '--email', 'ben@example.org'], { cwd: dir })).code).toBe(0);
    edit(dir, (text) => text.replace('capacity: 3', 'capacity: 20'));
    expect((await circle(['signups', 'promote', 'health-outcomes'], { cwd: dir })).code).toBe(0);
    // DTSTAMP has whole seconds: the next second, as a real re-seating would be.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    const seat = calendarOf(smtp.received.find((r) => r.to[0] === 'ben@example.org') as Received);
    expect(seat.method).toMatchObject({ params: { method: 'REQUEST' } });
    const request = seat.event;
    expect(request.getFirstPropertyValue('uid')).toBe(cancelled.getFirstPropertyValue('uid'));
    const sequence = (e: ICAL.Component) => Number(e.getFirstPropertyValue('sequence'));
    const stamp = (e: ICAL.Component) => (e.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime();
    expect(sequence(request)).toBe(sequence(cancelled));
    expect(stamp(request)).toBeGreaterThan(stamp(cancelled));

    // The public file stays as it was: its DTSTAMP is the last change's, not a mail run's.
    const first = await circle(['invites', 'health-outcomes', '--feed'], { cwd: dir });
    expect(first.code).toBe(0);
    const bytes = readFileSync(join(dir, 'invites', 'health-outcomes.ics'));
    const feed = readFileSync(join(dir, 'invites', 'lift.ics'));
    expect((await circle(['invites', 'health-outcomes', '--feed'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'invites', 'health-outcomes.ics')).equals(bytes)).toBe(true);
    expect(readFileSync(join(dir, 'invites', 'lift.ics')).equals(feed)).toBe(true);
  });
});

describe('a person moved away and back', () => {
  it('is invited again after the cancellation, though they keep their signup time', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    expect((await circle(['signups', 'move', 'health-outcomes', 'ben@example.org', '--to', 'making-a-case'], { cwd: dir })).code).toBe(0);
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const cancel = calendarOf(smtp.received.find((r) => r.to[0] === 'ben@example.org') as Received);
    expect(cancel.method).toMatchObject({ params: { method: 'CANCEL' } });

    edit(dir, (text) => text.replace('capacity: 3', 'capacity: 20'));
    const back = await circle(['signups', 'move', 'making-a-case', 'ben@example.org', '--to', 'health-outcomes'], { cwd: dir });
    expect(back.stdout).toContain('to a seat in health-outcomes');
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const invitation = calendarOf(smtp.received.find((r) => r.to[0] === 'ben@example.org') as Received);
    expect(invitation.method).toMatchObject({ params: { method: 'REQUEST' } });
    const stamp = (e: ICAL.Component) => (e.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime();
    expect(stamp(invitation.event)).toBeGreaterThan(stamp(cancel.event));
    // Still ranked by the time he first signed up: ahead of everyone who signed up after him.
    const list = JSON.parse((await circle(['signups', 'list', 'health-outcomes', '--json'], { cwd: dir })).stdout) as Array<{ email: string; status: string; signedUp: string }>;
    const ben = list.filter((s) => s.email === 'ben@example.org');
    expect(ben.map((s) => s.status).sort()).toEqual(['cancelled', 'confirmed']);
    expect(Date.parse((ben.find((s) => s.status === 'confirmed') as { signedUp: string }).signedUp) - Date.parse((ben.find((s) => s.status === 'cancelled') as { signedUp: string }).signedUp)).toBe(1);
  });
});
