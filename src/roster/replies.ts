import { failure, success, type Result } from '../failure.js';
import { emailKey } from '../model/email.js';
import { activeSignup } from './seats.js';
import { instant, type Reply, type Roster, type Signup } from './types.js';

/*
 * A seated person's answer to the calendar invitation (iTIP REPLY), kept on their signup: the last
 * one they gave, by the time they gave it, so mail read out of order cannot put an old answer back.
 * A decline is not recorded here: it cancels the seat (seats.ts's cancel). Accepting a seat offered
 * to the person (timed seat offers), or claiming it by the link in the offer mail, confirms it.
 */

export type Partstat = 'ACCEPTED' | 'TENTATIVE';

const REPLY_OF: Record<Partstat, Reply> = { ACCEPTED: 'accepted', TENTATIVE: 'tentative' };

/** The answer in words, as `signups list` shows it. */
export const REPLY_WORDS: Record<Reply, string> = { accepted: 'accepted the invitation', tentative: 'tentatively accepted the invitation' };

export interface Replied {
  roster: Roster;
  /** The signup as it is now. */
  signup: Signup;
  /** False when the signup already holds an answer given at that time or later: the roster is unchanged. */
  recorded: boolean;
}

/** The person in full, as a message the organiser must act on names them: "Ana Pérez <ana@example.org>". */
export const whoIs = (signup: Pick<Signup, 'name' | 'email'>) => `${signup.name ? `${signup.name} ` : ''}<${signup.email}>`;

/** Why a person has no seat to answer for, in words: not on the roster, cancelled, or waiting. */
export function notSeated(roster: Roster, email: string): string {
  const active = activeSignup(roster, email);
  if (active) return `${active.email} is on the waitlist of ${roster.circle}, not seated: only a seated person's answer to the invitation is kept`;
  const key = emailKey(email);
  return roster.signups.some((s) => emailKey(s.email) === key) ? `${email} has already cancelled their signup for ${roster.circle}` : `${email} is not on the roster of ${roster.circle}`;
}

/** Records the answer `partstat` given at `at` (an ISO time) on the person's seat; refused for anyone not seated. */
export function recordReply(roster: Roster, email: string, partstat: Partstat, at: string): Result<Replied> {
  const when = Date.parse(at);
  if (Number.isNaN(when)) return failure('usage', `"${at}" is not a time`, 'give when the answer was given as an ISO instant, e.g. 2019-11-02T10:00:00.000Z');
  const signup = activeSignup(roster, email);
  if (signup?.status !== 'confirmed') return failure('input', notSeated(roster, email), `see who is: circle signups list ${roster.circle}`);
  const replied = instant(when);
  if (signup.replied !== undefined && signup.replied >= replied) return success({ roster, signup, recorded: false });
  const answered: Signup = { ...signup, reply: REPLY_OF[partstat], replied };
  return success({ roster: { ...roster, signups: roster.signups.map((s) => (s === signup ? answered : s)) }, signup: answered, recorded: true });
}

/** What a claim of an offered seat comes to: confirmed, or too late (at or after the offer's deadline). */
export type ClaimDecision = { confirm: true; at: string } | { confirm: false; at: string; expires: string };

/**
 * A claim counts from when it was written (the message's date), never later than `now` when it is
 * read, and never from a date in the future: so a claim sent in time and read after the deadline
 * still confirms, and one read after the deadline with a later date does not.
 */
export function claimDecision(offerExpires: string, written: string | undefined, now: string): ClaimDecision {
  const when = written === undefined ? Number.NaN : Date.parse(written);
  const at = Number.isNaN(when) || instant(when) > now ? now : instant(when);
  return at < offerExpires ? { confirm: true, at } : { confirm: false, at, expires: offerExpires };
}

/**
 * The offered `signup` confirmed by a claim made at `at`: status confirmed since `now`, the offer's
 * deadline dropped, the acceptance recorded, and no mail owed (the offer carried the invitation).
 */
export function confirmOffer(roster: Roster, signup: Signup, at: string, now: string): { roster: Roster; signup: Signup } {
  const { offerExpires: _expires, seatEmailOwed: _owed, ...rest } = signup;
  const confirmed: Signup = { ...rest, status: 'confirmed', statusChanged: now, reply: 'accepted', replied: at };
  return { roster: { ...roster, signups: roster.signups.map((s) => (s === signup ? confirmed : s)) }, signup: confirmed };
}
