import { emailKey } from '../model/email.js';
import { LANGUAGES, type Language } from '../model/schema.js';
import { compareSignups, type Roster, type Signup } from '../roster/types.js';
import { owedSeatEmails, positions } from '../roster/seats.js';
import type { JournalState } from './journal.js';
import { SEATED_KINDS, type MessageKind } from './kinds.js';

/*
 * Who is owed which message, from the roster and what the journal says was sent: pure rules.
 * A message's key names what it says and to which signup, so a second run finds it sent and
 * skips it, and nobody is told the same thing twice.
 */

/** Whom a message goes to: a signup of the roster, or what the journal kept of one erased since. */
type Addressee = Pick<Signup, 'name' | 'email' | 'language' | 'signedUp'>;

export interface WantedMessage {
  key: string;
  kind: MessageKind;
  signup: Addressee;
  /** Waitlist position, for the waitlist notice. */
  position?: number;
  /** The calendar SEQUENCE a seat, invitation or update carries. */
  sequence?: number;
}

/** One signup of one person: a person who cancels and signs up again is a new signup. Journaled with each message. */
export const signupId = (signup: Pick<Signup, 'email' | 'signedUp'>) => `${emailKey(signup.email)} ${signup.signedUp}`;

interface Invited {
  /** The highest SEQUENCE its calendar holds. */
  sequence: number;
  /** Where the invitation went, and in which language (journals from before it was recorded do not say). */
  to: string;
  language: Language | undefined;
}

/** Each signup sent a seat or an invitation, by `detail.signup`: the event is in their calendar. */
function invitedSignups(journal: JournalState): Map<string, Invited> {
  const held = new Map<string, Invited>();
  for (const record of journal.values()) {
    if (record.state !== 'sent' || !SEATED_KINDS.has(record.kind as MessageKind)) continue;
    const id = String(record.detail?.signup ?? '');
    const sequence = Math.max(held.get(id)?.sequence ?? -1, Number(record.detail?.sequence ?? 0));
    const language = LANGUAGES.find((lang) => lang === record.detail?.language);
    held.set(id, { sequence, to: record.to, language });
  }
  return held;
}

/** How many of these signups the journal shows were sent a seat or an invitation: each is owed its cancellation once gone. */
export function invitedCount(journal: JournalState, signups: ReadonlyArray<Pick<Signup, 'email' | 'signedUp'>>): number {
  if (signups.length === 0) return 0;
  const held = invitedSignups(journal);
  return signups.filter((signup) => held.has(signupId(signup))).length;
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
 * person whose seat, or whose circle, is cancelled, or who was erased from the roster since.
 */
export function invitationMessages(roster: Roster, journal: JournalState, circle: { cancelled: boolean; sequence: number; language: Language }): WantedMessage[] {
  const held = invitedSignups(journal);
  const owed = new Set(owedSeatEmails(roster));
  const wanted: WantedMessage[] = [];
  const cancellation = (signup: Addressee, id: string) => {
    const kind = circle.cancelled ? 'cancelled' : 'seat-cancelled';
    wanted.push({ key: `${kind}:${id}${circle.cancelled ? `:${circle.sequence}` : ''}`, kind, signup, sequence: circle.sequence });
  };
  for (const signup of [...roster.signups].sort(compareSignups)) {
    const id = signupId(signup);
    const holds = held.get(id)?.sequence;
    if (circle.cancelled || signup.status === 'cancelled') {
      if (holds !== undefined) cancellation(signup, id);
    } else if (signup.status === 'confirmed') {
      if (holds === undefined) wanted.push(owed.has(signup) ? seatMessage(signup, circle.sequence) : { key: `invitation:${id}`, kind: 'invitation', signup, sequence: circle.sequence });
      else if (holds < circle.sequence) wanted.push({ key: `update:${id}:${circle.sequence}`, kind: 'update', signup, sequence: circle.sequence });
    }
  }
  // Erased on request after they were invited (`signups remove` takes every signup of the address):
  // the event is still in their calendar, so its cancellation goes where the invitation went.
  const onRoster = new Set(roster.signups.map((s) => emailKey(s.email)));
  for (const [id, invited] of held) {
    const space = id.lastIndexOf(' ');
    if (space < 0 || onRoster.has(id.slice(0, space))) continue;
    cancellation({ email: invited.to, language: invited.language ?? circle.language, signedUp: id.slice(space + 1) }, id);
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
