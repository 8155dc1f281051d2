import type { Sender } from './classify.js';

/*
 * What `circle inbox` will do with each message: the result of decide(), applied by the command
 * (rosters, journal) or shown as is under --dry-run and --json. Every message gets at least one
 * action, so the command can mark each one handled.
 */

/** The message an action comes from, as a person finds it in their mail client. */
export interface About {
  /** The RawMessage key it was read under. */
  source: string;
  messageId?: string;
  date?: string;
  from?: Sender;
  subject: string;
}

/** One signup of a roster, as the roster commands find it: by circle, address and sign-up time. */
export interface SignupRef {
  circle: string;
  email: string;
  signedUp: string;
  name?: string;
}

/** Why a message is left for a person to read. */
export type ListReason =
  | 'question'
  | 'unreadable'
  | 'authentication'
  | 'unknown-uid'
  | 'not-invited'
  | 'from-mismatch'
  | 'no-signup'
  | 'cancelled-circle'
  | 'cancelled-seat'
  | 'not-seated'
  /** A claim of a seat offer made after its deadline. */
  | 'late-claim'
  /** A claim from someone whose signup is not offered a seat (waiting, or cancelled). */
  | 'not-offered'
  | 'other-sequence'
  | 'other-answer'
  | 'unknown-circle'
  | 'no-secret'
  | 'invalid-token'
  | 'unknown-recipient';

/** Why a message changes nothing and needs nobody. */
export type IgnoreReason = 'already-handled' | 'delivery-delayed' | 'already-cancelled' | 'already-confirmed';

export type InboxAction = About &
  (
    | { type: 'record'; signup: SignupRef; partstat: 'ACCEPTED' | 'TENTATIVE' }
    /** Confirms a seat offered to the person, if claimed before the offer lapses (checked under the roster lock). */
    | { type: 'claim'; signup: SignupRef; by: 'calendar' | 'claim-link' }
    /** Cancels as `signups cancel` does (promotion included) and confirms it to the person by mail. */
    | { type: 'cancel'; signup: SignupRef; because: 'declined' | 'leave-link' }
    /** The journal entry (in `circle`'s journal) of the message that bounced, found by Message-ID or else by the address. */
    | { type: 'bounce'; recipient: string; circle: string; journalKey: string; status?: string; diagnostic?: string }
    | { type: 'auto-reply' }
    | { type: 'ignore'; reason: IgnoreReason }
    /** For a person: `detail` says in words what is wrong; `circle` is the circle it is or seems about. */
    | { type: 'list'; reason: ListReason; detail: string; circle?: string }
  );
