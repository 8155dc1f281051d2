import { describe, expect, it } from 'vitest';
import { move, type Move } from '../../src/roster/move.js';
import { admit, cancel, remove, type Incoming } from '../../src/roster/seats.js';
import { emptyRoster, type Roster } from '../../src/roster/types.js';

const NOW = '2019-11-01T12:00:00.000Z';
const LATER = '2019-11-02T12:00:00.000Z';
const seatRules = (capacity: number, now = NOW) => ({ capacity, now, language: 'en' as const });

function row(who: string, minute: number): Incoming {
  return { name: who, email: `${who}@example.org`, signedUp: new Date(Date.UTC(2019, 9, 28, 9, minute)).toISOString(), via: 'import', file: 'a.csv', row: minute + 2 };
}

/** A roster of `capacity` seats with these people imported, in order of the minute they signed up. */
const roster = (id: string, capacity: number, people: Array<[string, number]>): Roster => admit(emptyRoster(id), people.map(([who, minute]) => row(who, minute)), seatRules(capacity)).roster;

const state = (r: Roster) => r.signups.map((s) => `${s.email.split('@')[0]}:${s.status}`).join(' ');

/** One line that says what a move did, for the table. */
function said(result: Move): string {
  if (result.kind === 'refused') return `refused: ${result.why}`;
  if (result.kind === 'seat-at-stake') return `ask: seat at stake, would be #${result.position}`;
  return `${result.position === undefined ? 'seated' : `waitlisted #${result.position}`}${result.seatLost ? ', seat lost' : ''} | ${state(result.to)}`;
}

// first: ana seated, ben waiting (1 seat). Each case builds `second` and moves `who` there.
const first = () => roster('first', 1, [['ana', 1], ['ben', 2]]);
const cases: Array<{ name: string; second: () => Roster; who: string; capacity: number; agreed?: boolean; expected: string }> = [
  {
    name: 'into free seats after cancelling there (the reported loss)',
    second: () => cancel(roster('second', 20, [['ana', 1]]), 'ana@example.org', seatRules(20, LATER)).roster,
    who: 'ana',
    capacity: 20,
    expected: 'seated | ana:cancelled ana:confirmed',
  },
  {
    name: 'into free seats after cancelling a later signup there',
    second: () => cancel(roster('second', 20, [['ana', 50]]), 'ana@example.org', seatRules(20, LATER)).roster,
    who: 'ana',
    capacity: 20,
    expected: 'seated | ana:cancelled ana:confirmed',
  },
  {
    name: 'into a circle that erased them on request',
    second: () => remove(roster('second', 20, [['ana', 1]]), 'ana@example.org', seatRules(20, LATER)).roster,
    who: 'ana',
    capacity: 20,
    expected: 'seated | ana:confirmed',
  },
  { name: 'into an empty circle', second: () => emptyRoster('second'), who: 'ana', capacity: 5, expected: 'seated | ana:confirmed' },
  {
    name: 'a waiting person into a full circle: by their signup time, no question',
    second: () => roster('second', 1, [['zed', 0], ['yan', 30]]),
    who: 'ben',
    capacity: 1,
    expected: 'waitlisted #1 | zed:confirmed yan:waitlisted ben:waitlisted',
  },
  { name: 'a seated person into a full circle: asked first', second: () => roster('second', 1, [['zed', 0], ['yan', 30]]), who: 'ana', capacity: 1, expected: 'ask: seat at stake, would be #1' },
  {
    name: 'a seated person into a full circle, agreed',
    second: () => roster('second', 1, [['zed', 0], ['yan', 30]]),
    who: 'ana',
    capacity: 1,
    agreed: true,
    expected: 'waitlisted #1, seat lost | zed:confirmed yan:waitlisted ana:waitlisted',
  },
  { name: 'a person already on the target roster', second: () => roster('second', 5, [['ana', 9]]), who: 'ana', capacity: 5, expected: 'refused: ana@example.org is already on the roster of second (confirmed)' },
  { name: 'a person not on the roster', second: () => emptyRoster('second'), who: 'cai', capacity: 5, expected: 'refused: cai@example.org is not on the roster of first' },
];

describe('move: the person always ends up on the target roster, or nothing changes', () => {
  it.each(cases)('$name', ({ second, who, capacity, agreed, expected }) => {
    const result = move(first(), second(), `${who}@example.org`, { from: seatRules(1, LATER), to: seatRules(capacity, LATER), seatLossAgreed: agreed ?? false });
    expect(said(result)).toBe(expected);
    if (result.kind === 'moved') {
      expect(result.left).toMatchObject({ email: `${who}@example.org`, status: 'cancelled', note: 'moved to second' });
      // Their own time, a millisecond on where the target still holds their earlier signup of that time.
      const known = second().signups.some((s) => s.email === `${who}@example.org` && s.signedUp === result.left.signedUp);
      const time = known ? new Date(Date.parse(result.left.signedUp) + 1).toISOString() : result.left.signedUp;
      expect(result.joined).toMatchObject({ email: `${who}@example.org`, signedUp: time, source: { via: 'move', from: 'first' } });
    }
  });

  it('refuses a person who already cancelled here', () => {
    const here = cancel(first(), 'ana@example.org', seatRules(1, LATER)).roster;
    expect(said(move(here, emptyRoster('second'), 'ana@example.org', { from: seatRules(1), to: seatRules(5), seatLossAgreed: true }))).toBe('refused: ana@example.org has already cancelled their signup for first');
  });

  it('gives the seat a seated person leaves to the first person waiting here', () => {
    const result = move(first(), emptyRoster('second'), 'ana@example.org', { from: seatRules(1, LATER), to: seatRules(5, LATER), seatLossAgreed: false });
    expect(result.kind === 'moved' && result.promotedFrom.map((s) => [s.email, s.seatEmailOwed])).toEqual([['ben@example.org', true]]);
  });
});
