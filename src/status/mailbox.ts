import { Refused } from '../failure.js';
import { readHandled } from '../inbox/handled-file.js';
import { imapSettings } from '../inbox/imap-settings.js';
import { rawMessageId } from '../inbox/read.js';

/*
 * Replies waiting in the organiser's mailbox (CIRCLE_IMAP_URL): the messages `circle inbox` has not
 * handled yet, counted as it would read them, without marking, moving or recording anything.
 */

export interface MailboxStatus {
  /** The mailbox, with no password in it; null when CIRCLE_IMAP_URL cannot be read. */
  source: string | null;
  /** Messages not yet handled; null when the mailbox cannot be read. */
  waiting: number | null;
  /** Why the mailbox cannot be read: `circle inbox` and `circle run` would fail the same way. */
  problem: { message: string; hint: string } | null;
}

const problem = (source: string | null, message: string, hint: string): MailboxStatus => ({ source, waiting: null, problem: { message, hint } });

/** Null without CIRCLE_IMAP_URL: no mailbox, nothing to say. */
export async function mailboxStatus(dir: string, env: Readonly<Record<string, string | undefined>>): Promise<MailboxStatus | null> {
  if (!env.CIRCLE_IMAP_URL?.trim()) return null;
  const settings = imapSettings(env);
  if (!settings.ok) return problem(null, settings.failure.message, settings.failure.hint ?? '');
  // imapflow loads only when a mailbox is configured.
  const { openImapSource } = await import('../inbox/imap.js');
  try {
    const source = await openImapSource({ settings: settings.value, dir });
    try {
      // Those whose Message-ID a run handled (and did not get to mark) are not waiting.
      const handled = await readHandled(dir);
      let waiting = 0;
      for await (const message of source.messages()) {
        const id = rawMessageId(message.raw);
        if (id === undefined || !handled.has(id)) waiting++;
      }
      return { source: source.label, waiting, problem: null };
    } finally {
      await source.close();
    }
  } catch (cause) {
    if (cause instanceof Refused) return problem(settings.value.label, cause.failure.message, cause.failure.hint ?? '');
    throw cause;
  }
}
