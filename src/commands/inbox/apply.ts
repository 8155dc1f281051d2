import type { Context } from '../../context.js';
import type { InboxAction } from '../../inbox/actions.js';
import { recordBounce } from '../../mail/bounces.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { applyInbox, applyInboxChanges, type InboxChange, type InboxOutcome } from '../../roster/inbox-changes.js';
import { nowInstant, type SeatRules } from '../../roster/seats.js';
import type { Roster } from '../../roster/types.js';
import { lockEvents } from '../mail-send.js';
import { seatRules } from '../signups/circles.js';
import { rosterLocking } from '../signups/lock-events.js';

/*
 * The changes `circle inbox` makes: an answer recorded on a seat, an offered seat claimed in time
 * confirmed (the claim's time checked against the offer's deadline here, under the lock), a signup cancelled exactly as
 * `signups cancel` does (under the roster lock, the freed seat going to the waitlist), and a message
 * marked bounced in its circle's mail journal (under the circle's mail lock). A dry run makes the
 * roster changes on the rosters read at the start, in memory, so later messages of the run see
 * earlier ones, and writes nothing.
 */

type Cancel = Extract<InboxAction, { type: 'cancel' }>;
type Record = Extract<InboxAction, { type: 'record' }>;
type Claim = Extract<InboxAction, { type: 'claim' }>;
type Bounce = Extract<InboxAction, { type: 'bounce' }>;

export interface Applier {
  /** What the roster change did: recorded, claimed, cancelled (with who was promoted), or unchanged and why. */
  roster(action: Cancel | Record | Claim): Promise<InboxOutcome>;
  /** False when the journal has no such message, or already holds it as bounced. */
  bounce(action: Bounce): Promise<boolean>;
}

function changeOf(action: Cancel | Record | Claim, at: string): InboxChange {
  const { email, signedUp } = action.signup;
  if (action.type === 'claim') return { type: 'claim', email, signedUp, ...(action.date ? { at: action.date } : {}) };
  return action.type === 'cancel' ? { type: 'cancel', email, signedUp, because: action.because } : { type: 'record', email, signedUp, partstat: action.partstat, at };
}

export function applier(context: Context, circles: readonly ResolvedCircle[], rosters: Map<string, Roster>, dryRun: boolean): Applier {
  const rulesOf = (id: string): SeatRules => {
    const circle = circles.find((resolved) => resolved.circle.id === id);
    return circle ? seatRules(circle, context.now()) : { capacity: 0, now: nowInstant(context.now()) };
  };
  return {
    async roster(action) {
      const id = action.signup.circle;
      // An answer counts from when it was written; a message with no date, from when it is read.
      const change = changeOf(action, action.date ?? nowInstant(context.now()));
      if (!dryRun) return (await applyInboxChanges(context.dir, id, [change], rulesOf(id), rosterLocking(context))).outcomes[0]!;
      const applied = applyInbox(rosters.get(id)!, [change], rulesOf(id));
      rosters.set(id, applied.roster);
      return applied.outcomes[0]!;
    },
    async bounce(action) {
      if (dryRun) return true;
      const report = { key: action.journalKey, status: action.status, diagnostic: action.diagnostic, at: context.now() };
      return (await recordBounce(context.dir, action.circle, report, lockEvents(context.events))) !== undefined;
    },
  };
}
