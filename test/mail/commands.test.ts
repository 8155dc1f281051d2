import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/mail/journal.js';
import { exampleWorkspace, runCli, runCliAsync } from '../helpers/cli.js';
import { SMTP_PASS, startSmtp, type Received, type TestSmtp, type Verdict } from '../helpers/smtp.js';

const FIXTURE = new URL('../fixtures/mail/signups.csv', import.meta.url).pathname;
const servers: TestSmtp[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** The example workspace, circle #3 with 3 seats, and the fixture's 7 people imported: 3 seated, 4 waitlisted. */
function workspace(): string {
  const dir = exampleWorkspace();
  const circle = join(dir, 'circles', 'health-outcomes.yaml');
  writeFileSync(circle, readFileSync(circle, 'utf8').replace('capacity: 20', 'capacity: 3'));
  expect(runCli(['signups', 'import', 'health-outcomes', FIXTURE], { cwd: dir }).code).toBe(0);
  return dir;
}

async function server(verdict?: (to: string, count: number) => Verdict, port?: number) {
  const smtp = await startSmtp({ verdict, ...(port ? { port } : {}) });
  servers.push(smtp);
  return smtp;
}

const mail = (dir: string, smtp: TestSmtp, args: string[], url = smtp.url) => runCliAsync(args, { cwd: dir, env: { CIRCLE_SMTP_URL: url } });
const to = (received: Received[]) => received.map((r) => r.to[0]).sort();
const byTo = (received: Received[], address: string) => received.find((r) => r.to[0] === address);

function calendarOf(message: Received) {
  const part = message.mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error(`no calendar part for ${message.to[0]}`);
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  return { calendar, event: calendar.getFirstSubcomponent('vevent') as ICAL.Component, method: part.headers.get('content-type') };
}

describe('circle waitlist notify', () => {
  it('tells each waitlisted person their position once, in their language, from the organizer, replies to the host', async () => {
    const dir = workspace();
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
    const dir = workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    expect(runCli(['signups', 'cancel', 'health-outcomes', 'ben@example.org'], { cwd: dir }).code).toBe(0);
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
    const roster = JSON.parse(runCli(['signups', 'list', 'health-outcomes', '--json'], { cwd: dir }).stdout) as Array<{ email: string; seatEmailOwed: boolean; status: string }>;
    expect(roster.find((s) => s.email === 'diego@example.org')).toMatchObject({ status: 'confirmed', seatEmailOwed: false });

    smtp.received.length = 0;
    const invites = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(invites.code).toBe(0);
    expect(to(smtp.received)).toEqual(['ben@example.org']);
    expect(smtp.received[0]?.mail.subject).toBe('Your seat is cancelled: Learning Circle #3: Improving health outcomes through open contracting');
    expect(calendarOf(smtp.received[0] as Received).calendar.getFirstPropertyValue('method')).toBe('CANCEL');
  });
});

/** The same circle held in Spanish: its own title Spanish, the English one a translation. */
function spanishWorkspace(): string {
  const dir = workspace();
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    text
      .replace('language: en', 'language: es')
      .replace(/^title: .*$/m, 'title: Mejores resultados en salud gracias a la contratación abierta')
      .replace(/\ntranslations:\n[\s\S]*$/, '\ntranslations:\n  en:\n    title: Improving health outcomes through open contracting\n'),
  );
  return dir;
}

const HELD_IN_SPANISH = 'The session is held in Spanish.';
const EN_INGLES = 'La sesión es en inglés.';

describe('a reader whose language is not the session’s', () => {
  it('is told in their own language that the English session is in English; readers of English are not', async () => {
    const dir = workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const diego = byTo(smtp.received, 'diego@example.org') as Received;
    expect(diego.mail.text).toContain(`miércoles, 4 de diciembre de 2019, 12:00–13:15 GMT. ${EN_INGLES}\n`);
    const ana = byTo(smtp.received, 'ana@example.org') as Received;
    expect(ana.mail.text).toContain(`Tienes plaza en el círculo de aprendizaje n.º 3: Mejores resultados en salud gracias a la contratación abierta. ${EN_INGLES}\n`);
    expect(calendarOf(ana).event.getFirstPropertyValue('description')).toContain(`\n${EN_INGLES} La sesión se grabará.`);
    for (const address of ['ben@example.org', 'gus@example.org']) {
      const english = byTo(smtp.received, address) as Received;
      expect(english.mail.text).not.toMatch(/held in|is in English/);
    }
    expect(calendarOf(byTo(smtp.received, 'ben@example.org') as Received).event.getFirstPropertyValue('description')).not.toContain('held in');
  });

  it('on a Spanish session, an English reader hears so in the waitlist, seat, invitation, update and recording mail and the invitation', async () => {
    const dir = spanishWorkspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const gus = byTo(smtp.received, 'gus@example.org') as Received;
    expect(gus.mail.text).toContain(`Thank you for signing up for Learning Circle #3: Improving health outcomes through open contracting, on Wednesday, 4 December 2019, 12:00–13:15 GMT. ${HELD_IN_SPANISH}\n`);
    expect(gus.mail.html).toContain(HELD_IN_SPANISH);
    const ben = byTo(smtp.received, 'ben@example.org') as Received;
    expect(ben.mail.text).toContain(`You have a seat at Learning Circle #3: Improving health outcomes through open contracting. ${HELD_IN_SPANISH}\n`);
    expect(calendarOf(ben).event.getFirstPropertyValue('description')).toContain(`\n${HELD_IN_SPANISH} The session will be recorded.`);
    for (const address of ['ana@example.org', 'diego@example.org']) {
      expect(byTo(smtp.received, address)?.mail.text).not.toContain('La sesión es en');
    }

    // A seat freed for an English reader; then a new time; then the recording.
    expect(runCli(['signups', 'cancel', 'health-outcomes', 'diego@example.org'], { cwd: dir }).code).toBe(0);
    expect(runCli(['signups', 'cancel', 'health-outcomes', 'ana@example.org'], { cwd: dir }).code).toBe(0);
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    const emma = byTo(smtp.received, 'emma@example.org') as Received;
    expect(emma.mail.subject).toBe('A seat opened for you: Learning Circle #3: Improving health outcomes through open contracting');
    expect(emma.mail.text).toContain(`and it is yours. ${HELD_IN_SPANISH}\n`);
    expect(calendarOf(emma).event.getFirstPropertyValue('description')).toContain(HELD_IN_SPANISH);

    const file = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('start: 2019-12-04T12:00', 'start: 2019-12-05T15:00').replace('end: 13:15', 'end: 16:15'));
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const update = byTo(smtp.received, 'ben@example.org') as Received;
    expect(update.mail.subject).toBe('Changed: Learning Circle #3: Improving health outcomes through open contracting');
    expect(update.mail.text).toContain(`\n\n${HELD_IN_SPANISH}\n\n`);

    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'https://video.example.org/lift-3'])).code).toBe(0);
    expect(byTo(smtp.received, 'gus@example.org')?.mail.text).toContain('https://video.example.org/lift-3\n\nThe recording is in Spanish.\n');
  });
});

describe('already sent', () => {
  it('counts what the journal holds: after 27 sends and 4 promotions a rerun says 27, and seat emails count as invitations', async () => {
    const dir = workspace();
    const crowd = Array.from({ length: 23 }, (_, i) => `10/29/2019 10:${String(i).padStart(2, '0')}:00,person${i}@example.org,Person ${i},English`);
    writeFileSync(join(dir, 'crowd.csv'), `Timestamp,Email Address,Full name,Preferred language\n${crowd.join('\n')}\n`);
    expect(runCli(['signups', 'import', 'health-outcomes', 'crowd.csv'], { cwd: dir }).code).toBe(0);
    const smtp = await server();
    const first = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(first.stderr).toContain('sent 27, failed 0');

    const circle = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(circle, readFileSync(circle, 'utf8').replace('capacity: 3', 'capacity: 7'));
    expect(runCli(['signups', 'promote', 'health-outcomes'], { cwd: dir }).code).toBe(0);
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
    const dir = workspace();
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
    const dir = workspace();
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
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
    for (const message of smtp.received) {
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
    const dir = workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const removed = runCli(['signups', 'remove', 'health-outcomes', 'ana@example.org'], { cwd: dir });
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
    const dir = workspace();
    expect(runCli(['signups', 'cancel', 'health-outcomes', 'gus@example.org'], { cwd: dir }).code).toBe(0);
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

describe('sending when things go wrong', () => {
  it('retries a 451, records a 550 as failed while the rest go out, and exits 1', async () => {
    const dir = workspace();
    let emma = 0;
    const smtp = await server((address) => {
      if (address === 'emma@example.org' && emma++ < 2) return { code: 451, message: '4.3.0 Try again later' };
      if (address === 'farah@example.org') return { code: 550, message: '5.1.1 <farah@example.org>: No such mailbox' };
      return 'accept';
    });
    const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('failed: waitlisted to f…@example.org: 550 5.1.1 <f…@example.org>: No such mailbox');
    expect(result.stderr).not.toContain('farah@example.org');
    expect(result.stderr).toContain('sent 3, failed 1, unconfirmed 0');
    expect(to(smtp.received)).toEqual(['diego@example.org', 'emma@example.org', 'gus@example.org']);
    expect(smtp.attempts.filter((a) => a.to[0] === 'emma@example.org')).toHaveLength(3);

    const later = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain('1 failed earlier (--retry-failed)');
    expect(smtp.attempts.filter((a) => a.to[0] === 'farah@example.org')).toHaveLength(1);
    const retry = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--retry-failed']);
    expect(smtp.attempts.filter((a) => a.to[0] === 'farah@example.org')).toHaveLength(2);
    expect(retry.code).toBe(1);
  });

  it('holds back a message whose connection dropped after the body, until --resend-unconfirmed', async () => {
    const dir = workspace();
    let drops = 0;
    const smtp = await server((address) => (address === 'gus@example.org' && drops++ === 0 ? 'drop' : 'accept'));
    const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unconfirmed: waitlisted to g…@example.org');
    expect(smtp.attempts.filter((a) => a.to[0] === 'gus@example.org')).toHaveLength(1);
    const again = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('1 unconfirmed held back (--resend-unconfirmed)');
    expect(smtp.attempts.filter((a) => a.to[0] === 'gus@example.org')).toHaveLength(1);
    const resend = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--resend-unconfirmed']);
    expect(resend.code).toBe(0);
    expect(to(smtp.received)).toEqual(['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);
  });

  it('stops when the server goes away half-way; the rerun sends only the rest and nobody twice', async () => {
    const dir = workspace();
    const crowd = Array.from({ length: 60 }, (_, i) => `10/29/2019 10:${String(i).padStart(2, '0')}:00,person${i}@example.org,Person ${i},English`);
    writeFileSync(join(dir, 'crowd.csv'), `Timestamp,Email Address,Full name,Preferred language\n${crowd.join('\n')}\n`);
    expect(runCli(['signups', 'import', 'health-outcomes', 'crowd.csv'], { cwd: dir }).code).toBe(0);
    const first = await server((_, count) => {
      if (count === 3) setTimeout(() => void first.close(), 0);
      return 'accept';
    });
    const broken = await mail(dir, first, ['waitlist', 'notify', 'health-outcomes']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('stopped: the server went away');
    expect(broken.stderr).toMatch(/not tried [1-9]/);
    const unconfirmed = [...(await readJournal(join(dir, 'journals', 'health-outcomes.jsonl'))).state.values()].filter((r) => r.state === 'unconfirmed' || r.state === 'sending').map((r) => r.to);

    const second = await server(undefined, first.port);
    const rerun = await mail(dir, second, ['waitlist', 'notify', 'health-outcomes']);
    expect(rerun.stderr).toContain(unconfirmed.length ? `${unconfirmed.length} unconfirmed held back` : 'sent');
    const firstTo = to(first.received);
    const secondTo = to(second.received);
    expect(secondTo.filter((address) => firstTo.includes(address))).toEqual([]);
    expect(secondTo.filter((address) => unconfirmed.includes(address))).toEqual([]);
    expect(new Set([...firstTo, ...secondTo, ...unconfirmed]).size).toBe(64);
    expect(firstTo.length + secondTo.length).toBeGreaterThanOrEqual(64 - unconfirmed.length);
  });

  it('says the login was refused, marks nothing as sent, and never shows the password', async () => {
    const dir = workspace();
    const smtp = await server();
    const wrong = `smtp://circles:${encodeURIComponent(`${SMTP_PASS}x`)}@127.0.0.1:${smtp.port}`;
    const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'], wrong);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`127.0.0.1:${smtp.port} refused the login`);
    expect(result.stderr + result.stdout).not.toContain(SMTP_PASS);
    expect(smtp.received).toEqual([]);
    expect(existsSync(join(dir, 'journals', 'health-outcomes.jsonl'))).toBe(false);
    const right = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(right.code).toBe(0);
    expect(smtp.received).toHaveLength(4);
  });
});

describe('looking before sending', () => {
  it('--dry-run lists, --preview writes .eml files, --test-to sends samples: none of them touches the journal', async () => {
    const dir = workspace();
    const smtp = await server();
    const dry = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual([
      { circle: 'health-outcomes', kind: 'waitlisted', to: 'diego@example.org', name: 'Diego Ruiz', language: 'es', position: 1 },
      { circle: 'health-outcomes', kind: 'waitlisted', to: 'emma@example.org', name: 'Emma Jones', language: 'en', position: 2 },
      { circle: 'health-outcomes', kind: 'waitlisted', to: 'farah@example.org', name: 'Farah "FJ" Khan', language: 'en', position: 3 },
      { circle: 'health-outcomes', kind: 'waitlisted', to: 'gus@example.org', name: 'Gus Lee', language: 'en', position: 4 },
    ]);
    const outbox = join(dir, 'outbox');
    const preview = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--preview', outbox]);
    expect(preview.code).toBe(0);
    const files = readdirSync(outbox).sort();
    expect(files).toEqual(['001-health-outcomes-invitation.eml', '002-health-outcomes-invitation.eml', '003-health-outcomes-invitation.eml']);
    const parsed = await simpleParser(readFileSync(join(outbox, files[0] as string)));
    expect(parsed.to && 'value' in parsed.to ? parsed.to.value[0]?.address : '').toBe('ana@example.org');
    expect(parsed.attachments.some((a) => a.contentType === 'text/calendar')).toBe(true);

    const sample = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'organiser@example.org']);
    expect(sample.code).toBe(0);
    expect(smtp.received.map((r) => r.to)).toEqual([['organiser@example.org'], ['organiser@example.org']]);
    expect(existsSync(join(dir, 'journals', 'health-outcomes.jsonl'))).toBe(false);
  });

  it('--test-to sends one sample of each kind in English and in Spanish, each from someone who chose that language', async () => {
    const dir = workspace();
    const smtp = await server();
    const sample = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'organiser@example.org', '--json']);
    expect(sample.code).toBe(0);
    expect(JSON.parse(sample.stdout)).toEqual([
      { circle: 'health-outcomes', kind: 'waitlisted', language: 'en', to: 'organiser@example.org', state: 'sent', response: expect.stringMatching(/^250 /) },
      { circle: 'health-outcomes', kind: 'waitlisted', language: 'es', to: 'organiser@example.org', state: 'sent', response: expect.stringMatching(/^250 /) },
    ]);
    expect(sample.stderr).toContain('sent a sample waitlisted message in es to organiser@example.org');
    const [en, es] = smtp.received as [Received, Received];
    expect(en.mail.subject).toContain('Improving health outcomes through open contracting');
    expect(en.mail.text).toContain('Emma Jones');
    expect(en.mail.text).toContain('Wednesday, 4 December 2019, 12:00–13:15 GMT');
    expect(es.mail.subject).toContain('Mejores resultados en salud gracias a la contratación abierta');
    expect(es.mail.text).toContain('Diego Ruiz');
    expect(es.mail.text).toContain('miércoles, 4 de diciembre de 2019, 12:00–13:15 GMT');
  });

  it('--lang picks the samples\' language: the whole message and its invitation, with the circle\'s translation', async () => {
    const dir = workspace();
    const smtp = await server();
    // The confirmed people besides Ana read English; Ana is the Spanish sample, so leave her out.
    expect(runCli(['signups', 'cancel', 'health-outcomes', 'ana@example.org'], { cwd: dir }).code).toBe(0);
    const sample = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--test-to', 'organiser@example.org', '--lang', 'es']);
    expect(sample.code).toBe(0);
    expect(smtp.received).toHaveLength(2);
    const byKind = (kind: string) => smtp.received.find((r) => r.mail.text?.includes(kind === 'seat' ? 'Diego Ruiz' : 'Ben Okafor')) as Received;
    const ben = byKind('invitation');
    expect(ben.to).toEqual(['organiser@example.org']);
    expect(ben.mail.subject).toContain('Mejores resultados en salud gracias a la contratación abierta');
    expect(ben.mail.text).toContain('miércoles, 4 de diciembre de 2019');
    expect(ben.mail.text).not.toContain('Wednesday');
    const { event } = calendarOf(ben);
    expect(event.getFirstPropertyValue('summary')).toContain('Mejores resultados en salud gracias a la contratación abierta');
    expect(event.getFirstPropertyValue('attendee')).toBe('mailto:organiser@example.org');
    expect(byKind('seat').mail.subject).toContain('Mejores resultados en salud');

    const english = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--test-to', 'organiser@example.org', '--lang', 'en']);
    expect(english.code).toBe(0);
    const diego = smtp.received.slice(2).find((r) => r.mail.text?.includes('Diego Ruiz')) as Received;
    expect(diego.mail.subject).toContain('Improving health outcomes through open contracting');
    expect(diego.mail.text).toContain('Wednesday, 4 December 2019');
    expect(existsSync(join(dir, 'journals', 'health-outcomes.jsonl'))).toBe(false);
  });

  it('--lang warns where the circle has no translation of its title, and shows its own', async () => {
    const dir = workspace();
    const circle = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(circle, readFileSync(circle, 'utf8').replace(/translations:[\s\S]*$/, ''));
    const smtp = await server();
    const sample = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'organiser@example.org', '--lang', 'es']);
    expect(sample.code).toBe(0);
    expect(sample.stderr).toContain('warning: health-outcomes has no translations.es.title: the es samples show the en title');
    expect(smtp.received[0]?.mail.subject).toContain('Improving health outcomes through open contracting');
    expect(smtp.received[0]?.mail.text).toContain('miércoles, 4 de diciembre de 2019');
  });
});

describe('--json when nothing is sent', () => {
  it('prints the documented shapes: results per circle, [] for --dry-run, --preview and --test-to', async () => {
    const dir = workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const json = async (args: string[]) => {
      const result = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--json', ...args]);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('health-outcomes: nothing to send; 3 already sent');
      return JSON.parse(result.stdout) as unknown;
    };
    expect(await json([])).toEqual([{ circle: 'health-outcomes', results: [], notTried: [], stopped: null }]);
    expect(await json(['--dry-run'])).toEqual([]);
    expect(await json(['--preview', join(dir, 'outbox')])).toEqual([]);
    expect(await json(['--test-to', 'organiser@example.org'])).toEqual([]);
    expect(smtp.received).toHaveLength(3);

    const all = await mail(dir, smtp, ['invites', 'send', '--all', '--json']);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual(
      ['making-a-case', 'supplier-engagement', 'health-outcomes', 'ocds-field-mapping'].map((circle) => ({ circle, results: [], notTried: [], stopped: null })),
    );
  });

  it('--preview --json lists each file with who gets it', async () => {
    const dir = workspace();
    const smtp = await server();
    const preview = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--preview', 'outbox', '--json']);
    expect(preview.code).toBe(0);
    expect((JSON.parse(preview.stdout) as Array<{ to: string; file: string }>).map((r) => [r.to, r.file])).toEqual([
      ['diego@example.org', 'outbox/001-health-outcomes-waitlisted.eml'],
      ['emma@example.org', 'outbox/002-health-outcomes-waitlisted.eml'],
      ['farah@example.org', 'outbox/003-health-outcomes-waitlisted.eml'],
      ['gus@example.org', 'outbox/004-health-outcomes-waitlisted.eml'],
    ]);
  });
});

describe('mail command usage', () => {
  it('rejects a bad --rate, --test-to, --lang or --recording with exit 2, and sends with a good rate', async () => {
    const dir = workspace();
    const smtp = await server();
    const rate = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--rate', 'fast']);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('--rate "fast" is not a rate');
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'me@'])).code).toBe(2);
    expect((await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'ftp://video.example.org/x'])).code).toBe(2);
    const unknown = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcome']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean "health-outcomes"?');
    const lang = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--lang', 'es']);
    expect([lang.code, lang.stderr]).toEqual([2, expect.stringContaining('error: --lang picks the language of the --test-to samples\n  hint: add --test-to <your address>')]);
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--preview', 'outbox', '--lang', 'es'])).code).toBe(2);
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'me@example.org', '--lang', 'fr'])).code).toBe(2);
    const missing = await runCliAsync(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: undefined } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('CIRCLE_SMTP_URL is not set');
    expect(smtp.received).toEqual([]);
    const paced = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--rate', '20/s']);
    expect(paced.code).toBe(0);
    expect(smtp.received).toHaveLength(4);
  });
});

describe('the sender', () => {
  it('is CIRCLE_FROM when no organizer is set, and a missing sender stops the run before anything is recorded', async () => {
    const dir = workspace();
    const series = join(dir, 'circles', 'lift.series.yaml');
    writeFileSync(series, readFileSync(series, 'utf8').replace(/organizer:\n  name: .*\n  email: .*\n/, ''));
    const smtp = await server();
    const none = await runCliAsync(['invites', 'send', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_FROM: undefined } });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('circle health-outcomes has no organizer to send from');
    expect(existsSync(join(dir, 'circles', '.published.yaml'))).toBe(false);
    const sent = await runCliAsync(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_FROM: 'Open Contracting Circles <hello@example.org>' } });
    expect(sent.code).toBe(0);
    expect(smtp.received[0]?.mail.from?.value).toEqual([{ name: 'Open Contracting Circles', address: 'hello@example.org' }]);
  });
});

describe('mail templates', () => {
  it("uses the workspace's own template, and validate catches a translation that drops a field", async () => {
    const dir = workspace();
    const folder = join(dir, 'templates', 'mail', 'waitlisted');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'en.subject.hbs'), 'Waitlist #{{person.position}}: {{circle.title}}\n');
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect(byTo(smtp.received, 'gus@example.org')?.mail.subject).toBe('Waitlist #4: Improving health outcomes through open contracting');
    expect(byTo(smtp.received, 'diego@example.org')?.mail.subject).toContain('Estás en la lista de espera');

    const check = runCli(['validate', '--json'], { cwd: dir });
    expect(check.code).toBe(1);
    const problems = (JSON.parse(check.stdout) as { problems: Array<{ file: string; message: string }> }).problems;
    // Both in the workspace's own file: the bundled Spanish one is not the organiser's to fix.
    expect(problems.map((p) => [p.file.replace(/.*\/templates\//, 'templates/'), p.message.replace(/ \S+hbs(:\d+ uses it)?$/, '')])).toEqual([
      ['templates/mail/waitlisted/en.subject.hbs', '{{person.position}} is used here but not in'],
      ['templates/mail/waitlisted/en.subject.hbs', '{{circle.number}} is missing here:'],
    ]);
  });
});

describe('TLS', () => {
  it('verifies the server certificate, and accepts a self-signed one only when told to', async () => {
    // A self-signed certificate made once for these tests (openssl is not on every machine).
    const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8');
    const tls = { key: fixture('key.pem'), cert: fixture('cert.pem') };
    const dir = workspace();
    const smtp = await startSmtp({ tls });
    servers.push(smtp);
    expect(smtp.url.startsWith('smtps://')).toBe(true);
    const refused = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot reach circles@127\.0\.0\.1:\d+: .*self[- ]signed certificate/);
    expect(smtp.received).toEqual([]);
    const accepted = await runCliAsync(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_SMTP_INSECURE_TLS: '1' } });
    expect(accepted.code).toBe(0);
    expect(smtp.received).toHaveLength(4);
  });
});
