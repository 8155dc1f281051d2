import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMailToken, verifyMailToken } from '../../src/inbox/leave-token.js';
import { readRoster, updateRoster } from '../../src/roster/store.js';
import type { Signup } from '../../src/roster/types.js';
import { circle } from '../helpers/in-process.js';
import { byTo, calendarOf, server, to, workspace } from '../helpers/mail.js';
import type { Received, TestSmtp } from '../helpers/smtp.js';

/*
 * The offer mail of a timed seat offer, sent by `waitlist notify` to each offered signup owed it:
 * the deadline in the circle's zone and in UTC, the invitation as a REQUEST, the claim and leave
 * links; once only, never past the deadline, and never again by `invites send`.
 */

const SECRET = 'a-workspace-secret-for-tests-0123456789abcdef';
const NOW = new Date('2019-11-29T12:00:00.000Z');
const EXPIRES = '2019-11-30T23:00:00.000Z';

const run = (dir: string, smtp: TestSmtp, args: string[], secret: string | undefined = SECRET, now = NOW) =>
  circle(args, { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_SECRET: secret }, now });

/**
 * health-outcomes in Bogotá, 3 seats: Ana (es) confirmed, Ben and Chloé cancelled; Diego (es) and
 * Emma offered a seat until 30 Nov 23:00 UTC, Farah offered one that lapsed before its mail went;
 * Gus waiting.
 */
async function offers(): Promise<string> {
  const dir = await workspace();
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('timezone: GMT', 'timezone: America/Bogota'));
  const offered = (s: Signup, offerExpires: string): Signup => ({ ...s, status: 'offered', statusChanged: '2019-11-28T23:00:00.000Z', offerExpires, seatEmailOwed: true });
  await updateRoster(dir, 'health-outcomes', (roster) => ({
    roster: {
      ...roster,
      signups: roster.signups.map((s) => {
        if (s.email === 'ben@example.org' || s.email === 'chloe@example.org') return { ...s, status: 'cancelled' as const, statusChanged: '2019-11-28T23:00:00.000Z' };
        if (s.email === 'diego@example.org' || s.email === 'emma@example.org') return offered(s, EXPIRES);
        if (s.email === 'farah@example.org') return offered(s, '2019-11-29T11:59:59.000Z');
        return s;
      }),
    },
    result: undefined,
  }));
  return dir;
}

/** The subject of the mail a `mailto:` link in this text opens, for the link whose subject starts with `word`. */
function linkSubject(message: Received, word: string): string {
  const link = new RegExp(`mailto:circles@example\\.org\\?subject=${word}%20[^\\s]+`).exec(message.mail.text ?? '')?.[0];
  expect(link, `a ${word} link in the mail to ${message.to[0]}`).toBeDefined();
  return decodeURIComponent(new URL(link!).searchParams.get('subject') ?? '');
}

const owed = async (dir: string) => (await readRoster(dir, 'health-outcomes')).signups.filter((s) => s.seatEmailOwed).map((s) => s.email);

describe('the offer mail', () => {
  it('goes to each open offer in their language: deadline in the circle zone and UTC, invitation, claim and leave links', async () => {
    const dir = await offers();
    const smtp = await server();
    const notify = await run(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--yes']);
    expect(notify.code).toBe(0);
    // Farah's offer lapsed before its mail could go: she is not told a seat that is no longer hers.
    expect(to(smtp.received)).toEqual(['diego@example.org', 'emma@example.org', 'gus@example.org']);

    const emma = byTo(smtp.received, 'emma@example.org')!;
    expect(emma.mail.subject).toBe('A seat is offered to you: Learning Circle #3: Improving health outcomes through open contracting');
    expect(emma.mail.text).toContain(
      'The seat is yours if you accept by Saturday, 30 November 2019 at 18:00 Colombia Standard Time (GMT-5) (23:00 GMT). After that, it goes to the next person on the waitlist.',
    );
    const diego = byTo(smtp.received, 'diego@example.org')!;
    expect(diego.mail.subject).toBe('Te ofrecemos una plaza: Círculo de aprendizaje n.º 3: Mejores resultados en salud gracias a la contratación abierta');
    expect(diego.mail.text).toContain('La plaza es tuya si la aceptas a más tardar el sábado, 30 de noviembre de 2019, 18:00 hora estándar de Colombia (GMT-5) (23:00 GMT).');

    for (const [message, address, words] of [[emma, 'emma@example.org', 'To take it, accept the attached calendar invitation, or send the email this link opens: mailto:'], [diego, 'diego@example.org', 'envía el correo que abre este enlace']] as const) {
      const { calendar, event, method } = calendarOf(message);
      expect(method).toMatchObject({ params: { method: 'REQUEST' } });
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      const attendee = event.getFirstProperty('attendee')!;
      expect(attendee.getFirstValue()).toBe(`mailto:${address}`);
      expect(attendee.getParameter('partstat')).toBe('NEEDS-ACTION');
      expect(event.getFirstPropertyValue('uid')).toBe('health-outcomes@circles.example.org');
      expect(message.mail.text).toContain(words);
      const claim = findMailToken(linkSubject(message, 'Claim'), 'claim')!;
      expect(verifyMailToken(SECRET, 'claim', claim, 'health-outcomes', address)).toBe(true);
      expect(verifyMailToken(SECRET, 'leave', claim, 'health-outcomes', address)).toBe(false);
      const leave = findMailToken(linkSubject(message, 'Leave'), 'leave')!;
      expect(verifyMailToken(SECRET, 'leave', leave, 'health-outcomes', address)).toBe(true);
    }
    // The marks are settled with the journal; Farah's stays until her offer lapses.
    expect(await owed(dir)).toEqual(['farah@example.org']);
    const journal = readFileSync(join(dir, 'journals', 'health-outcomes.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { key: string; state: string; detail?: Record<string, unknown> });
    expect(journal.filter((r) => r.state === 'sent' && r.key.startsWith('offer:')).map((r) => [r.key, r.detail?.offerExpires]).sort()).toEqual([
      ['offer:diego@example.org 2019-10-28T09:15:00.000Z', EXPIRES],
      ['offer:emma@example.org 2019-10-28T09:20:00.000Z', EXPIRES],
    ]);
  });

  it('goes once: the next notify sends nothing, and invites send does not invite the offered again', async () => {
    const dir = await offers();
    const smtp = await server();
    expect((await run(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--yes'])).code).toBe(0);
    smtp.received.length = 0;
    const again = await run(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--yes']);
    expect([again.code, smtp.received.length]).toEqual([0, 0]);
    expect((await run(dir, smtp, ['invites', 'send', 'health-outcomes', '--yes'])).code).toBe(0);
    // Only Ana, seated at import, is invited: the offered hold their invitation from the offer.
    expect(to(smtp.received)).toEqual(['ana@example.org']);
  });

  it('says to accept the invitation or reply when CIRCLE_SECRET is not set', async () => {
    const dir = await offers();
    const smtp = await server();
    const notify = await run(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--yes'], '');
    expect(notify.code).toBe(0);
    expect(notify.stderr).toContain('CIRCLE_SECRET is not set, so messages about a place go without a personal leave link, and seat offers without a claim link');
    const emma = byTo(smtp.received, 'emma@example.org')!;
    expect(emma.mail.text).toContain('To take it, accept the attached calendar invitation, or reply to this email to say that you will come.');
    expect(emma.mail.text).not.toContain('mailto:');
    expect(byTo(smtp.received, 'diego@example.org')!.mail.text).toContain('o responde a este correo para decirnos que vendrás.');
  });

  it('is not sent once the deadline has passed', async () => {
    const dir = await offers();
    const smtp = await server();
    const late = await run(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--yes'], SECRET, new Date(EXPIRES));
    expect(late.code).toBe(0);
    expect(to(smtp.received)).toEqual(['gus@example.org']);
    expect(await owed(dir)).toEqual(['diego@example.org', 'emma@example.org', 'farah@example.org']);
  });

  it('after a crash: a sent offer whose mark stayed is settled without sending again; an unconfirmed one is held back, its mark kept', async () => {
    const dir = await offers();
    const smtp = await server();
    expect((await run(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--yes'])).code).toBe(0);
    // As a run killed between the journal's answer and the roster write leaves it: Emma's offer went,
    // her mark stayed; Diego's offer went with no answer from the server.
    const journal = join(dir, 'journals', 'health-outcomes.jsonl');
    const lines = readFileSync(journal, 'utf8').trim().split('\n');
    const diego = lines.filter((line) => line.includes('"key":"offer:diego@example.org')).at(-1)!;
    writeFileSync(journal, `${lines.join('\n')}\n${diego.replace('"state":"sent"', '"state":"unconfirmed"')}\n`);
    await updateRoster(dir, 'health-outcomes', (roster) => ({
      roster: { ...roster, signups: roster.signups.map((s) => (s.email === 'emma@example.org' || s.email === 'diego@example.org' ? { ...s, seatEmailOwed: true } : s)) },
      result: undefined,
    }));
    smtp.received.length = 0;
    const next = await run(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--yes']);
    expect(smtp.received).toEqual([]);
    expect(next.code).toBe(1);
    expect(next.stderr).toContain('unconfirmed: offer to Diego Ruiz <diego@example.org> in health-outcomes; it may have arrived: ask the person, then if needed: circle waitlist notify health-outcomes --resend-unconfirmed');
    expect(await owed(dir)).toEqual(['diego@example.org', 'farah@example.org']);
  });
});
