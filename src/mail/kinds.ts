/*
 * The kinds of message, and which command sends which: kept apart from rendering so that the
 * roster commands can name the next mail command without loading the templates.
 */

/** Every message the mail commands send: templates/mail/<kind>/<lang>.{subject,text}.hbs. */
export const MESSAGE_KINDS = [
  'waitlisted',
  'seat',
  'offer',
  'invitation',
  'update',
  'cancelled',
  'seat-cancelled',
  'waitlisted-update',
  'waitlisted-cancelled',
  'confirmed-cancelled',
  'recording',
  'recording-correction',
  'reminder',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * The messages that seat a person, or offer them a seat, with the calendar invitation (REQUEST) and
 * the meeting link: a signup sent one is invited, and is owed the cancellation if the seat goes.
 */
export const SEATED_KINDS: ReadonlySet<MessageKind> = new Set(['seat', 'offer', 'invitation', 'update']);

/** The messages that give the meeting link: to people with a seat, and their reminders. */
export const LINK_KINDS: ReadonlySet<MessageKind> = new Set([...SEATED_KINDS, 'reminder']);

/** The messages that carry a personal calendar invitation (REQUEST or CANCEL). */
export const CALENDAR_KINDS: ReadonlySet<MessageKind> = new Set(['seat', 'offer', 'invitation', 'update', 'cancelled', 'seat-cancelled']);

/**
 * The messages about a signup's place (on the waitlist or in a seat): each carries the person's
 * leave link. Cancellations and the recording do not: there is no place left to give up.
 */
export const LEAVE_KINDS: ReadonlySet<MessageKind> = new Set(['waitlisted', 'waitlisted-update', 'seat', 'offer', 'invitation', 'update', 'reminder']);

/** What waitlisted people are told: their place, then any change of the circle's time or platform. */
export const WAITLIST_KINDS: ReadonlySet<MessageKind> = new Set(['waitlisted', 'waitlisted-update']);

/**
 * The messages each mail command sends: what its "already sent" counts, and (the first command
 * that sends a kind) the command a roster change names as the next step.
 */
export const COMMAND_KINDS = {
  'waitlist notify': ['waitlisted', 'seat', 'offer', 'waitlisted-update', 'waitlisted-cancelled', 'confirmed-cancelled'],
  // A change of the circle reaches the waitlist from either command, once (the journal is shared).
  'invites send': ['seat', 'invitation', 'update', 'cancelled', 'seat-cancelled', 'waitlisted-update', 'waitlisted-cancelled', 'confirmed-cancelled'],
  followup: ['recording', 'recording-correction'],
  remind: ['reminder'],
} as const satisfies Record<string, readonly MessageKind[]>;
export type MailCommand = keyof typeof COMMAND_KINDS;

/** The first command that sends a kind: the one to name when a message of that kind needs sending again. */
export function commandFor(kind: string): MailCommand | undefined {
  return (Object.keys(COMMAND_KINDS) as MailCommand[]).find((command) => (COMMAND_KINDS[command] as readonly string[]).includes(kind));
}
