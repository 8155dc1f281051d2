import { emailKey } from '../model/email.js';
import { compareSignups, type Roster, type Signup } from '../roster/types.js';
import { owedSeatEmails, positions } from '../roster/seats.js';
import type { JournalState } from './journal.js';
import { SEATED_KINDS, type MessageKind } from './kinds.js';

/*
 * Who is owed which message, from the roster and what the journal says was sent: pure rules.
 * A message's key names what it says and to which signup, so a second run finds it sent and
 * skips it, and nobody is told the same thing twice.
 */

export interface WantedMessage {
  key: string;
  kind: MessageKind;
  signup: Signup;
  /** Waitlist position, for the waitlist notice. */
  position?: number;
  /** The calendar SEQUENCE a seat, invitation or update carries. */
  sequence?: number;
}

/** One signup of one person: a person who cancels and signs up again is a new signup. Journaled with each message. */
export const signupId = (signup: Signup) => `${emailKey(signup.email)} ${signup.signedUp}`;

/** The highest SEQUENCE each signup holds in its calendar, from the invitations sent to it (by `detail.signup`). */
function invitedSequences(journal: JournalState): Map<string, number> {
  const held = new Map<string, number>();
  for (const record of journal.values()) {
    if (record.state !== 'sent' || !SEATED_KINDS.has(record.kind as MessageKind)) continue;
    const id = String(record.detail?.signup ?? '');
    const sequence = Number(record.detail?.sequence ?? 0);
    held.set(id, Math.max(held.get(id) ?? -1, sequence));
  }
  return held;
}

const seatMessage = (signup: Signup, sequence: number): WantedMessage => ({ key: `seat:${signupId(signup)}`, kind: 'seat', signup, sequence });

/** `waitlist notify`: where each waitlisted person stands, once; and their seat to each person promoted. */
export function waitlistMessages(roster: Roster, sequence: number): WantedMessage[] {
  const waiting = [...positions(roster)].map(([signup, position]): WantedMessage => ({ key: `waitlisted:${signupId(signup)}`, kind: 'waitlisted', signup, position }));
  return [...owedSeatEmails(roster).map((signup) => seatMessage(signup, sequence)), ...waiting];
}

/**
 * `invites send`: an invitation to each confirmed person not yet invited (the seat email for a
 * promoted one), an update to those holding an older SEQUENCE, and a cancellation to each invited
 * person whose seat, or whose circle, is cancelled.
 */
export function invitationMessages(roster: Roster, journal: JournalState, circle: { cancelled: boolean; sequence: number }): WantedMessage[] {
  const held = invitedSequences(journal);
  const owed = new Set(owedSeatEmails(roster));
  const wanted: WantedMessage[] = [];
  for (const signup of [...roster.signups].sort(compareSignups)) {
    const id = signupId(signup);
    const holds = held.get(id);
    if (circle.cancelled || signup.status === 'cancelled') {
      if (holds === undefined) continue;
      const kind = circle.cancelled ? 'cancelled' : 'seat-cancelled';
      wanted.push({ key: `${kind}:${id}${circle.cancelled ? `:${circle.sequence}` : ''}`, kind, signup, sequence: circle.sequence });
    } else if (signup.status === 'confirmed') {
      if (holds === undefined) wanted.push(owed.has(signup) ? seatMessage(signup, circle.sequence) : { key: `invitation:${id}`, kind: 'invitation', signup, sequence: circle.sequence });
      else if (holds < circle.sequence) wanted.push({ key: `update:${id}:${circle.sequence}`, kind: 'update', signup, sequence: circle.sequence });
    }
  }
  return wanted;
}

/** `followup`: the recording to everyone who signed up and did not cancel, once per person. */
export function recordingMessages(roster: Roster): WantedMessage[] {
  const people = new Map<string, Signup>();
  for (const signup of [...roster.signups].sort(compareSignups)) {
    if (signup.status !== 'cancelled' && !people.has(emailKey(signup.email))) people.set(emailKey(signup.email), signup);
  }
  return [...people].map(([key, signup]) => ({ key: `recording:${key}`, kind: 'recording', signup }));
}
