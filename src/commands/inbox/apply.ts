import type { Context } from '../../context.js';
import type { InboxAction } from '../../inbox/actions.js';
import { JournalError, JournalWriter, readJournal, type JournalRecord } from '../../mail/journal.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { acquireLock } from '../../roster/lock.js';
import { activeSignup, cancel, nowInstant, type SeatRules } from '../../roster/seats.js';
import { updateRoster } from '../../roster/store.js';
import type { Roster, Signup, Status } from '../../roster/types.js';
import { fileError } from '../../workspace/file-errors.js';
import { journalFile, mailLockFile } from '../../workspace/paths.js';
import { rosterLocking } from '../signups/lock-events.js';

/*
 * The two changes `circle inbox` makes: a signup cancelled on a roster (as `signups cancel` does,
 * under the roster lock, the freed seat going to the waitlist) and a message marked bounced in its
 * circle's mail journal (under the circle's mail lock). A dry run makes them on the rosters read at
 * the start, in memory, so later messages of the run see earlier changes, and writes nothing.
 */

type Cancel = Extract<InboxAction, { type: 'cancel' }>;
type Bounce = Extract<InboxAction, { type: 'bounce' }>;

export interface Cancelled {
  cancelled: Signup;
  /** What the signup was: a seat or a waitlist place. */
  was: Status;
  promoted: Signup[];
  capacity: number;
}

export interface Applier {
  /** Undefined when the signup was no longer active (another command cancelled it meanwhile). */
  cancel(action: Cancel): Promise<Cancelled | undefined>;
  /** False when the journal has no such message, or already holds it as bounced. */
  bounce(action: Bounce): Promise<boolean>;
}

const NOTE: Record<Cancel['because'], string> = { declined: 'declined the calendar invitation', 'leave-link': 'left by the link in a mail' };

/** A journal record of a bounce: the mail commands skip its address (the state is theirs to know). */
type BouncedRecord = Omit<JournalRecord, 'state'> & { state: 'bounced' };

async function markBounced(context: Context, action: Bounce): Promise<boolean> {
  const { dir, events } = context;
  const lock = await acquireLock(mailLockFile(dir, action.circle), {
    waiting: (owner) => events.note(`waiting for another circle command (pid ${owner.pid} on ${owner.host}) to finish with the mail journal of ${action.circle}…`),
  });
  const path = journalFile(dir, action.circle);
  try {
    const sent = (await readJournal(path)).state.get(action.journalKey);
    if (!sent || (sent.state as string) === 'bounced') return false;
    const record: BouncedRecord = {
      key: sent.key,
      kind: sent.kind,
      to: sent.to,
      at: context.now().toISOString(),
      state: 'bounced',
      response: action.diagnostic ?? `${action.status ?? 'failed'}: delivery report ${action.messageId ?? action.subject}`,
    };
    const writer = await JournalWriter.open(path);
    try {
      await writer.write(record as unknown as JournalRecord);
    } catch (error) {
      throw error instanceof JournalError ? fileError(error.reason, path, 'write') : error;
    } finally {
      await writer.close();
    }
    return true;
  } finally {
    await lock.release();
  }
}

export function applier(context: Context, circles: readonly ResolvedCircle[], rosters: Map<string, Roster>, dryRun: boolean): Applier {
  const rulesOf = (id: string): SeatRules => ({ capacity: circles.find((resolved) => resolved.circle.id === id)?.circle.capacity ?? 0, now: nowInstant(context.now()) });
  const change = (roster: Roster, action: Cancel) => {
    const rules = rulesOf(action.signup.circle);
    const active = activeSignup(roster, action.signup.email);
    if (!active) return { roster, result: undefined };
    const done = cancel(roster, action.signup.email, rules, NOTE[action.because]);
    return { roster: done.roster, result: { cancelled: done.cancelled, was: active.status, promoted: done.promoted, capacity: rules.capacity } };
  };
  return {
    async cancel(action) {
      const id = action.signup.circle;
      if (!dryRun) return updateRoster(context.dir, id, (roster) => change(roster, action), rosterLocking(context));
      const { roster, result } = change(rosters.get(id)!, action);
      rosters.set(id, roster);
      return result;
    },
    bounce: async (action) => dryRun || markBounced(context, action),
  };
}
