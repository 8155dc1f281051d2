import { describe, expect, it } from 'vitest';
import { admit, cancel, clearSeatEmailOwed, fillSeats, owedSeatEmails, positions, remove, type Incoming } from '../../src/roster/seats.js';
import { emptyRoster, type Roster } from '../../src/roster/types.js';

const NOW = '2019-11-01T12:00:00.000Z';
const LATER = '2019-11-02T12:00:00.000Z';
const rules = (capacity: number, now = NOW) => ({ capacity, now, language: 'en' as const });

/** A row signed up at minute `minute` on 28 Oct 2019. */
function row(who: string, minute: number, fileRow = minute + 2, file = 'a.csv'): Incoming {
  const signedUp = new Date(Date.UTC(2019, 9, 28, 9, minute)).toISOString();
  return { name: who, email: `${who}@example.org`, language: 'en', signedUp, via: 'import', file, row: fileRow };
}
const status = (roster: Roster) => Object.fromEntries(roster.signups.map((s) => [s.email.split('@')[0], s.status]));
const waitlistOrder = (roster: Roster) => [...positions(roster)].map(([s, p]) => `${p}:${s.email.split('@')[0]}`);

describe('admit: seats in signup order, then the waitlist', () => {
  it('seats the first `capacity` by time, whatever the row order, and waitlists the rest in time order', () => {
    const { roster, outcomes } = admit(emptyRoster('c'), [row('d', 4), row('a', 1), row('c', 3), row('b', 2)], rules(2));
    expect(status(roster)).toEqual({ a: 'confirmed', b: 'confirmed', c: 'waitlisted', d: 'waitlisted' });
    expect(outcomes.map((o) => `${o.kind}:${o.incoming.name}${o.kind === 'waitlisted' ? `#${o.position}` : ''}`)).toEqual(['seated:a', 'seated:b', 'waitlisted:c#1', 'waitlisted:d#2']);
    expect(roster.lastImport).toBe(1);
  });

  it('never takes a seat away: an earlier signup in a later import joins the waitlist at its time', () => {
    const first = admit(emptyRoster('c'), [row('late1', 30), row('late2', 31), row('late3', 32)], rules(2));
    const second = admit(first.roster, [row('early', 1, 2, 'b.csv')], rules(2));
    expect(status(second.roster)).toMatchObject({ late1: 'confirmed', late2: 'confirmed', late3: 'waitlisted', early: 'waitlisted' });
    expect(waitlistOrder(second.roster)).toEqual(['1:early', '2:late3']);
  });

  it('breaks ties in time by import, then by row', () => {
    const first = admit(emptyRoster('c'), [row('x', 5, 9), row('y', 5, 3)], rules(0));
    const second = admit(first.roster, [row('z', 5, 2, 'b.csv')], rules(0));
    expect(waitlistOrder(second.roster)).toEqual(['1:y', '2:x', '3:z']);
  });

  it('reports seats and places in that order when rows of one time come out of row order', () => {
    const { outcomes } = admit(emptyRoster('c'), [row('x', 5, 9), row('y', 5, 3), row('w', 5, 5), row('v', 4, 20)], rules(2));
    expect(outcomes.map((o) => `${o.kind}:${o.incoming.name}${o.kind === 'waitlisted' ? `#${o.position}` : ''}`)).toEqual(['seated:v', 'waitlisted:x#2', 'seated:y', 'waitlisted:w#1']);
  });

  it('reports a second row of one person as a duplicate and keeps the earliest (edited responses)', () => {
    const edited = { ...row('ana', 20, 9), email: ' ANA@example.org\u00a0' };
    const { roster, outcomes } = admit(emptyRoster('c'), [edited, row('ana', 5, 3)], rules(5));
    expect(roster.signups).toHaveLength(1);
    expect(roster.signups[0]?.row).toBe(3);
    expect(outcomes.find((o) => o.kind === 'duplicate')).toMatchObject({ incoming: { row: 9 }, existing: { row: 3 } });
  });

  it('is idempotent: the same rows again change nothing and return the same roster', () => {
    const rows = [row('a', 1), row('b', 2), row('c', 3)];
    const once = admit(emptyRoster('c'), rows, rules(2));
    const twice = admit(once.roster, rows, rules(2));
    expect(twice.roster).toBe(once.roster);
    expect(twice.outcomes.map((o) => o.kind)).toEqual(['already-imported', 'already-imported', 'already-imported']);
  });

  it('skips a row already imported even after the person cancelled', () => {
    const once = admit(emptyRoster('c'), [row('a', 1), row('b', 2)], rules(1));
    const cancelled = cancel(once.roster, 'a@example.org', rules(1, LATER));
    const again = admit(cancelled.roster, [row('a', 1), row('b', 2)], rules(1, LATER));
    expect(again.roster).toBe(cancelled.roster);
    expect(again.outcomes.map((o) => o.kind)).toEqual(['already-imported', 'already-imported']);
  });

  it('takes a re-signup after a cancellation, by its new time, and treats an older unseen row as a duplicate', () => {
    const once = admit(emptyRoster('c'), [row('a', 1), row('b', 2), row('c', 3)], rules(1));
    const cancelled = cancel(once.roster, 'b@example.org', rules(1, '2019-10-28T10:00:00.000Z'));
    const resignup = { ...row('b', 90, 40), signedUp: '2019-10-28T11:00:00.000Z' };
    const stale = { ...row('b', 10, 12) };
    const again = admit(cancelled.roster, [resignup, stale], rules(1, '2019-10-28T12:00:00.000Z'));
    expect(again.outcomes.map((o) => o.kind)).toEqual(['duplicate', 'waitlisted']);
    expect(again.outcomes[1]).toMatchObject({ resignup: true, position: 2 });
    expect(waitlistOrder(again.roster)).toEqual(['1:c', '2:b']);
  });

  it('recognises rows of a file without timestamps by email alone', () => {
    const untimed = (who: string, r: number): Incoming => ({ ...row(who, 0, r), signedUp: NOW, file: 'list.csv', untimed: true });
    const once = admit(emptyRoster('c'), [untimed('b', 3), untimed('a', 2)], rules(1));
    expect(waitlistOrder(once.roster)).toEqual(['1:b']);
    const again = admit(once.roster, [{ ...untimed('a', 2), signedUp: LATER }, { ...untimed('b', 3), signedUp: LATER }], rules(1, LATER));
    expect(again.roster).toBe(once.roster);
  });
});

describe('free seats go to the waitlist', () => {
  const full = () => admit(emptyRoster('c'), [row('a', 1), row('b', 2), row('c', 3), row('d', 4)], rules(2)).roster;

  it('a cancellation seats the first waitlisted person and marks them owed a seat email', () => {
    const { roster, promoted, cancelled } = cancel(full(), 'A@EXAMPLE.ORG', rules(2, LATER));
    expect(cancelled).toMatchObject({ email: 'a@example.org', status: 'cancelled', statusChanged: LATER });
    expect(promoted.map((s) => s.email)).toEqual(['c@example.org']);
    expect(status(roster)).toEqual({ a: 'cancelled', b: 'confirmed', c: 'confirmed', d: 'waitlisted' });
    expect(owedSeatEmails(roster).map((s) => s.email)).toEqual(['c@example.org']);
  });

  it('cancelling a waitlist place promotes nobody', () => {
    const { roster, promoted } = cancel(full(), 'd@example.org', rules(2, LATER));
    expect(promoted).toEqual([]);
    expect(waitlistOrder(roster)).toEqual(['1:c']);
  });

  it('a raised capacity seats the waitlist in order; a lowered one unseats nobody', () => {
    const raised = fillSeats(full(), rules(3, LATER));
    expect(raised.promoted.map((s) => s.email)).toEqual(['c@example.org']);
    const lowered = fillSeats(raised.roster, rules(1, LATER));
    expect(lowered.roster).toBe(raised.roster);
    expect(status(lowered.roster)).toEqual({ a: 'confirmed', b: 'confirmed', c: 'confirmed', d: 'waitlisted' });
  });

  it('people seated straight from an import are not owed a seat email; people who waited are', () => {
    const once = admit(emptyRoster('c'), [row('a', 1), row('b', 2)], rules(1));
    const more = admit(once.roster, [row('c', 3)], rules(3, LATER));
    expect(more.promoted.map((s) => s.email)).toEqual(['b@example.org']);
    expect(more.roster.signups.find((s) => s.email === 'c@example.org')).toMatchObject({ status: 'confirmed' });
    expect(more.roster.signups.find((s) => s.email === 'c@example.org')?.seatEmailOwed).toBeUndefined();
  });

  it('tells new signups from waiting ones even when a hand edit numbered an import above last_import', () => {
    const once = admit(emptyRoster('c'), [row('a', 1), row('b', 2)], rules(1));
    const edited: Roster = { ...once.roster, signups: once.roster.signups.map((s) => (s.email === 'b@example.org' ? { ...s, source: { ...s.source, import: 2 } } : s)) };
    const more = admit(edited, [row('c', 3)], rules(3, LATER));
    expect(more.promoted.map((s) => s.email)).toEqual(['b@example.org']);
    expect(more.roster.signups.find((s) => s.email === 'c@example.org')).toMatchObject({ status: 'confirmed', source: { import: 3 } });
  });

  it('clearSeatEmailOwed clears the flag of that person only; a cancel clears it too', () => {
    const { roster } = cancel(full(), 'a@example.org', rules(1, LATER));
    const raised = fillSeats(roster, rules(3, LATER)).roster;
    expect(owedSeatEmails(raised).map((s) => s.email)).toEqual(['c@example.org', 'd@example.org']);
    const cleared = clearSeatEmailOwed(raised, 'C@example.org');
    expect(owedSeatEmails(cleared).map((s) => s.email)).toEqual(['d@example.org']);
    expect(owedSeatEmails(cancel(cleared, 'd@example.org', rules(3, LATER)).roster)).toEqual([]);
  });

  it('refuses to cancel someone absent or already cancelled, with the list command as hint', () => {
    const { roster } = cancel(full(), 'a@example.org', rules(2, LATER));
    expect(() => cancel(roster, 'a@example.org', rules(2))).toThrow('has already cancelled');
    expect(() => cancel(roster, 'zed@example.org', rules(2))).toThrow('is not on the roster of c');
  });
});

describe('remove: erasure on request', () => {
  it('drops every signup of the person, keeps anonymous notes, frees the seat, and an old export cannot bring them back', () => {
    const once = admit(emptyRoster('c'), [row('a', 1), row('b', 2)], rules(1));
    const { roster, removed, promoted } = remove(once.roster, 'a@example.org', rules(1, LATER));
    expect(removed).toHaveLength(1);
    expect(promoted.map((s) => s.email)).toEqual(['b@example.org']);
    expect(JSON.stringify(roster)).not.toContain('a@example.org');
    expect(roster.removed).toEqual([{ removed: LATER, status: 'confirmed', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const again = admit(roster, [row('a', 1)], rules(1, LATER));
    expect(again.outcomes[0]).toMatchObject({ kind: 'already-imported', erased: true });
    expect(again.roster).toBe(roster);
  });
});
