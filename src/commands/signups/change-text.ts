import type { Context, Outcome, Shown, Style } from '../../context.js';
import type { UpdateOptions } from '../../roster/store.js';
import { statusCounts, type Roster, type Signup } from '../../roster/types.js';
import { rosterLocking } from './lock-events.js';
import { stepLines, type NextStep } from './next-steps.js';

/*
 * What the one-person changes (a walk-in, a cancellation, a move, an erasure, a correction,
 * promotion) have in common: they run under the roster lock, and say what happened, who got a
 * freed seat, any remark, then the mail command that tells those it concerns.
 */

export interface ChangeOptions {
  id: string;
  dryRun?: boolean;
}

/** What every change returns besides its own facts: whether it was a dry run, and the mail now owed (none on a dry run). */
export interface Changed extends Outcome {
  dryRun: boolean;
  next: NextStep[];
}

export const who = (s: Pick<Signup, 'name' | 'email'>): string => (s.name ? `${s.name} <${s.email}>` : s.email);

/** The update options of a change: a dry run writes nothing; lock waits are shown as they happen. */
export const updating = (o: ChangeOptions, context: Context): UpdateOptions => ({ ...(o.dryRun ? { dryRun: true } : {}), ...rosterLocking(context) });

export function promotedLines(promoted: readonly Signup[], id: string): string[] {
  return promoted.map((s) =>
    s.status === 'offered'
      ? `${who(s)} is offered a seat in ${id} until ${s.offerExpires?.slice(0, 16).replace('T', ' ')} UTC and is owed the offer email`
      : `${who(s)} moves up from the waitlist to a seat in ${id} and is owed a "you have a seat" email`,
  );
}

/** Named in full: the organiser may want to tell them, or give the seat back by hand. */
export function lapsedLines(lapsed: readonly Signup[], id: string): string[] {
  return lapsed.map((s) => `${who(s)} did not claim the seat offered in ${id} in time: the offer lapsed`);
}

/** The seats of a circle after a change; offers are counted only when there are any. */
export function seatsLine(roster: Roster, capacity: number): string {
  const { confirmed, offered, waitlisted } = statusCounts(roster.signups);
  return `${roster.circle} now has ${confirmed}/${capacity} seated, ${offered ? `${offered} offered, ` : ''}${waitlisted} waitlisted`;
}

/** What happened on stdout; on stderr any earlier note, the dry run, any remark, then the next steps. */
export function presentChange(result: Changed, lines: readonly string[], { colour }: Style, remark?: string, before = ''): Shown {
  const dry = result.dryRun ? 'dry run: no roster written\n' : '';
  return { out: `${lines.join('\n')}\n`, err: `${before}${dry}${remark ? `${remark}\n` : ''}${stepLines(result.next, colour.err.bold)}` };
}
