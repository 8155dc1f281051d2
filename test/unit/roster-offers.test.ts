import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { rosterFindings } from '../../src/roster/checks.js';
import { resolveCircle } from '../../src/model/circle.js';
import { circleSchema, seriesSchema } from '../../src/model/schema.js';
import { expireOffers, offerRules, offerWindow, type OfferRules } from '../../src/roster/offers.js';
import { move } from '../../src/roster/move.js';
import { admit, cancel, fillSeats, type SeatRules } from '../../src/roster/seats.js';
import type { Roster, Signup } from '../../src/roster/types.js';
import { signupAt } from '../helpers/roster.js';

const START = '2019-11-01T12:00:00.000Z';
const offers = (hours: number, start = START): OfferRules => ({ hours, start });
const roster = (signups: Signup[]): Roster => ({ circle: 'making-a-case', lastImport: 1, signups, removed: [] });
const brief = (r: Roster) => r.signups.map((s) => `${s.email.split('@')[0]}:${s.status}${s.offerExpires ? `@${s.offerExpires}` : ''}${s.seatEmailOwed ? '+owed' : ''}`);

describe('offerWindow: how long a freed seat is held', () => {
  it.each([
    ['well before the start: offer_hours from now', '2019-10-28T12:00:00.000Z', 48, { kind: 'offer', expires: '2019-10-30T12:00:00.000Z' }],
    ['inside offer_hours of the start: ends an hour before it', '2019-10-31T00:00:00.000Z', 48, { kind: 'offer', expires: '2019-11-01T11:00:00.000Z' }],
    ['a fraction of an hour', '2019-10-28T12:00:00.000Z', 0.5, { kind: 'offer', expires: '2019-10-28T12:30:00.000Z' }],
    ['just over an hour before the start: a minute to claim', '2019-11-01T10:59:00.000Z', 48, { kind: 'offer', expires: '2019-11-01T11:00:00.000Z' }],
    ['exactly an hour before the start: given outright', '2019-11-01T11:00:00.000Z', 48, { kind: 'seat' }],
    ['in the last hour: given outright', '2019-11-01T11:30:00.000Z', 48, { kind: 'seat' }],
    ['after the start: given outright', '2019-11-01T13:00:00.000Z', 48, { kind: 'seat' }],
  ] as const)('%s', (_case, now, hours, expected) => {
    expect(offerWindow(now, offers(hours))).toEqual(expected);
  });

  it('counts real hours across a change of clocks in the circle zone: the deadline reads an hour earlier there', () => {
    // Europe/London leaves summer time at 02:00 on 27 October 2019.
    const now = '2019-10-26T10:00:00.000Z';
    const window = offerWindow(now, offers(48, '2019-11-04T12:00:00.000Z'));
    expect(window).toEqual({ kind: 'offer', expires: '2019-10-28T10:00:00.000Z' });
    const local = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' }).toFormat('ccc HH:mm');
    expect([local(now), local((window as { expires: string }).expires)]).toEqual(['Sat 11:00', 'Mon 10:00']);
  });
});

describe('offerRules: offer_hours of the circle, else of its series', () => {
  const series = (extra: object) => seriesSchema.parse({ slug: 'lift', name: 'Lift', uid_domain: 'example.org', timezone: 'Europe/London', ...extra });
  const circle = (extra: object) =>
    circleSchema.parse({ id: 'making-a-case', series: 'lift', number: 1, title: 'Making a case', host: { name: 'Hera' }, start: '2019-11-01T12:00', duration: '1h', ...extra });
  it.each([
    ['neither: no offers', {}, {}, undefined],
    ['the series', { offer_hours: 48 }, {}, { hours: 48, start: START }],
    ['the circle overrides the series', { offer_hours: 48 }, { offer_hours: 12 }, { hours: 12, start: START }],
    ['the circle alone', {}, { offer_hours: 24 }, { hours: 24, start: START }],
  ])('%s', (_case, ofSeries, ofCircle, expected) => {
    expect(offerRules(resolveCircle(circle(ofCircle), series(ofSeries), 'circles/making-a-case.yaml'))).toEqual(expected);
  });

  it.each([0, -1])('refuses offer_hours: %s (a positive number of hours)', (hours) => {
    expect(circleSchema.safeParse({ id: 'x', series: 'lift', number: 1, title: 'X', host: { name: 'H' }, start: '2019-11-01T12:00', duration: '1h', offer_hours: hours }).success).toBe(false);
  });
});

describe('expireOffers', () => {
  const offered = (email: string, minute: number, expires: string) => signupAt(email, minute, 'offered', { offerExpires: expires, seatEmailOwed: true });

  it('cancels offers whose deadline has come (at it exactly, too), noting why, and leaves open ones and everyone else', () => {
    const before = roster([
      signupAt('ana@example.org', 1, 'confirmed'),
      offered('ben@example.org', 2, '2019-10-30T12:00:00.000Z'),
      offered('cai@example.org', 3, '2019-10-30T12:00:00.001Z'),
      offered('dee@example.org', 4, '2019-10-29T08:00:00.000Z'),
      signupAt('eve@example.org', 5, 'waitlisted'),
    ]);
    const { roster: after, lapsed } = expireOffers(before, '2019-10-30T12:00:00.000Z');
    expect(brief(after)).toEqual(['ana:confirmed', 'ben:cancelled', 'cai:offered@2019-10-30T12:00:00.001Z+owed', 'dee:cancelled', 'eve:waitlisted']);
    expect(lapsed.map((s) => [s.email, s.note, s.statusChanged])).toEqual([
      ['ben@example.org', 'seat offer lapsed', '2019-10-30T12:00:00.000Z'],
      ['dee@example.org', 'seat offer lapsed', '2019-10-30T12:00:00.000Z'],
    ]);
    // A lapsed offer owes no mail and has no deadline.
    expect(after.signups[1]).not.toHaveProperty('offerExpires');
    expect(after.signups[1]).not.toHaveProperty('seatEmailOwed');
  });

  it('returns the same roster when nothing lapsed', () => {
    const before = roster([offered('ben@example.org', 2, '2019-10-30T12:00:00.000Z')]);
    expect(expireOffers(before, '2019-10-30T11:59:59.999Z')).toEqual({ roster: before, lapsed: [] });
  });
});

describe('filling seats with offers on', () => {
  const NOW = '2019-10-28T12:00:00.000Z';
  const rules = (capacity: number, now = NOW, hours: number | null = 48): SeatRules & { language: 'en' } => ({ capacity, now, language: 'en', ...(hours === null ? {} : { offers: offers(hours) }) });
  const waiting = roster([
    signupAt('ana@example.org', 1, 'confirmed'),
    signupAt('ben@example.org', 2, 'waitlisted'),
    signupAt('cai@example.org', 3, 'waitlisted'),
    signupAt('dee@example.org', 4, 'waitlisted'),
  ]);

  it('offers free seats to the first people waiting, in signup order, each owed the offer mail', () => {
    const { roster: after, promoted } = fillSeats(waiting, rules(3));
    expect(brief(after)).toEqual(['ana:confirmed', 'ben:offered@2019-10-30T12:00:00.000Z+owed', 'cai:offered@2019-10-30T12:00:00.000Z+owed', 'dee:waitlisted']);
    expect(promoted.map((s) => s.email)).toEqual(['ben@example.org', 'cai@example.org']);
    expect(after.signups[1]?.statusChanged).toBe(NOW);
  });

  it('counts an offered seat as held: never more offers than free seats, and a second fill changes nothing', () => {
    const once = fillSeats(waiting, rules(3)).roster;
    const twice = fillSeats(once, rules(3, '2019-10-29T00:00:00.000Z'));
    expect(twice.roster).toBe(once);
    expect(twice.promoted).toEqual([]);
  });

  it('gives seats outright in the last hour before the start, owed the seat mail', () => {
    expect(brief(fillSeats(waiting, rules(2, '2019-11-01T11:15:00.000Z')).roster)).toEqual(['ana:confirmed', 'ben:confirmed+owed', 'cai:waitlisted', 'dee:waitlisted']);
  });

  it('without offers, seats are given outright as before', () => {
    expect(brief(fillSeats(waiting, rules(2, NOW, null)).roster)).toEqual(['ana:confirmed', 'ben:confirmed+owed', 'cai:waitlisted', 'dee:waitlisted']);
  });

  it('a cancelled offer frees its seat for the next person, and keeps no deadline', () => {
    const offeredToBen = fillSeats(waiting, rules(2)).roster;
    const { roster: after, cancelled, promoted } = cancel(offeredToBen, 'ben@example.org', rules(2, '2019-10-29T12:00:00.000Z'));
    expect(cancelled).not.toHaveProperty('offerExpires');
    expect(cancelled.status).toBe('cancelled');
    expect(promoted.map((s) => `${s.email}:${s.status}@${s.offerExpires}`)).toEqual(['cai@example.org:offered@2019-10-31T12:00:00.000Z']);
    expect(brief(after).slice(2)).toEqual(['cai:offered@2019-10-31T12:00:00.000Z+owed', 'dee:waitlisted']);
  });

  it('an import seats new people outright and offers the seats to people who were waiting', () => {
    const incoming = [{ name: 'fay', email: 'fay@example.org', signedUp: '2019-10-28T09:00:00.000Z', via: 'import' as const, file: 'b.csv', row: 2 }];
    const { roster: after, outcomes, promoted } = admit(waiting, incoming, rules(3));
    // fay signed up first of all: by signup order she and ben get the two free seats.
    expect(outcomes.map((o) => o.kind)).toEqual(['seated']);
    expect(brief(after)).toEqual(['ana:confirmed', 'ben:offered@2019-10-30T12:00:00.000Z+owed', 'cai:waitlisted', 'dee:waitlisted', 'fay:confirmed']);
    expect(promoted.map((s) => s.email)).toEqual(['ben@example.org']);
  });

  it('after an offer lapses the next fill offers the seat to the next person', () => {
    const offeredToBen = fillSeats(waiting, rules(2)).roster;
    const lapsed = expireOffers(offeredToBen, '2019-10-30T12:00:00.000Z').roster;
    expect(brief(fillSeats(lapsed, rules(2, '2019-10-30T12:00:00.000Z')).roster)).toEqual(['ana:confirmed', 'ben:cancelled', 'cai:offered@2019-11-01T11:00:00.000Z+owed', 'dee:waitlisted']);
  });
});

describe('validate: offered seats', () => {
  const offeredTo = (email: string, minute: number) => signupAt(email, minute, 'offered', { offerExpires: '2019-10-30T12:00:00.000Z', seatEmailOwed: true, name: 'Ben Example' });
  const messages = (r: Roster, capacity: number, now?: string) => rosterFindings(r, 'making-a-case', capacity, { now }).map((f) => `${f.severity}: ${f.message} | ${f.hint}`);

  it('holds a seat: no free-seat warning while it is open, and no warning for the offer mail it is owed', () => {
    expect(messages(roster([signupAt('ana@example.org', 1, 'confirmed'), offeredTo('ben@example.org', 2), signupAt('cai@example.org', 3, 'waitlisted')]), 2, '2019-10-29T00:00:00.000Z')).toEqual([]);
  });

  it('counts offered seats over capacity', () => {
    expect(messages(roster([signupAt('ana@example.org', 1, 'confirmed'), offeredTo('ben@example.org', 2)]), 1)).toEqual([
      'warning: 2 people are seated or offered a seat but the circle has 1 seat: nobody is unseated | raise capacity in the circle file, or cancel signups by hand',
    ]);
  });

  it('names the person whose offer has lapsed and the command that passes the seat on', () => {
    expect(messages(roster([offeredTo('ben@example.org', 2)]), 2, '2019-10-30T12:00:00.000Z')).toEqual([
      'warning: the seat offered to Ben Example <ben@example.org> lapsed at 2019-10-30T12:00:00.000Z and still holds the seat | run `circle run` (or `circle signups promote making-a-case`) to pass it on',
    ]);
  });
});

describe('moving someone offered a seat', () => {
  it('asks first when they would only wait there: an offered seat is at stake as a seat is', () => {
    const here = roster([signupAt('ana@example.org', 1, 'offered', { offerExpires: '2019-10-30T12:00:00.000Z', seatEmailOwed: true })]);
    const there: Roster = { ...roster([signupAt('ben@example.org', 2, 'confirmed')]), circle: 'supplier-engagement' };
    const rules = (capacity: number) => ({ capacity, now: '2019-10-29T12:00:00.000Z', language: 'en' as const });
    expect(move(here, there, 'ana@example.org', { from: rules(1), to: rules(1), seatLossAgreed: false })).toMatchObject({ kind: 'seat-at-stake', position: 1 });
    const agreed = move(here, there, 'ana@example.org', { from: rules(1), to: rules(1), seatLossAgreed: true });
    expect(agreed).toMatchObject({ kind: 'moved', seatLost: true, position: 1 });
    // Moved away, the offer leaves no deadline behind.
    expect(agreed.kind === 'moved' && agreed.left).toMatchObject({ status: 'cancelled', note: 'moved to supplier-engagement' });
    expect(agreed.kind === 'moved' && agreed.left).not.toHaveProperty('offerExpires');
  });
});
