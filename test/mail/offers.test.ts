import { DateTime, Info } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../src/mail/journal.js';
import { invitationMessages, signupId, waitlistMessages, type CircleNow } from '../../src/mail/messages.js';
import { deadlineText, owedOffers, unexpired } from '../../src/mail/offers.js';
import type { Roster, Signup } from '../../src/roster/types.js';
import { signupAt } from '../helpers/roster.js';

/* Who is owed the offer mail of a timed seat offer, which offers may still go, and how the deadline reads. */

const EXPIRES = '2019-11-30T23:00:00.000Z';
const roster = (...signups: Signup[]): Roster => ({ circle: 'c', lastImport: 1, signups, removed: [] });
const CIRCLE: CircleNow = { cancelled: false, sequence: 2, language: 'en', said: {} };

const ana = signupAt('ana@example.org', 0, 'confirmed');
const ofe = signupAt('ofe@example.org', 1, 'offered', { offerExpires: EXPIRES, seatEmailOwed: true });
const old = signupAt('old@example.org', 2, 'offered', { offerExpires: '2019-11-29T11:00:00.000Z', seatEmailOwed: true });
const told = signupAt('told@example.org', 3, 'offered', { offerExpires: EXPIRES });
const wes = signupAt('wes@example.org', 4, 'waitlisted');
const sea = signupAt('sea@example.org', 5, 'confirmed', { seatEmailOwed: true });

function sent(kind: string, person: Signup, sequence: number): [string, JournalRecord] {
  const key = `${kind}:${signupId(person)}`;
  return [key, { key, kind, to: person.email, state: 'sent', at: '2019-11-01T00:00:00.000Z', detail: { signup: signupId(person), sequence } }];
}

describe('who is owed the offer mail', () => {
  it('each offered signup marked as owed it, in signup order; not one told already, nor the confirmed or waiting', () => {
    expect(owedOffers(roster(wes, told, old, ofe, ana, sea)).map((s) => s.email)).toEqual(['ofe@example.org', 'old@example.org']);
  });

  it('waitlist notify: seats, then offers with their deadline and the SEQUENCE they carry, then the waitlist', () => {
    const wanted = waitlistMessages(roster(ana, ofe, told, wes, sea), new Map(), CIRCLE);
    expect(wanted.map((m) => [m.key, m.kind, m.sequence, m.offerExpires])).toEqual([
      [`seat:${signupId(sea)}`, 'seat', 2, undefined],
      [`offer:${signupId(ofe)}`, 'offer', 2, EXPIRES],
      [`waitlisted:${signupId(wes)}`, 'waitlisted', 2, undefined],
    ]);
  });

  it.each([
    ['before the deadline', '2019-11-29T10:59:59.000Z', ['ofe@example.org', 'old@example.org', 'wes@example.org']],
    ['at the older deadline', '2019-11-29T11:00:00.000Z', ['ofe@example.org', 'wes@example.org']],
    ['after both', EXPIRES, ['wes@example.org']],
  ])('only open offers may go: %s', (_, now, expected) => {
    const wanted = waitlistMessages(roster(ofe, old, wes), new Map(), CIRCLE);
    expect(unexpired(wanted, DateTime.fromISO(now)).map((m) => m.signup.email)).toEqual(expected);
  });
});

describe('invites send and offers', () => {
  const circle = (sequence: number, cancelled = false): CircleNow => ({ ...CIRCLE, sequence, cancelled });
  const offeredTold = signupAt('ofe@example.org', 1, 'offered', { offerExpires: EXPIRES });
  const claimed = signupAt('ofe@example.org', 1, 'confirmed', { reply: 'accepted', replied: '2019-11-30T10:00:00.000Z' });
  const lapsed = signupAt('ofe@example.org', 1, 'cancelled', { note: 'seat offer lapsed' });
  const journal = new Map([sent('offer', offeredTold, 2)]);
  const gist = (r: Roster, c: CircleNow) => invitationMessages(r, journal, c).map((m) => `${m.kind} ${m.signup.email}`);

  it.each([
    ['an open offer, its invitation sent with it', offeredTold, circle(2), []],
    ['an open offer of a circle changed since', offeredTold, circle(3), ['update ofe@example.org']],
    ['an offer not yet sent', signupAt('ofe@example.org', 1, 'offered', { offerExpires: EXPIRES, seatEmailOwed: true }), circle(2), []],
    ['a claimed offer: invited by the offer already', claimed, circle(2), []],
    ['a lapsed or declined offer', lapsed, circle(2), ['seat-cancelled ofe@example.org']],
    ['an open offer in a cancelled circle', offeredTold, circle(3, true), ['cancelled ofe@example.org']],
  ] as const)('%s', (_, signup, c, expected) => {
    expect(gist(roster(signup), c)).toEqual(expected);
  });
});

describe('the deadline as the offer mail says it', () => {
  it.each([
    ['America/Bogota', 'en', { text: 'Saturday, 30 November 2019 at 18:00 Colombia Standard Time (GMT-5)', utc: '23:00 GMT' }],
    ['America/Bogota', 'es', { text: 'sábado, 30 de noviembre de 2019, 18:00 hora estándar de Colombia (GMT-5)', utc: '23:00 GMT' }],
    ['Asia/Tokyo', 'en', { text: 'Sunday, 1 December 2019 at 8:00 Japan Standard Time (GMT+9)', utc: 'Saturday 30 November at 23:00 GMT' }],
    ['GMT', 'en', { text: 'Saturday, 30 November 2019 at 23:00 GMT', utc: null }],
  ] as const)('in %s, in %s', (zone, lang, expected) => {
    expect(deadlineText(EXPIRES, Info.normalizeZone(zone), lang)).toEqual(expected);
  });
});
