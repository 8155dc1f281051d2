/*
 * The kinds of message, and which command sends which: kept apart from rendering so that the
 * roster commands can name the next mail command without loading the templates.
 */

/** Every message the mail commands send: templates/mail/<kind>/<lang>.{subject,text}.hbs. */
export const MESSAGE_KINDS = ['waitlisted', 'seat', 'invitation', 'update', 'cancelled', 'seat-cancelled', 'recording'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The messages that give the meeting link, with the calendar invitation: those to people with a seat. */
export const SEATED_KINDS: ReadonlySet<MessageKind> = new Set(['seat', 'invitation', 'update']);

/**
 * The messages each mail command sends: what its "already sent" counts, and (the first command
 * that sends a kind) the command a roster change names as the next step.
 */
export const COMMAND_KINDS = {
  'waitlist notify': ['waitlisted', 'seat'],
  'invites send': ['seat', 'invitation', 'update', 'cancelled', 'seat-cancelled'],
  followup: ['recording'],
} as const satisfies Record<string, readonly MessageKind[]>;
export type MailCommand = keyof typeof COMMAND_KINDS;
