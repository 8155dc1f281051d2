import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import type { Received } from '../helpers/smtp.js';
import { workspace, server, mail, to, byTo, calendarOf } from '../helpers/mail.js';

describe('circle waitlist notify', () => {
  it('tells each waitlisted person their position once, in their language, from the organizer, replies to the host', async () => {
    const dir = await workspace();
    const smtp = await server();
    const first = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(first.stderr).toContain('sent 4, failed 0, unconfirmed 0');
    expect(first.code).toBe(0);
    expect(to(smtp.received)).toEqual(['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);
    for (const received of smtp.received) {
      expect(received.to).toHaveLength(1);
      expect(received.mail.from?.value).toEqual([{ name: 'Lift Learning Circles', address: 'circles@example.org' }]);
      expect(received.mail.replyTo?.value).toEqual([{ name: 'Viktor Nestulia', address: 'viktor.nestulia@example.org' }]);
      expect(received.mail.html).toContain('<p');
      expect(received.mail.attachments).toEqual([]);
    }
    const diego = byTo(smtp.received, 'diego@example.org');
    expect(diego?.mail.subject).toBe('Estás en la lista de espera del círculo de aprendizaje n.º 3: Mejores resultados en salud gracias a la contratación abierta');
    expect(diego?.mail.text).toContain('Hola, Diego Ruiz:');
    expect(diego?.mail.text).toContain('ocupas el puesto 1 de la lista de espera');
    expect(diego?.mail.text).toContain('miércoles, 4 de diciembre de 2019, 12:00–13:15 GMT');
    expect(diego?.mail.text).toContain('te enviaremos la grabación');
    const gus = byTo(smtp.received, 'gus@example.org');
    expect(gus?.mail.subject).toBe('You are on the waitlist for Learning Circle #3: Improving health outcomes through open contracting');
    expect(gus?.mail.text).toContain('you are number 4 on the waitlist');
    expect(gus?.mail.text).toContain('reply to this email and we will take you off the waitlist');
    expect(gus?.mail.text).not.toContain('meet.example.org');

    const second = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('nothing to send; 4 already sent');
    expect(smtp.received).toHaveLength(4);
  });

  it('gives a promoted person their seat with the meeting link and the invitation; invites send does not repeat it', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ben@example.org'], { cwd: dir })).code).toBe(0);
    smtp.received.length = 0;

    const notify = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(notify.code).toBe(0);
    expect(to(smtp.received)).toEqual(['diego@example.org']);
    const diego = smtp.received[0] as Received;
    expect(diego.mail.subject).toBe('Se liberó una plaza para ti: Círculo de aprendizaje n.º 3: Mejores resultados en salud gracias a la contratación abierta');
    expect(diego.mail.text).toContain('Únete a la sesión: https://meet.example.org/lift-3');
    const { event, method } = calendarOf(diego);
    expect(method).toMatchObject({ value: 'text/calendar', params: { charset: 'utf-8', method: 'REQUEST' } });
    expect(event.getFirstPropertyValue('attendee')).toBe('mailto:diego@example.org');
    expect(event.getFirstPropertyValue('location')).toBe('https://meet.example.org/lift-3');
    const roster = JSON.parse((await circle(['signups', 'list', 'health-outcomes', '--json'], { cwd: dir })).stdout) as Array<{ email: string; seatEmailOwed: boolean; status: string }>;
    expect(roster.find((s) => s.email === 'diego@example.org')).toMatchObject({ status: 'confirmed', seatEmailOwed: false });

    smtp.received.length = 0;
    const invites = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(invites.code).toBe(0);
    expect(to(smtp.received)).toEqual(['ben@example.org']);
    expect(smtp.received[0]?.mail.subject).toBe('Your seat is cancelled: Learning Circle #3: Improving health outcomes through open contracting');
    expect(calendarOf(smtp.received[0] as Received).calendar.getFirstPropertyValue('method')).toBe('CANCEL');
  });
});

describe('already sent', () => {
  it('counts what the journal holds: after 27 sends and 4 promotions a rerun says 27, and seat emails count as invitations', async () => {
    const dir = await workspace();
    const crowd = Array.from({ length: 23 }, (_, i) => `10/29/2019 10:${String(i).padStart(2, '0')}:00,person${i}@example.org,Person ${i},English`);
    writeFileSync(join(dir, 'crowd.csv'), `Timestamp,Email Address,Full name,Preferred language\n${crowd.join('\n')}\n`);
    expect((await circle(['signups', 'import', 'health-outcomes', 'crowd.csv'], { cwd: dir })).code).toBe(0);
    const smtp = await server();
    const first = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(first.stderr).toContain('sent 27, failed 0');

    const file = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('capacity: 3', 'capacity: 7'));
    expect((await circle(['signups', 'promote', 'health-outcomes'], { cwd: dir })).code).toBe(0);
    const rerun = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(rerun.stderr).toContain('health-outcomes: to send: 4 seat; 27 already sent\n');
    expect(rerun.stderr).toContain('sent 4, failed 0');
    const again = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--dry-run']);
    expect(again.stderr).toContain('health-outcomes: nothing to send; 31 already sent\n');

    const invites = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--dry-run']);
    expect(invites.stderr).toContain('health-outcomes: to send: 3 invitation; 4 already sent\n');
  });
});

describe('circle invites send', () => {
  it('invites each confirmed person once with METHOD:REQUEST, and a name cannot add a header', async () => {
    const dir = await workspace();
    const smtp = await server();
    const result = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(result.code).toBe(0);
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
    const ana = byTo(smtp.received, 'ana@example.org') as Received;
    expect(ana.mail.subject).toBe('Tu plaza en el círculo de aprendizaje n.º 3: Mejores resultados en salud gracias a la contratación abierta');
    const { calendar, event, method } = calendarOf(ana);
    expect(method).toMatchObject({ params: { method: 'REQUEST', charset: 'utf-8' } });
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const attendee = event.getFirstProperty('attendee');
    expect(attendee?.getFirstValue()).toBe('mailto:ana@example.org');
    expect(attendee?.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendee?.getParameter('rsvp')).toBe('TRUE');
    expect(attendee?.getParameter('cn')).toBe('Ana Pérez');
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2019-12-04T12:00:00.000Z');
    expect(event.getFirstPropertyValue('sequence')).toBe(0);

    const chloe = byTo(smtp.received, 'chloe@example.org') as Received;
    expect(chloe.mail.headers.has('bcc')).toBe(false);
    expect(chloe.raw.toString()).not.toMatch(/^Bcc:/im);
    expect(chloe.mail.to && 'value' in chloe.mail.to ? chloe.mail.to.value : []).toEqual([{ name: 'Chloé Martin Bcc: victim@example.org', address: 'chloe@example.org' }]);
    expect(smtp.received.flatMap((r) => r.to)).not.toContain('victim@example.org');

    const again = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toHaveLength(3);
  });

  it('sends an update with the same UID and a higher SEQUENCE after a time change, and a cancellation after a cancel', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const uid = calendarOf(smtp.received[0] as Received).event.getFirstPropertyValue('uid');
    const file = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('start: 2019-12-04T12:00', 'start: 2019-12-05T15:00').replace('end: 13:15', 'end: 16:15'));
    smtp.received.length = 0;

    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
    for (const message of smtp.received) {
      const { event } = calendarOf(message);
      expect(event.getFirstPropertyValue('uid')).toBe(uid);
      expect(event.getFirstPropertyValue('sequence')).toBe(1);
      expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2019-12-05T15:00:00.000Z');
    }
    expect(byTo(smtp.received, 'ben@example.org')?.mail.text).toContain('When: Thursday, 5 December 2019, 15:00–16:15 GMT');

    writeFileSync(file, readFileSync(file, 'utf8').replace('status: scheduled', 'status: cancelled'));
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    // The waitlist hears of the cancellation too, without a calendar part (test/commands/mail-changes.test.ts).
    const invited = smtp.received.filter((r) => r.mail.attachments.length > 0);
    expect(to(invited)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
    expect(smtp.received).toHaveLength(7);
    for (const message of invited) {
      const { calendar, event, method } = calendarOf(message);
      expect(method).toMatchObject({ params: { method: 'CANCEL' } });
      expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
      expect(event.getFirstPropertyValue('uid')).toBe(uid);
      expect(event.getFirstPropertyValue('sequence')).toBe(2);
      expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    }
    expect(byTo(smtp.received, 'ana@example.org')?.mail.subject).toBe('Cancelado: Círculo de aprendizaje n.º 3: Mejores resultados en salud gracias a la contratación abierta');
  });
});

describe('after a roster change', () => {
  it('a person erased after their invitation gets the calendar cancellation where it went, in their language, once', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const removed = await circle(['signups', 'remove', 'health-outcomes', 'ana@example.org'], { cwd: dir });
    expect(removed.code).toBe(0);
    expect(removed.stderr).toContain('next: circle waitlist notify health-outcomes  (1 owed a "you have a seat" email)\n');
    expect(removed.stderr).toContain('next: circle invites send health-outcomes  (1 invited before leaving, owed the calendar cancellation)\n');
    smtp.received.length = 0;

    const dry = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--dry-run', '--json']);
    expect(JSON.parse(dry.stdout)).toEqual([
      { circle: 'health-outcomes', kind: 'seat', to: 'diego@example.org', name: 'Diego Ruiz', language: 'es', sequence: 0 },
      { circle: 'health-outcomes', kind: 'seat-cancelled', to: 'ana@example.org', name: null, language: 'es', sequence: 0 },
    ]);
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const ana = byTo(smtp.received, 'ana@example.org') as Received;
    expect(ana.mail.subject).toContain('Mejores resultados en salud gracias a la contratación abierta');
    const { calendar, event } = calendarOf(ana);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.getFirstPropertyValue('attendee')).toBe('mailto:ana@example.org');
    const again = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(again.stderr).toContain('health-outcomes: nothing to send; 5 already sent');
    expect(smtp.received).toHaveLength(2);
  });
});

describe('circle followup', () => {
  it('sends the recording to confirmed and waitlisted people, not to those who cancelled, once', async () => {
    const dir = await workspace();
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'gus@example.org'], { cwd: dir })).code).toBe(0);
    const smtp = await server();
    const result = await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'https://video.example.org/lift-3']);
    expect(result.code).toBe(0);
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org', 'diego@example.org', 'emma@example.org', 'farah@example.org']);
    expect(byTo(smtp.received, 'emma@example.org')?.mail.text).toContain('https://video.example.org/lift-3');
    expect(byTo(smtp.received, 'emma@example.org')?.mail.html).toContain('<a href="https://video.example.org/lift-3">');
    expect(byTo(smtp.received, 'ana@example.org')?.mail.subject).toBe('Grabación del círculo de aprendizaje n.º 3: Mejores resultados en salud gracias a la contratación abierta');
    const again = await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'https://video.example.org/lift-3']);
    expect(again.code).toBe(0);
    expect(smtp.received).toHaveLength(6);
  });
});

describe('asking before sending', () => {
  it('on a terminal asks once with the count: no sends nothing (exit 0), yes sends; --yes does not ask', async () => {
    const dir = await workspace();
    const smtp = await server();
    const env = { CIRCLE_SMTP_URL: smtp.url };
    const no = await circle(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env, answers: [false] });
    expect([no.code, no.asked]).toEqual([0, ['Send 4 messages?']]);
    expect(no.stderr).toContain('nothing sent\n');
    expect(smtp.received).toEqual([]);
    const samples = await circle(['waitlist', 'notify', 'health-outcomes', '--test-to', 'me@example.org'], { cwd: dir, env, answers: [true] });
    expect([samples.code, samples.asked]).toEqual([0, ['Send 2 samples to me@example.org?']]);
    expect(to(smtp.received)).toEqual(['me@example.org', 'me@example.org']);
    const yes = await circle(['waitlist', 'notify', 'health-outcomes', '--yes'], { cwd: dir, env, answers: [] });
    expect([yes.code, yes.asked]).toEqual([0, []]);
    // On a terminal the progress line is replaced as it goes, and the summary starts below it.
    expect(yes.stderr).toContain('\rsending 3/4\rsending 4/4\nsent 4, failed 0');
    expect(smtp.received).toHaveLength(6);
  });
});
