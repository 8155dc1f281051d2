import { createHash } from 'node:crypto';
import { refused } from '../failure.js';
import { emailKey } from '../model/email.js';
import type { Language } from '../model/schema.js';
import { offerWindow, type OfferRules } from './offers.js';
import { compareSignups, inSignupOrder, instant, isActive, statusCounts, type Roster, type Signup, type SignupSource } from './types.js';

/*
 * The seat and waitlist rules, as pure functions: each takes a roster and returns a new one with
 * what happened. Seats go in signup order up to capacity and are never taken away; whenever a seat
 * is free, the first waitlisted person gets it and is owed a "you have a seat" email; with timed
 * seat offers on, they are offered it instead (src/roster/offers.ts). An offered seat is held: seats
 * held = confirmed + offered.
 */

export interface SeatRules {
  capacity: number;
  /** When the change happens (ISO instant). */
  now: string;
  /** Timed seat offers are on (`offer_hours`): a seat going to someone who was waiting is offered to them. */
  offers?: OfferRules;
}

/** Admitting signups also needs the circle's language, for those who named none. */
export interface AdmitRules extends SeatRules {
  language: Language;
}

/**
 * A signup about to be added: everything but its status and import number, with where it came
 * from (Signup.source) in its own fields: an import brings 100,000 of these, one object each.
 */
export interface Incoming extends Omit<SignupSource, 'import'> {
  row?: number;
  name?: string;
  email: string;
  /** Left out when the person named none: the circle's language is theirs. */
  language?: Language;
  organisation?: string;
  country?: string;
  signedUp: string;
  note?: string;
}

/** What admit() did with one incoming row: seated, waitlisted, or left out and why. */
export type Admission =
  | { kind: 'seated'; incoming: Incoming; signup: Signup; resignup: boolean }
  | { kind: 'waitlisted'; incoming: Incoming; signup: Signup; resignup: boolean; position: number }
  /** This row was imported before (same email and time), or belongs to a signup erased on request. */
  | { kind: 'already-imported'; incoming: Incoming; existing?: Signup; erased: boolean }
  /** The person is on the roster already, or this row predates their cancellation. */
  | { kind: 'duplicate'; incoming: Incoming; existing: Signup };

export interface Change {
  roster: Roster;
  /** Waitlisted people who got a seat (confirmed) or were offered one (offered) in this change; each is now owed its mail. */
  promoted: Signup[];
}

/** The identity of a row: email and signup time (email and file for a file without timestamps). */
export function rowFingerprint({ email, signedUp, untimed, file }: Pick<Incoming, 'email' | 'signedUp' | 'untimed' | 'file'>): string {
  const identity = untimed ? `${emailKey(email)}|untimed|${file ?? ''}` : `${emailKey(email)}|${signedUp}`;
  return createHash('sha256').update(identity).digest('hex');
}

export const waitlist = (roster: Roster): Signup[] => inSignupOrder(roster.signups.filter((s) => s.status === 'waitlisted'));

/** Waitlist positions, 1 = next to get a seat. */
export function positions(roster: Roster): Map<Signup, number> {
  return new Map(waitlist(roster).map((signup, index) => [signup, index + 1]));
}

/** The person's current (not cancelled) signup, if any. */
export function activeSignup(roster: Roster, email: string): Signup | undefined {
  const key = emailKey(email);
  return roster.signups.find((s) => isActive(s) && emailKey(s.email) === key);
}

interface Seating extends Change {
  /** The waitlist before seats were given, in order: its first `seated.size` got them. */
  queue: Signup[];
  /** Old signup -> new one, for those seated in this change. */
  seated: Map<Signup, Signup>;
}

/** fillSeats, also telling who got a seat out of which waitlist (one sort for both); `isNew` tells those added in this change. */
function seat(roster: Roster, rules: SeatRules, isNew: (signup: Signup) => boolean): Seating {
  const queue = waitlist(roster);
  const { confirmed, offered } = statusCounts(roster.signups);
  const toSeat = queue.slice(0, Math.max(0, rules.capacity - confirmed - offered));
  const seated = new Map<Signup, Signup>();
  const promoted: Signup[] = [];
  if (toSeat.length === 0) return { roster, promoted, seated, queue };
  const window = rules.offers ? offerWindow(rules.now, rules.offers) : undefined;
  for (const signup of toSeat) {
    // Those added in this change are simply seated; those who were waiting are promoted, or offered the seat.
    const next: Signup = isNew(signup)
      ? { ...signup, status: 'confirmed', statusChanged: rules.now }
      : window?.kind === 'offer'
        ? { ...signup, status: 'offered', statusChanged: rules.now, offerExpires: window.expires, seatEmailOwed: true }
        : { ...signup, status: 'confirmed', statusChanged: rules.now, seatEmailOwed: true };
    if (!isNew(signup)) promoted.push(next);
    seated.set(signup, next);
  }
  return { roster: { ...roster, signups: roster.signups.map((s) => seated.get(s) ?? s) }, promoted, seated, queue };
}

/**
 * Gives free seats to the waitlist in signup order: those who were waiting are promoted and owed a
 * seat email, or offered the seat and owed the offer mail when offers are on (admit() seats people it
 * adds without either). Never unseats anyone when capacity is below the seats held.
 */
export function fillSeats(roster: Roster, rules: SeatRules): Change {
  const { roster: next, promoted } = seat(roster, rules, () => false);
  return { roster: next, promoted };
}

interface Known {
  active?: Signup;
  lastCancelled?: Signup;
  /** The person's first signup: untimed rows are recognised by email alone. */
  first: Signup;
}

function indexByEmail(signups: readonly Signup[]): Map<string, Known> {
  const byEmail = new Map<string, Known>();
  for (const signup of signups) {
    const key = emailKey(signup.email);
    let known = byEmail.get(key);
    if (!known) byEmail.set(key, (known = { first: signup }));
    if (isActive(signup)) known.active = signup;
    else if (!known.lastCancelled || known.lastCancelled.statusChanged < signup.statusChanged) known.lastCancelled = signup;
  }
  return byEmail;
}

const sameSource = (source: SignupSource | undefined, row: Incoming): source is SignupSource =>
  source !== undefined && source.via === row.via && source.file === row.file && source.untimed === row.untimed && source.from === row.from;

/**
 * The time a moved person joins by: their own, or the first millisecond after it this roster does
 * not know them by. Mail journals tell signups apart by address and time, so a person moved back into
 * a circle they had left is a new signup there: told their place, invited again.
 */
function unusedTime(identities: ReadonlyMap<string, Signup>, key: string, signedUp: string): string {
  let at = signedUp;
  for (let ms = Date.parse(signedUp); identities.has(`${key}|${at}`); ) at = instant(++ms);
  return at;
}

/**
 * Adds signups (from an import, a walk-in or a move) in signup order, then fills free seats.
 * A row already imported is skipped; a person already on the roster is a duplicate; a person who
 * cancelled and signed up again later is a re-signup and joins by their new time. A moved person
 * always joins unless they are on the roster already.
 */
export function admit(roster: Roster, incoming: readonly Incoming[], rules: AdmitRules): Change & { outcomes: Admission[] } {
  // Above every number in the roster, even one a hand edit raised: the new signups are those with this number.
  const batch = roster.signups.reduce((highest, s) => Math.max(highest, s.source.import), roster.lastImport) + 1;
  const byEmail = indexByEmail(roster.signups);
  const identities = new Map(roster.signups.map((s) => [`${emailKey(s.email)}|${s.signedUp}`, s]));
  const erased = new Set(roster.removed.map((note) => note.fingerprint));
  // Exports are usually in time order already; a stable sort keeps file order within a second.
  const inOrder = incoming.every((row, i) => i === 0 || (incoming[i - 1] as Incoming).signedUp <= row.signedUp);
  const ordered = inOrder ? incoming : [...incoming].sort((a, b) => (a.signedUp < b.signedUp ? -1 : a.signedUp > b.signedUp ? 1 : 0));

  const added: Signup[] = [];
  // The signups of one file share one source (each has its own row): an import brings 100,000 of them.
  let source: SignupSource | undefined;
  // Who was added in this change, by email: another row of theirs is a duplicate.
  const addedNow = new Map<string, Signup>();
  const outcomes: Admission[] = [];
  // Where the new signups' outcomes are: they start waitlisted and are settled once the seats are given.
  const fresh: number[] = [];
  for (const row of ordered) {
    const key = emailKey(row.email);
    const twice = addedNow.get(key);
    if (twice) {
      outcomes.push({ kind: 'duplicate', incoming: row, existing: twice });
      continue;
    }
    // A move is the organiser's decision about a person, not a row seen again: only being on the roster stops it.
    const moved = row.via === 'move';
    if (!moved && erased.size > 0 && erased.has(rowFingerprint(row))) {
      outcomes.push({ kind: 'already-imported', incoming: row, erased: true });
      continue;
    }
    const known = byEmail.size > 0 ? byEmail.get(key) : undefined;
    // Only a person already on the roster can have had this row imported before.
    const existing = known === undefined || moved ? undefined : row.untimed ? known.first : identities.get(`${key}|${row.signedUp}`);
    if (existing) {
      outcomes.push({ kind: 'already-imported', incoming: row, existing, erased: false });
      continue;
    }
    if (known?.active) {
      outcomes.push({ kind: 'duplicate', incoming: row, existing: known.active });
      continue;
    }
    // A row from before the cancellation is the old signup seen again, not a new one.
    if (!moved && known?.lastCancelled && row.signedUp <= known.lastCancelled.statusChanged) {
      outcomes.push({ kind: 'duplicate', incoming: row, existing: known.lastCancelled });
      continue;
    }
    // One object shape, no spreads: an import can bring 100,000 rows.
    const signup: Signup = {
      name: row.name,
      email: row.email,
      language: row.language ?? rules.language,
      organisation: row.organisation,
      country: row.country,
      signedUp: moved ? unusedTime(identities, key, row.signedUp) : row.signedUp,
      source: sameSource(source, row) ? source : (source = { via: row.via, import: batch, file: row.file, untimed: row.untimed, from: row.from }),
      row: row.row,
      status: 'waitlisted',
      statusChanged: rules.now,
      note: row.note,
    };
    added.push(signup);
    addedNow.set(key, signup);
    fresh.push(outcomes.length);
    outcomes.push({ kind: 'waitlisted', incoming: row, signup, resignup: known?.lastCancelled !== undefined, position: 0 });
  }

  const grown: Roster = added.length ? { ...roster, lastImport: batch, signups: roster.signups.concat(added) } : roster;
  const { roster: filled, promoted, seated, queue } = seat(grown, rules, (signup) => signup.source.import === batch);
  // The new signups meet the waitlist in the order the sort puts them (usually the order they came
  // in): one walk along it settles their outcomes, with no lookup table of all the waiting.
  type Waitlisted = Extract<Admission, { kind: 'waitlisted' }>;
  const signupAt = (index: number) => (outcomes[index] as Waitlisted).signup;
  const bySignup = (a: number, b: number) => compareSignups(signupAt(a), signupAt(b));
  if (fresh.some((index, i) => i > 0 && bySignup(fresh[i - 1] as number, index) > 0)) fresh.sort(bySignup);
  let next = 0;
  queue.forEach((signup, place) => {
    const index = fresh[next];
    if (index === undefined || signupAt(index) !== signup) return;
    next++;
    const outcome = outcomes[index] as Waitlisted;
    const now = seated.get(signup);
    if (now) outcomes[index] = { kind: 'seated', incoming: outcome.incoming, signup: now, resignup: outcome.resignup };
    else outcome.position = place + 1 - seated.size;
  });
  return { roster: filled, promoted, outcomes };
}

function replace(roster: Roster, from: Signup, to: Signup): Roster {
  return { ...roster, signups: roster.signups.map((s) => (s === from ? to : s)) };
}

function mustBeActive(roster: Roster, email: string): Signup {
  const signup = activeSignup(roster, email);
  if (signup) return signup;
  const key = emailKey(email);
  const cancelled = roster.signups.some((s) => emailKey(s.email) === key);
  throw refused('input',
    cancelled ? `${email} has already cancelled their signup for ${roster.circle}` : `${email} is not on the roster of ${roster.circle}`,
    `see who is: circle signups list ${roster.circle}`,
  );
}

/** Cancels a seat, an offer or a waitlist place; a freed seat goes to the first waitlisted person. */
export function cancel(roster: Roster, email: string, rules: SeatRules, note?: string): Change & { cancelled: Signup } {
  const signup = mustBeActive(roster, email);
  // The seat's mail, an offer's deadline and the answer to its invitation go with it; the note says why it ended.
  const { seatEmailOwed: _owed, offerExpires: _expires, note: _note, reply: _reply, replied: _replied, ...rest } = signup;
  const cancelled: Signup = { ...rest, status: 'cancelled', statusChanged: rules.now, ...(note ? { note } : {}) };
  return { ...fillSeats(replace(roster, signup, cancelled), rules), cancelled };
}

/**
 * Erases every signup of a person (on their request), leaving anonymous notes: when, what status,
 * and the fingerprint of each row. A freed seat goes to the waitlist.
 */
export function remove(roster: Roster, email: string, rules: SeatRules): Change & { removed: Signup[] } {
  const key = emailKey(email);
  const removed = roster.signups.filter((s) => emailKey(s.email) === key);
  if (removed.length === 0) throw refused('input', `${email} is not on the roster of ${roster.circle}`, `see who is: circle signups list ${roster.circle}`);
  const kept: Roster = {
    ...roster,
    signups: roster.signups.filter((s) => emailKey(s.email) !== key),
    removed: [...roster.removed, ...removed.map((s) => ({ removed: rules.now, status: s.status, fingerprint: rowFingerprint({ email: s.email, signedUp: s.signedUp, untimed: s.source.untimed, file: s.source.file }) }))],
  };
  return { ...fillSeats(kept, rules), removed };
}

/** After the seat email went out (issue 6's `waitlist notify`): the person is no longer owed one. */
export function clearSeatEmailOwed(roster: Roster, email: string): Roster {
  const key = emailKey(email);
  const signup = roster.signups.find((s) => s.seatEmailOwed && emailKey(s.email) === key);
  if (!signup) return roster;
  const { seatEmailOwed: _owed, ...rest } = signup;
  return replace(roster, signup, rest);
}

/** Confirmed people still owed a "you have a seat" email, in signup order. */
export function owedSeatEmails(roster: Roster): Signup[] {
  return inSignupOrder(roster.signups.filter((s) => s.status === 'confirmed' && s.seatEmailOwed));
}

/** An instant of the injected clock, as rosters record it. */
export const nowInstant = (now: Date): string => instant(now.getTime());
