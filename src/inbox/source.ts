/*
 * Where `circle inbox` reads mail from: an IMAP mailbox (imap.ts) or files (an mbox, a Maildir, a
 * folder of .eml). A source hands out raw messages; what they mean is decided elsewhere, from the
 * parsed message alone.
 */

export interface RawMessage {
  /** Stable within its source: `<uidvalidity>:<uid>` on IMAP, the file (and offset in an mbox) otherwise. */
  key: string;
  raw: Buffer;
}

export interface MailboxSource {
  /** A name for messages and errors, with no password in it (`imap.example.org/INBOX`, `~/Mail/circles.mbox`). */
  readonly label: string;
  /** The messages not yet handled, oldest first. */
  messages(): AsyncIterable<RawMessage>;
  /**
   * Marks messages as handled (on IMAP a `$CircleDone` keyword, and with `moveTo` a move of those in
   * `move`, all of them when not given); files are never changed.
   */
  handled(keys: readonly string[], move?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
