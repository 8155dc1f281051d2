import type { Signup } from '../roster/types.js';
import type { JournalState } from './journal.js';
import { COMMAND_KINDS, type MailCommand, type MessageKind } from './kinds.js';
import { invitedCount } from './messages.js';
import { shellQuote } from '../ui/shell.js';

/*
 * After a roster change, which mail command is the organiser's next step: pure rules from what the
 * change did and what the circle's journal says was sent, so each change names each command once.
 */

/** What a change did to one circle's roster. */
export interface ChangeFacts {
  circle: string;
  /** The circle itself is cancelled: its cancellation is owed to everyone invited, whatever the change. */
  cancelled?: boolean;
  /** Added with a seat (not promoted): not yet invited. */
  seated?: number;
  /** Added to the waitlist: not yet told their place. */
  waitlisted?: number;
  /** Promoted from the waitlist: owed a "you have a seat" email. */
  promoted?: number;
  /** Offered a seat from the waitlist (offer_hours): owed the offer email. */
  offered?: number;
  /** Cancelled, moved away or erased: those the journal shows invited are owed the calendar cancellation. */
  left?: ReadonlyArray<Pick<Signup, 'email' | 'signedUp'>>;
}

/** The messages a roster change can leave owed. */
const OWED_KINDS = ['waitlisted', 'seat', 'offer', 'invitation', 'seat-cancelled'] as const satisfies readonly MessageKind[];
type OwedKind = (typeof OWED_KINDS)[number];

/** How many messages of each kind a change left owed in one circle. */
export interface Owed {
  circle: string;
  messages: Partial<Record<OwedKind, number>>;
}

/** Those a change took off the waitlist, as ChangeFacts counts them: seated outright, or offered a seat. */
export function promotions(signups: readonly Pick<Signup, 'status'>[]): Pick<ChangeFacts, 'promoted' | 'offered'> {
  const offered = signups.filter((s) => s.status === 'offered').length;
  return { promoted: signups.length - offered, offered };
}

export function owedAfter(change: ChangeFacts, journal: JournalState): Owed {
  if (change.cancelled) return { circle: change.circle, messages: {} };
  return {
    circle: change.circle,
    messages: {
      waitlisted: change.waitlisted ?? 0,
      seat: change.promoted ?? 0,
      offer: change.offered ?? 0,
      invitation: change.seated ?? 0,
      'seat-cancelled': invitedCount(journal, change.left ?? []),
    },
  };
}

const WHY: Record<OwedKind, (n: number) => string> = {
  waitlisted: (n) => `${n} waitlisted, not yet told their place`,
  seat: (n) => `${n} owed a "you have a seat" email`,
  offer: (n) => `${n} offered a seat, owed the offer email`,
  invitation: (n) => `${n} seated, not yet invited`,
  'seat-cancelled': (n) => `${n} invited before leaving, owed the calendar cancellation`,
};

// The mail commands in the order to run them: seat emails before invitations, which count them.
const COMMANDS = Object.keys(COMMAND_KINDS) as MailCommand[];
/** The command that owes a kind: the first that sends it (a seat email: `waitlist notify`). */
const commandFor = (kind: OwedKind) => COMMANDS.find((command) => (COMMAND_KINDS[command] as readonly MessageKind[]).includes(kind));

interface NextStep {
  /** The command line to run, with -C when the workspace is not the current folder. */
  command: string;
  why: string;
}

/**
 * Each command whose messages are owed, once for the whole change, naming every circle it is owed
 * in (the mail commands take several ids), in the order to run them; `workspace` as given to -C.
 */
export function nextSteps(owed: readonly Owed[], workspace = '.'): NextStep[] {
  const prefix = workspace === '.' ? 'circle' : `circle -C ${shellQuote(workspace)}`;
  const due = new Map<MailCommand, { circles: Set<string>; counts: Map<OwedKind, number> }>();
  for (const { circle, messages } of owed) {
    for (const kind of OWED_KINDS) {
      const n = messages[kind] ?? 0;
      const command = commandFor(kind);
      if (n === 0 || !command) continue;
      let step = due.get(command);
      if (!step) due.set(command, (step = { circles: new Set(), counts: new Map() }));
      step.circles.add(circle);
      step.counts.set(kind, (step.counts.get(kind) ?? 0) + n);
    }
  }
  return COMMANDS.flatMap((command) => {
    const step = due.get(command);
    if (!step) return [];
    const why = OWED_KINDS.filter((kind) => step.counts.has(kind)).map((kind) => WHY[kind](step.counts.get(kind) ?? 0));
    return [{ command: `${prefix} ${command} ${[...step.circles].join(' ')}`, why: why.join('; ') }];
  });
}
