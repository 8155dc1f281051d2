import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyInbox, CANCEL_NOTES } from '../../src/roster/inbox-changes.js';
import { move } from '../../src/roster/move.js';
import { expireOffers, type OfferRules } from '../../src/roster/offers.js';
import { activeSignup, admit, cancel, fillSeats, remove, waitlist, type Incoming } from '../../src/roster/seats.js';
import { compareSignups, emptyRoster, instant, isActive, statusCounts, type Roster } from '../../src/roster/types.js';

/*
 * The roster rules as properties: random sequences of imports, walk-ins, cancellations, moves
 * between two circles, erasures, capacity changes and what the mailbox brings (answers to the
 * invitation, declines, leaving by the link), with the invariants checked after every step; then
 * the same with timed seat offers on and time passing (offers lapsing, `circle run` filling seats).
 * A failure prints fast-check's seed and path; FC_SEED=<seed> replays that run.
 */

const PEOPLE = ['ana', 'ben', 'cai', 'dee'] as const;
const CIRCLES = ['first', 'second'] as const;
type Person = (typeof PEOPLE)[number];
type CircleId = (typeof CIRCLES)[number];

type Step =
  | { op: 'import'; circle: CircleId; rows: Array<{ person: Person; minute: number }> }
  | { op: 'add'; circle: CircleId; person: Person }
  | { op: 'cancel'; circle: CircleId; person: Person }
  | { op: 'move'; circle: CircleId; person: Person; agreed: boolean }
  | { op: 'remove'; circle: CircleId; person: Person }
  | { op: 'capacity'; circle: CircleId; capacity: number }
  | { op: 'reply'; circle: CircleId; person: Person; partstat: 'ACCEPTED' | 'TENTATIVE'; minute: number }
  | { op: 'inbox-cancel'; circle: CircleId; person: Person; because: 'declined' | 'leave-link' }
  /** Time passes, then a run: offers past their deadline lapse and the free seats are filled. */
  | { op: 'wait'; minutes: number };

const person = fc.constantFrom(...PEOPLE);
const circle = fc.constantFrom(...CIRCLES);
// Moves and cancellations weigh more: the losses came from a person moving between circles they had left.
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('import' as const), circle, rows: fc.array(fc.record({ person, minute: fc.integer({ min: 0, max: 400 }) }), { maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), circle, person }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('cancel' as const), circle, person }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('move' as const), circle, person, agreed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), circle, person }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('capacity' as const), circle, capacity: fc.integer({ min: 0, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reply' as const), circle, person, partstat: fc.constantFrom('ACCEPTED' as const, 'TENTATIVE' as const), minute: fc.integer({ min: 0, max: 2000 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('inbox-cancel' as const), circle, person, because: fc.constantFrom('declined' as const, 'leave-link' as const) }) },
);

const email = (who: Person) => `${who}@example.org`;
const minuteAt = (minute: number) => instant(Date.UTC(2019, 9, 28, 9, minute));
const keyOf = (address: string) => address.toLowerCase();

interface World {
  rosters: Record<CircleId, Roster>;
  capacity: Record<CircleId, number>;
  /** Everyone who was ever on each roster, and those erased from it on request since. */
  seen: Record<CircleId, Set<string>>;
  erased: Record<CircleId, Set<string>>;
  /** Timed seat offers per circle (undefined: off). */
  offers: Record<CircleId, OfferRules | undefined>;
  /** Minutes after 28 Oct 2019 09:00 UTC. */
  clock: number;
}

/** The organiser's action, as the commands do it: a refused change leaves the rosters as they were. */
function apply(world: World, s: Step): void {
  const now = minuteAt(world.clock);
  const rules = (id: CircleId) => ({ capacity: world.capacity[id], now, language: 'en' as const, ...(world.offers[id] ? { offers: world.offers[id] } : {}) });
  if (s.op === 'wait') {
    world.clock += s.minutes;
    const later = minuteAt(world.clock);
    for (const id of CIRCLES) world.rosters[id] = fillSeats(expireOffers(world.rosters[id], later).roster, { ...rules(id), now: later }).roster;
    return;
  }
  const other: CircleId = s.circle === 'first' ? 'second' : 'first';
  const roster = world.rosters[s.circle];
  switch (s.op) {
    case 'import': {
      const rows: Incoming[] = s.rows.map(({ person: who, minute }, index) => ({ name: who, email: email(who), signedUp: minuteAt(minute), via: 'import', file: 'form.csv', row: index + 2 }));
      world.rosters[s.circle] = admit(roster, rows, rules(s.circle)).roster;
      break;
    }
    case 'add':
      if (!activeSignup(roster, email(s.person))) world.rosters[s.circle] = admit(roster, [{ name: s.person, email: email(s.person), signedUp: now, via: 'walk-in' }], rules(s.circle)).roster;
      break;
    case 'cancel':
      if (activeSignup(roster, email(s.person))) world.rosters[s.circle] = cancel(roster, email(s.person), rules(s.circle)).roster;
      break;
    case 'move': {
      const was = activeSignup(roster, email(s.person));
      const target = world.rosters[other];
      const result = move(roster, world.rosters[other], email(s.person), { from: rules(s.circle), to: rules(other), seatLossAgreed: s.agreed });
      if (result.kind === 'moved') {
        world.rosters[s.circle] = result.from;
        world.rosters[other] = result.to;
        // The person is on the target roster by their original signup time, or the first millisecond
        // after it that the target does not know them by (moved back into a circle they had left).
        const before = target.signups.filter((x) => x.email === email(s.person)).map((x) => x.signedUp);
        let expected = was?.signedUp as string;
        while (before.includes(expected)) expected = new Date(Date.parse(expected) + 1).toISOString();
        expect(activeSignup(result.to, email(s.person))?.signedUp).toBe(expected);
      } else if (was && !activeSignup(world.rosters[other], email(s.person))) {
        // A person active here and not there is always moved, unless their seat is at stake and not agreed to.
        expect(result.kind).toBe('seat-at-stake');
        expect(s.agreed).toBe(false);
      }
      break;
    }
    case 'remove':
      if (roster.signups.some((signup) => keyOf(signup.email) === email(s.person))) {
        world.rosters[s.circle] = remove(roster, email(s.person), rules(s.circle)).roster;
        world.erased[s.circle].add(email(s.person));
      }
      break;
    case 'reply': {
      const before = activeSignup(roster, email(s.person));
      const at = minuteAt(s.minute);
      const applied = applyInbox(roster, [{ type: 'record', email: email(s.person), partstat: s.partstat, at }], rules(s.circle));
      const [outcome] = applied.outcomes;
      // Kept only on a seat, and only when no later answer is kept already.
      const expected = before?.status === 'confirmed' && !(before.replied !== undefined && before.replied >= at) ? 'recorded' : 'unchanged';
      expect(outcome?.kind).toBe(expected);
      world.rosters[s.circle] = applied.roster;
      break;
    }
    case 'inbox-cancel': {
      const applied = applyInbox(roster, [{ type: 'cancel', email: email(s.person), because: s.because }], rules(s.circle));
      // Exactly `signups cancel`, with the note saying why.
      if (activeSignup(roster, email(s.person))) expect(applied.roster).toEqual(cancel(roster, email(s.person), rules(s.circle), CANCEL_NOTES[s.because]).roster);
      else expect(applied.roster).toBe(roster);
      world.rosters[s.circle] = applied.roster;
      break;
    }
    case 'capacity':
      // A new capacity in the circle file, then `signups promote`.
      world.capacity[s.circle] = s.capacity;
      world.rosters[s.circle] = fillSeats(roster, rules(s.circle)).roster;
      break;
  }
}

/** Seats held (confirmed + offered) per circle. */
const held = (world: World) => ({ first: heldIn(world.rosters.first), second: heldIn(world.rosters.second) });
function heldIn(roster: Roster): number {
  const { confirmed, offered } = statusCounts(roster.signups);
  return confirmed + offered;
}

function checkInvariants(world: World, heldBefore: Record<CircleId, number>, offeredBefore: Record<CircleId, Set<string>>): void {
  const now = minuteAt(world.clock);
  for (const id of CIRCLES) {
    const roster = world.rosters[id];
    const capacity = world.capacity[id];
    const active = roster.signups.filter(isActive).map((s) => keyOf(s.email));
    expect(new Set(active).size, `${id}: someone is on the roster twice`).toBe(active.length);
    const { confirmed, offered, waitlisted } = statusCounts(roster.signups);
    // An offered seat is held. Seats are never taken away when capacity is lowered; none is given or offered while over it.
    if (confirmed + offered > capacity) expect(confirmed + offered, `${id}: a seat was given or offered beyond capacity`).toBeLessThanOrEqual(heldBefore[id]);
    if (confirmed + offered < capacity) expect(waitlisted, `${id}: a free seat while people wait`).toBe(0);
    const offers = world.offers[id];
    for (const s of roster.signups.filter((x) => x.status === 'offered')) {
      expect(offers, `${id}: ${s.email} was offered a seat with offers off`).toBeDefined();
      if (offeredBefore[id].has(`${s.email}|${s.signedUp}`)) continue;
      // A new offer: made now, never more of them than free seats, ending by an hour before the start and at most offer_hours on.
      expect(confirmed + offered, `${id}: more offers than free seats`).toBeLessThanOrEqual(capacity);
      expect(s.statusChanged).toBe(now);
      const [made, ends, start] = [Date.parse(now), Date.parse(s.offerExpires!), Date.parse(offers!.start)];
      expect(ends, `${id}: ${s.email}'s offer ends too late`).toBe(Math.min(made + Math.round(offers!.hours * 3_600_000), start - 3_600_000));
      expect(ends, `${id}: ${s.email} was offered a seat in the last hour`).toBeGreaterThan(made);
    }
    const queue = waitlist(roster);
    for (let i = 1; i < queue.length; i++) expect(compareSignups(queue[i - 1]!, queue[i]!), `${id}: the waitlist is out of signup order`).toBeLessThan(0);
    for (const s of roster.signups) if (s.reply !== undefined) expect(s.status, `${id}: ${s.email} keeps an answer without a seat`).toBe('confirmed');
    const present = new Set(roster.signups.map((s) => keyOf(s.email)));
    for (const who of present) world.seen[id].add(who);
    for (const who of world.seen[id]) expect(present.has(who) || world.erased[id].has(who), `${id}: ${who} was lost`).toBe(true);
  }
}

/** Runs the steps on a new world, checking the invariants after each; each step takes a minute. */
function live(capacity: Record<CircleId, number>, offers: World['offers'], steps: readonly Step[]): void {
  const world: World = {
    rosters: { first: emptyRoster('first'), second: emptyRoster('second') },
    capacity: { ...capacity },
    seen: { first: new Set(), second: new Set() },
    erased: { first: new Set(), second: new Set() },
    offers,
    clock: 1000,
  };
  const offeredNow = (id: CircleId) => new Set(world.rosters[id].signups.filter((x) => x.status === 'offered').map((x) => `${x.email}|${x.signedUp}`));
  for (const s of steps) {
    const heldBefore = held(world);
    const offeredBefore = { first: offeredNow('first'), second: offeredNow('second') };
    const answers = CIRCLES.map((id) => world.rosters[id].signups.filter((x) => x.reply).map((x) => [id, x.email, x.reply, x.replied]));
    apply(world, s);
    checkInvariants(world, heldBefore, offeredBefore);
    if (s.op === 'wait') {
      // The run lapsed every offer past its deadline.
      for (const id of CIRCLES) for (const x of world.rosters[id].signups) if (x.status === 'offered') expect(Date.parse(x.offerExpires!), `${id}: ${x.email}'s offer outlived its deadline`).toBeGreaterThan(Date.parse(minuteAt(world.clock)));
      continue;
    }
    world.clock += 1;
    // An answer stays while its seat does, unless a later one is recorded.
    for (const [id, address, reply, replied] of answers.flat() as Array<[CircleId, string, string, string]>) {
      const now = activeSignup(world.rosters[id], address);
      if (now && !(s.op === 'reply' && s.circle === id && email(s.person) === address)) expect([now.reply, now.replied], `${id}: ${address} lost their answer`).toEqual([reply, replied]);
    }
  }
}

const capacities = fc.record({ first: fc.integer({ min: 0, max: 4 }), second: fc.integer({ min: 0, max: 4 }) });
const runs = (numRuns: number) => ({ numRuns, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });

describe('roster rules hold over random sequences of changes', () => {
  it('no one twice, no seat beyond capacity, no free seat while people wait, waitlist in order, nobody lost', () => {
    fc.assert(
      fc.property(capacities, fc.array(step, { minLength: 1, maxLength: 40 }), (capacity, steps) => live(capacity, { first: undefined, second: undefined }, steps)),
      runs(400),
    );
  });

  it('with timed seat offers and time passing: never more offers than free seats, none beyond capacity, no free seat while people wait, lapsed offers passed on, nobody lost', () => {
    // offer_hours from half an hour to three days; each circle starts within about a week of the first step (minute 1000).
    const offerRules = fc.option(fc.record({ hours: fc.constantFrom(0.5, 1, 2, 24, 48, 72), start: fc.integer({ min: 1000, max: 11_000 }).map(minuteAt) }), { nil: undefined });
    const waiting: fc.Arbitrary<Step> = fc.record({ op: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 3000 }) });
    const withTime = fc.oneof({ weight: 5, arbitrary: step }, { weight: 2, arbitrary: waiting });
    fc.assert(
      fc.property(capacities, fc.record({ first: offerRules, second: offerRules }), fc.array(withTime, { minLength: 1, maxLength: 40 }), (capacity, offers, steps) => live(capacity, offers, steps)),
      runs(400),
    );
  });
});
