import { emailKey } from '../model/email.js';
import { whoIs } from '../roster/replies.js';
import { isActive, type Signup } from '../roster/types.js';
import type { About, InboxAction, SignupRef } from './actions.js';
import type { CalendarReply } from './calendar-reply.js';
import type { MessageFacts } from './classify.js';
import { authenticationProblem, list, sender } from './decide-common.js';
import type { InboxCircle, Run } from './decide.js';
import { verifyMailToken, type ClaimToken, type LeaveToken, type Purpose } from './leave-token.js';

/*
 * Calendar replies, leave requests and seat claims: each changes a signup, so each is acted on only
 * when the message is the person's own. A reply must answer one of our invitations (UID), name
 * someone it was sent to (ATTENDEE) and come from that address; a leave request or a claim must
 * carry the token made for the signup. Where the receiving server found the From domain failing,
 * none is trusted. An acceptance of an offered seat, or a claim, confirms it if it came before the
 * offer lapsed: that is checked when the roster is changed, under its lock (roster/replies.ts).
 */

const refOf = (circle: string, signup: Signup): SignupRef => ({ circle, email: signup.email, signedUp: signup.signedUp, ...(signup.name ? { name: signup.name } : {}) });

/** The person's signup in a circle: the latest active one, else the latest at all; and whether it is still active in this run. */
function signupOf(run: Run, circle: string, email: string): { signup: Signup; active: boolean } | undefined {
  const key = emailKey(email);
  let found: Signup | undefined;
  for (const signup of run.rosters.get(circle)?.signups ?? []) {
    if (emailKey(signup.email) !== key) continue;
    if (!found || (isActive(signup) && !isActive(found)) || (isActive(signup) === isActive(found) && signup.signedUp >= found.signedUp)) found = signup;
  }
  return found && { signup: found, active: isActive(found) && !run.cancelled.has(`${circle} ${key}`) };
}

function cancel(about: About, run: Run, circle: string, signup: Signup, because: 'declined' | 'leave-link'): InboxAction {
  run.cancelled.add(`${circle} ${emailKey(signup.email)}`);
  return { ...about, type: 'cancel', signup: refOf(circle, signup), because };
}

function answer(about: About, reply: CalendarReply, circle: InboxCircle, run: Run): InboxAction {
  const found = signupOf(run, circle.id, reply.attendee);
  if (!found) return list(about, 'no-signup', `${reply.attendee} answered ${reply.partstat} but has no signup in ${circle.id}`, circle.id);
  const { signup, active } = found;
  if (reply.partstat === 'DECLINED') {
    // Any SEQUENCE: a person who said no to an earlier version has not said yes to this one.
    if (circle.cancelled || !active) return { ...about, type: 'ignore', reason: 'already-cancelled' };
    return cancel(about, run, circle.id, signup, 'declined');
  }
  const who = whoIs(signup);
  if (circle.cancelled) return list(about, 'cancelled-circle', `${who} answered ${reply.partstat} for ${circle.id}, which is cancelled`, circle.id);
  if (!active) return list(about, 'cancelled-seat', `${who} answered ${reply.partstat} for ${circle.id}, but their signup is cancelled`, circle.id);
  if (signup.status === 'offered' && reply.partstat !== 'ACCEPTED') {
    return list(about, 'other-answer', `${who} answered ${reply.partstat} to the seat offered in ${circle.id}: only an acceptance claims it`, circle.id);
  }
  if (signup.status !== 'confirmed' && signup.status !== 'offered') return list(about, 'not-seated', `${who} answered ${reply.partstat} for ${circle.id} but is ${signup.status}`, circle.id);
  if (reply.sequence !== circle.sequence) {
    return list(about, 'other-sequence', `${who} answered ${reply.partstat} to version ${reply.sequence} of the invitation for ${circle.id}; the current one is ${circle.sequence}`, circle.id);
  }
  if (signup.status === 'offered') return { ...about, type: 'claim', signup: refOf(circle.id, signup), by: 'calendar' };
  return { ...about, type: 'record', signup: refOf(circle.id, signup), partstat: reply.partstat as 'ACCEPTED' | 'TENTATIVE' };
}

export function replyAction(about: About, message: MessageFacts, reply: CalendarReply, run: Run): InboxAction {
  const circle = run.circleByUid.get(reply.uid);
  if (!circle) return list(about, 'unknown-uid', `a calendar reply for an event circle did not send (UID ${reply.uid})`);
  const unsafe = authenticationProblem(about, message, circle.id);
  if (unsafe) return unsafe;
  const attendee = emailKey(reply.attendee);
  if (!run.invited.get(circle.id)?.has(attendee)) return list(about, 'not-invited', `a reply for ${reply.attendee}, to whom the invitation for ${circle.id} was not sent`, circle.id);
  if (!about.from || emailKey(about.from.address) !== attendee) {
    return list(about, 'from-mismatch', `a reply for ${reply.attendee} sent by ${sender(about)}: only the person can answer for themselves`, circle.id);
  }
  if (!['ACCEPTED', 'TENTATIVE', 'DECLINED'].includes(reply.partstat)) {
    return list(about, 'other-answer', `${reply.attendee} answered ${reply.partstat} for ${circle.id}`, circle.id);
  }
  return answer(about, reply, circle, run);
}

/** A leave request cancels the signup its token was made for, whoever sent it: the token is the proof. */
/** The circle a token names and the signup it was made for, or why the message is left for a person. */
function tokenOwner(about: About, message: MessageFacts, token: LeaveToken, run: Run, purpose: Purpose): { circle: InboxCircle; owner: Signup } | InboxAction {
  const what = purpose === 'leave' ? 'a leave request' : 'a seat claim';
  const circle = run.circleById.get(token.circle);
  if (!circle) return list(about, 'unknown-circle', `${what} for ${token.circle}, which is not a circle of this workspace`);
  const unsafe = authenticationProblem(about, message, circle.id);
  if (unsafe) return unsafe;
  const secret = run.secret;
  if (!secret) return list(about, 'no-secret', `${what}, which cannot be checked without CIRCLE_SECRET`, circle.id);
  const owner = run.rosters.get(circle.id)?.signups.find((signup) => verifyMailToken(secret, purpose, token, circle.id, signup.email));
  if (!owner) return list(about, 'invalid-token', `${what} for ${circle.id} whose token fits no signup`, circle.id);
  return { circle, owner };
}

export function leaveAction(about: About, message: MessageFacts, token: LeaveToken, run: Run): InboxAction {
  const known = tokenOwner(about, message, token, run, 'leave');
  if ('type' in known) return known;
  const { circle, owner } = known;
  const found = signupOf(run, circle.id, owner.email);
  if (!found?.active || circle.cancelled) return { ...about, type: 'ignore', reason: 'already-cancelled' };
  return cancel(about, run, circle.id, found.signup, 'leave-link');
}

/**
 * A claim confirms the seat offered to the signup its token was made for, whoever sent it: the token
 * is the proof. A claim from someone with no open offer changes nothing and is left for a person.
 */
export function claimAction(about: About, message: MessageFacts, token: ClaimToken, run: Run): InboxAction {
  const known = tokenOwner(about, message, token, run, 'claim');
  if ('type' in known) return known;
  const { circle, owner } = known;
  const found = signupOf(run, circle.id, owner.email);
  const signup = found?.signup ?? owner;
  const who = whoIs(signup);
  if (circle.cancelled) return list(about, 'cancelled-circle', `${who} claimed a seat in ${circle.id}, which is cancelled`, circle.id);
  if (!found?.active) return list(about, 'not-offered', `${who} claimed a seat in ${circle.id} by the link in a mail, but their signup is cancelled`, circle.id);
  if (signup.status === 'confirmed') return { ...about, type: 'ignore', reason: 'already-confirmed' };
  if (signup.status !== 'offered') return list(about, 'not-offered', `${who} claimed a seat in ${circle.id} by the link in a mail, but is ${signup.status}, not offered a seat`, circle.id);
  return { ...about, type: 'claim', signup: refOf(circle.id, signup), by: 'claim-link' };
}
