import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRoster, updateRoster } from '../../src/roster/store.js';
import type { Signup } from '../../src/roster/types.js';
import { circle } from '../helpers/in-process.js';
import { byTo, calendarOf, server, to, workspace } from '../helpers/mail.js';
import type { Received } from '../helpers/smtp.js';
import { writeMbox } from '../inbox/workspace.js';

/*
 * Timed seat offers answered by mail, end to end in one process: `waitlist notify` sends the offers,
 * the people answer (an acceptance, a claim link, a claim too late, a decline), `circle inbox` reads
 * the answers, and `invites send` afterwards invites nobody twice and cancels the lapsed and declined.
 */

const SECRET = 'a-workspace-secret-for-tests-0123456789abcdef';
const SENT = new Date('2019-11-29T12:00:00.000Z');
const EXPIRES = '2019-11-30T23:00:00.000Z';
/** The mailbox is read after the deadline: answers written before it still count. */
const READ = new Date('2019-12-01T10:00:00.000Z');
const OFFERED = ['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org'];

/** health-outcomes with 7 seats: Ana, Ben and Chloé confirmed, the other four offered a seat until 30 Nov 23:00 UTC. */
async function offersSent() {
  const dir = await workspace();
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('capacity: 3', 'capacity: 7'));
  await updateRoster(dir, 'health-outcomes', (roster) => ({
    roster: { ...roster, signups: roster.signups.map((s): Signup => (OFFERED.includes(s.email) ? { ...s, status: 'offered', offerExpires: EXPIRES, seatEmailOwed: true } : s)) },
    result: undefined,
  }));
  const smtp = await server();
  const env = { CIRCLE_SMTP_URL: smtp.url, CIRCLE_SECRET: SECRET };
  expect((await circle(['waitlist', 'notify', 'health-outcomes', '--yes'], { cwd: dir, env, now: SENT })).code).toBe(0);
  expect(to(smtp.received)).toEqual(OFFERED);
  return { dir, smtp, env, offers: [...smtp.received.splice(0)] };
}

const rfc2822 = (iso: string) => new Date(iso).toUTCString().replace('GMT', '+0000');

/** A calendar client's answer to the offer's invitation, as Outlook sends it: one text/calendar body. */
function calendarReply(offer: Received, partstat: 'ACCEPTED' | 'DECLINED', date: string): string {
  const { event } = calendarOf(offer);
  const address = offer.to[0]!;
  return [
    `From: ${offer.mail.to && 'value' in offer.mail.to ? offer.mail.to.value[0]?.name : ''} <${address}>`,
    'To: circles@example.org',
    `Subject: ${partstat === 'ACCEPTED' ? 'Accepted' : 'Declined'}: ${offer.mail.subject}`,
    `Message-ID: <${partstat.toLowerCase()}-${address}>`,
    `Date: ${rfc2822(date)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/calendar; charset="utf-8"; method=REPLY',
    '',
    'BEGIN:VCALENDAR',
    'METHOD:REPLY',
    'VERSION:2.0',
    'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
    'BEGIN:VEVENT',
    `UID:${event.getFirstPropertyValue('uid') as string}`,
    `SEQUENCE:${String(event.getFirstPropertyValue('sequence'))}`,
    'DTSTAMP:20191130T100000Z',
    `ATTENDEE;PARTSTAT=${partstat}:mailto:${address.toUpperCase()}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** The mail the claim link of an offer opens, sent on `date`. */
function claimMail(offer: Received, date: string): string {
  const link = /mailto:[^\s]+subject=Claim%20[^\s]+/.exec(offer.mail.text ?? '')?.[0];
  expect(link).toBeDefined();
  const subject = decodeURIComponent(new URL(link!).searchParams.get('subject') ?? '');
  return [`From: <${offer.to[0]}>`, 'To: circles@example.org', `Subject: ${subject}`, `Message-ID: <claim-${offer.to[0]}>`, `Date: ${rfc2822(date)}`, '', '', ''].join('\r\n');
}

const state = async (dir: string, email: string) => {
  const signup = (await readRoster(dir, 'health-outcomes')).signups.find((s) => s.email === email)!;
  const { status, statusChanged, offerExpires, seatEmailOwed, reply, replied, note } = signup;
  return { status, statusChanged, offerExpires, seatEmailOwed, reply, replied, note };
};

describe('circle inbox and timed seat offers', () => {
  it('confirms an offer accepted or claimed in time, lists a late claim, cancels a decline; invites send then invites nobody twice', async () => {
    const { dir, smtp, env, offers } = await offersSent();
    const offer = (address: string) => byTo(offers, address)!;
    writeMbox(dir, [
      calendarReply(offer('diego@example.org'), 'ACCEPTED', '2019-11-30T10:00:00.000Z'),
      claimMail(offer('emma@example.org'), '2019-11-30T22:59:00.000Z'),
      claimMail(offer('farah@example.org'), '2019-12-01T09:00:00.000Z'),
      calendarReply(offer('gus@example.org'), 'DECLINED', '2019-11-30T11:00:00.000Z'),
    ]);
    const roster = readFileSync(join(dir, 'rosters', 'health-outcomes.yaml'), 'utf8');
    const dry = await circle(['inbox', '--from', 'inbox.mbox', '--dry-run'], { cwd: dir, env: { CIRCLE_SECRET: SECRET }, now: READ });
    expect(readFileSync(join(dir, 'rosters', 'health-outcomes.yaml'), 'utf8')).toBe(roster);
    const inbox = await circle(['inbox', '--from', 'inbox.mbox'], { cwd: dir, env: { CIRCLE_SECRET: SECRET }, now: READ });
    // A dry run says what the run then does.
    expect(dry.stdout).toBe(inbox.stdout);
    // Gus holds the offer's invitation: the calendar cancellation is owed him.
    expect(inbox.stderr).toBe('next: circle invites send health-outcomes  (1 invited before leaving, owed the calendar cancellation)\n');
    expect(inbox.code).toBe(0);
    expect(inbox.stdout.split('\n')).toEqual([
      'inbox.mbox: 4 new messages',
      'Diego Ruiz <diego@example.org> claimed the seat offered in health-outcomes (accepted the invitation): seat confirmed',
      'Emma Jones <emma@example.org> claimed the seat offered in health-outcomes (used the claim link): seat confirmed',
      'Gus Lee <gus@example.org> declined health-outcomes: seat offer declined',
      '1 message for a person to read:',
      '  2019-12-01 09:00 UTC  <farah@example.org>  "Claim claim.health-outcomes.' +
        /claim\.health-outcomes\.([A-Za-z0-9_-]{22})/.exec(offer('farah@example.org').mail.text ?? '')?.[1] +
        '"  health-outcomes: Farah "FJ" Khan <farah@example.org> claimed the seat offered in health-outcomes at 2019-12-01T09:00:00.000Z, after the offer lapsed at 2019-11-30T23:00:00.000Z: not confirmed',
      '',
    ]);
    const confirmed = (replied: string) => ({ status: 'confirmed', statusChanged: READ.toISOString(), offerExpires: undefined, seatEmailOwed: undefined, reply: 'accepted', replied, note: undefined });
    expect(await state(dir, 'diego@example.org')).toEqual(confirmed('2019-11-30T10:00:00.000Z'));
    expect(await state(dir, 'emma@example.org')).toEqual(confirmed('2019-11-30T22:59:00.000Z'));
    expect(await state(dir, 'farah@example.org')).toMatchObject({ status: 'offered', offerExpires: EXPIRES });
    expect(await state(dir, 'gus@example.org')).toMatchObject({ status: 'cancelled', statusChanged: READ.toISOString(), note: 'declined the calendar invitation', offerExpires: undefined });

    // Farah's offer lapses (as `circle run` expires it), then the invitations go.
    await updateRoster(dir, 'health-outcomes', (roster) => ({
      roster: {
        ...roster,
        signups: roster.signups.map((s): Signup => {
          if (s.email !== 'farah@example.org') return s;
          const { offerExpires: _e, ...rest } = s;
          return { ...rest, status: 'cancelled', statusChanged: READ.toISOString(), note: 'seat offer lapsed' };
        }),
      },
      result: undefined,
    }));
    const invites = await circle(['invites', 'send', 'health-outcomes', '--yes'], { cwd: dir, env, now: READ });
    expect(invites.code).toBe(0);
    // Ana, Ben and Chloé, seated at import, get their invitation; Diego and Emma hold theirs from the offer.
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org', 'farah@example.org', 'gus@example.org']);
    for (const address of ['farah@example.org', 'gus@example.org']) {
      const cancel = byTo(smtp.received, address)!;
      expect(calendarOf(cancel).method).toMatchObject({ params: { method: 'CANCEL' } });
      expect(calendarOf(cancel).event.getFirstPropertyValue('uid')).toBe(calendarOf(offer(address)).event.getFirstPropertyValue('uid'));
    }
    // Farah never had the seat: her cancellation says the offer lapsed; Gus declined his, and is told his seat is cancelled.
    expect(byTo(smtp.received, 'farah@example.org')!.mail.subject).toBe('The seat offer has lapsed: Learning Circle #3: Improving health outcomes through open contracting');
    expect(byTo(smtp.received, 'farah@example.org')!.mail.text).toContain('The seat we offered you at Learning Circle #3: Improving health outcomes through open contracting, on ');
    expect(byTo(smtp.received, 'gus@example.org')!.mail.subject).toMatch(/^Your seat is cancelled: /);
    const again = await circle(['inbox', '--from', 'inbox.mbox'], { cwd: dir, env: { CIRCLE_SECRET: SECRET }, now: READ });
    expect(again.stdout).toBe('inbox.mbox: 0 new messages (4 handled before)\n');
  });
});
