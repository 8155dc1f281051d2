import { leaveLink, mailLink, type LeaveLink } from '../inbox/leave-token.js';
import type { ResolvedCircle } from '../model/circle.js';
import type { Problem } from '../validate/problem.js';
import { LEAVE_KINDS, type MessageKind } from './kinds.js';
import type { Mailing } from './mailing.js';

/* The personal leave and claim links of the messages about a place, and what is said when CIRCLE_SECRET is missing. */

/**
 * The person's leave link, for the messages about their place. A --test-to sample carries one for
 * the address it goes to, so that following it cannot take anyone off the roster.
 */
export function leaveOf(kind: MessageKind, context: { secret?: string | undefined; sender: { email: string }; resolved: ResolvedCircle; to: string }): LeaveLink | undefined {
  if (!context.secret || !LEAVE_KINDS.has(kind)) return undefined;
  const link = leaveLink(context.secret, context.sender.email, context.resolved.circle.id, context.to);
  return link.ok ? link.value : undefined;
}

/** The person's claim link, in a seat offer: a mail whose subject claims the seat (read by `circle inbox`). */
export function claimOf(kind: MessageKind, context: { secret?: string | undefined; sender: { email: string }; resolved: ResolvedCircle; to: string }): LeaveLink | undefined {
  if (!context.secret || kind !== 'offer') return undefined;
  const link = mailLink(context.secret, 'claim', context.sender.email, context.resolved.circle.id, context.to);
  return link.ok ? link.value : undefined;
}

const NO_SECRET = 'CIRCLE_SECRET is not set, so messages about a place go without a personal leave link, and seat offers without a claim link';
const SET_SECRET = 'set it once to a long random value and keep it the same for every run, e.g. `export CIRCLE_SECRET=$(openssl rand -hex 32)` in an environment file only you can read (chmod 600)';

/**
 * Said once by a run that builds messages about a place without CIRCLE_SECRET: they go without
 * leave links, and the run goes on. Undefined when the secret is set or no such message is planned.
 */
export function missingSecretWarning(mailing: Mailing, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.CIRCLE_SECRET || !mailing.circles.some((c) => c.plan.send.some((m) => LEAVE_KINDS.has(m.kind)))) return undefined;
  return `${NO_SECRET}; to add them, ${SET_SECRET}`;
}

/** `circle validate`, where mail is set up to go (CIRCLE_SMTP_URL) without CIRCLE_SECRET: a warning. */
export function missingSecretProblems(env: Readonly<Record<string, string | undefined>>): Problem[] {
  if (!env.CIRCLE_SMTP_URL || env.CIRCLE_SECRET) return [];
  return [{ file: 'CIRCLE_SECRET', line: 0, col: 0, severity: 'warning', message: NO_SECRET, hint: SET_SECRET }];
}
