import { emailKey } from '../model/email.js';
import { activeSignup, admit, cancel, type AdmitRules, type Incoming, type SeatRules } from './seats.js';
import type { Roster, Signup } from './types.js';

/*
 * Moving a person from one circle's roster to another's, as a pure rule: either they end up on the
 * target's roster (seated if a seat is free, else waitlisted by their original signup time) and
 * cancelled here, or nothing changes and the answer says why. A seated person who would only get a
 * waitlist place there is moved only with the organiser's consent.
 */

export type Move =
  | {
      kind: 'moved';
      from: Roster;
      to: Roster;
      /** Their signup here, now cancelled with the note "moved to <id>". */
      left: Signup;
      /** Their signup there. */
      joined: Signup;
      /** Their waitlist place there; undefined when they got a seat. */
      position: number | undefined;
      /** They had a seat (or a seat offered) here and wait there. */
      seatLost: boolean;
      promotedFrom: Signup[];
      promotedTo: Signup[];
    }
  | { kind: 'refused'; why: string; hint: string }
  /** A seated person would lose their seat: asked, not done. */
  | { kind: 'seat-at-stake'; person: Signup; position: number };

export interface MoveRules {
  from: SeatRules;
  to: AdmitRules;
  /** The organiser agreed that a seated person may go to the target's waitlist. */
  seatLossAgreed: boolean;
}

export function move(from: Roster, to: Roster, email: string, rules: MoveRules): Move {
  if (from.circle === to.circle) return { kind: 'refused', why: `${email} is already on ${to.circle}`, hint: '--to names another circle' };
  const person = activeSignup(from, email);
  if (!person) {
    const cancelled = from.signups.some((s) => emailKey(s.email) === emailKey(email));
    return {
      kind: 'refused',
      why: cancelled ? `${email} has already cancelled their signup for ${from.circle}` : `${email} is not on the roster of ${from.circle}`,
      hint: `see who is: circle signups list ${from.circle}`,
    };
  }
  const there = activeSignup(to, email);
  if (there) return { kind: 'refused', why: `${person.email} is already on the roster of ${to.circle} (${there.status})`, hint: `cancel them here instead: circle signups cancel ${from.circle} ${person.email}` };

  const left = cancel(from, email, rules.from, `moved to ${to.circle}`);
  const { name, language, organisation, country, signedUp, source, row } = left.cancelled;
  // They keep their signup time: in the other circle's waitlist they stand where that time puts them.
  const incoming: Incoming = {
    ...(name ? { name } : {}),
    email: person.email,
    language,
    ...(organisation ? { organisation } : {}),
    ...(country ? { country } : {}),
    signedUp,
    via: 'move',
    from: from.circle,
    ...(source.file ? { file: source.file } : {}),
    ...(row ? { row } : {}),
  };
  const joined = admit(to, [incoming], rules.to);
  const [outcome] = joined.outcomes;
  // admit() takes every move of a person not active there; anything else would lose them.
  if (outcome?.kind !== 'seated' && outcome?.kind !== 'waitlisted') throw new Error(`a move into ${to.circle} was not admitted (${outcome?.kind})`);
  const position = outcome.kind === 'waitlisted' ? outcome.position : undefined;
  // A seat offered and not yet claimed is held for them as a seat is.
  const seatLost = (person.status === 'confirmed' || person.status === 'offered') && position !== undefined;
  if (seatLost && !rules.seatLossAgreed) return { kind: 'seat-at-stake', person, position };
  return { kind: 'moved', from: left.roster, to: joined.roster, left: left.cancelled, joined: outcome.signup, position, seatLost, promotedFrom: left.promoted, promotedTo: joined.promoted };
}
