import { emailKey } from '../model/email.js';
import { unwrap } from '../failure.js';
import { claimDecision, confirmOffer, notSeated, recordReply, whoIs, type Partstat } from './replies.js';
import { activeSignup, cancel, owedSeatEmails, type SeatRules } from './seats.js';
import { updateRoster, type UpdateOptions } from './store.js';
import type { Roster, Signup } from './types.js';

/*
 * What `circle inbox` changes in one circle's roster, all under one lock: answers to the calendar
 * invitation recorded on seats, seat offers claimed in time confirmed, and cancellations exactly as
 * `signups cancel` makes them (the freed seat goes to the first person waiting, who is owed their
 * seat mail), noted with why.
 */

export type CancelBecause = 'declined' | 'leave-link';

/** The note a cancellation from the mailbox leaves on the signup. */
export const CANCEL_NOTES: Record<CancelBecause, string> = { declined: 'declined the calendar invitation', 'leave-link': 'left by the link in a mail' };

/** `signedUp`, when given, names the signup the message is about: a later signup of the same person is left alone. */
export type InboxChange =
  | { type: 'record'; email: string; signedUp?: string; partstat: Partstat; at: string }
  | { type: 'cancel'; email: string; signedUp?: string; because: CancelBecause }
  /** `at`: when the claim was written (the message's date), if it says. */
  | { type: 'claim'; email: string; signedUp?: string; at?: string };

export type Unchanged = 'not-on-roster' | 'already-cancelled' | 'signed-up-again' | 'not-seated' | 'later-reply-kept' | 'not-offered' | 'already-confirmed' | 'offer-lapsed';

export type InboxOutcome =
  | { kind: 'recorded'; signup: Signup }
  /** An offered seat claimed in time: `signup` as it is now (confirmed). */
  | { kind: 'claimed'; signup: Signup }
  /** `signup` as it is now (cancelled); `promoted` got the seat it freed. */
  | { kind: 'cancelled'; signup: Signup; was: 'confirmed' | 'offered' | 'waitlisted'; promoted: Signup[] }
  | { kind: 'unchanged'; reason: Unchanged; detail: string };

export interface InboxApplied {
  roster: Roster;
  /** One per change, in order. */
  outcomes: InboxOutcome[];
  /** Promoted by these changes and still owed their seat mail (`circle waitlist notify <id>` sends it). */
  owedSeatMail: Signup[];
}

type Untouched = Extract<InboxOutcome, { kind: 'unchanged' }>;

/** The signup a change acts on, or why it cannot touch the person's signup. */
function signupFor(roster: Roster, change: InboxChange): Signup | Untouched {
  const active = activeSignup(roster, change.email);
  if (!active) {
    const key = emailKey(change.email);
    const reason = roster.signups.some((s) => emailKey(s.email) === key) ? 'already-cancelled' : 'not-on-roster';
    return { kind: 'unchanged', reason, detail: notSeated(roster, change.email) };
  }
  if (change.signedUp !== undefined && change.signedUp !== active.signedUp) {
    return { kind: 'unchanged', reason: 'signed-up-again', detail: `${active.email} is on ${roster.circle} by a signup of ${active.signedUp}, not the one of ${change.signedUp} the message is about` };
  }
  if (change.type === 'record' && active.status !== 'confirmed') return { kind: 'unchanged', reason: 'not-seated', detail: notSeated(roster, change.email) };
  if (change.type === 'claim' && active.status !== 'offered') {
    const who = whoIs(active);
    return active.status === 'confirmed'
      ? { kind: 'unchanged', reason: 'already-confirmed', detail: `${who} has a seat in ${roster.circle} already` }
      : { kind: 'unchanged', reason: 'not-offered', detail: `${who} claimed a seat in ${roster.circle} but is ${active.status}, not offered a seat` };
  }
  return active;
}

/** A claim of the offered `signup`: confirmed when made before the offer lapsed, else unchanged and why. */
function claim(roster: Roster, signup: Signup, at: string | undefined, now: string): { roster: Roster; outcome: InboxOutcome } {
  const decision = claimDecision(signup.offerExpires ?? now, at, now);
  if (!decision.confirm) {
    const who = whoIs(signup);
    const detail = `${who} claimed the seat offered in ${roster.circle} at ${decision.at}, after the offer lapsed at ${decision.expires}: not confirmed`;
    return { roster, outcome: { kind: 'unchanged', reason: 'offer-lapsed', detail } };
  }
  const done = confirmOffer(roster, signup, decision.at, now);
  return { roster: done.roster, outcome: { kind: 'claimed', signup: done.signup } };
}

/** The changes applied in order to one roster, as a pure rule. */
export function applyInbox(roster: Roster, changes: readonly InboxChange[], rules: SeatRules): InboxApplied {
  let current = roster;
  const promoted = new Set<string>();
  const outcomes = changes.map((change): InboxOutcome => {
    const signup = signupFor(current, change);
    if ('kind' in signup) return signup;
    if (change.type === 'cancel') {
      const done = cancel(current, change.email, rules, CANCEL_NOTES[change.because]);
      current = done.roster;
      for (const seated of done.promoted) promoted.add(emailKey(seated.email));
      return { kind: 'cancelled', signup: done.cancelled, was: signup.status as 'confirmed' | 'offered' | 'waitlisted', promoted: done.promoted };
    }
    if (change.type === 'claim') {
      const claimed = claim(current, signup, change.at, rules.now);
      current = claimed.roster;
      return claimed.outcome;
    }
    // signupFor() let through only a seated person: what fails here is a time that is not one.
    const replied = unwrap(recordReply(current, change.email, change.partstat, change.at));
    if (!replied.recorded) {
      return { kind: 'unchanged', reason: 'later-reply-kept', detail: `${signup.email} answered later (${signup.reply} at ${signup.replied}): that answer is kept` };
    }
    current = replied.roster;
    return { kind: 'recorded', signup: replied.signup };
  });
  return { roster: current, outcomes, owedSeatMail: owedSeatEmails(current).filter((s) => promoted.has(emailKey(s.email))) };
}

/** applyInbox on the roster of `circle` in the workspace `dir`, under its lock; a dry run writes nothing. */
export async function applyInboxChanges(dir: string, circle: string, changes: readonly InboxChange[], rules: SeatRules, options: UpdateOptions = {}): Promise<InboxApplied> {
  return updateRoster(dir, circle, (roster) => {
    const applied = applyInbox(roster, changes, rules);
    return { roster: applied.roster, result: applied };
  }, options);
}
