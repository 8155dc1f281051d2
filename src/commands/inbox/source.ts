import { resolve } from 'node:path';
import type { Context } from '../../context.js';
import { unwrap } from '../../failure.js';
import { usageError } from '../../errors.js';
import { fileSource } from '../../inbox/files.js';
import { imapSettings } from '../../inbox/imap-settings.js';
import type { MailboxSource } from '../../inbox/source.js';

/** The mailbox of a run: the files of --from, else the IMAP mailbox of CIRCLE_IMAP_URL (whose absence names both). */
export async function openSource(o: { from?: string; moveTo?: string }, { cwd, dir, env }: Pick<Context, 'cwd' | 'dir' | 'env'>): Promise<MailboxSource> {
  if (o.from !== undefined) {
    if (o.moveTo !== undefined) throw usageError('--move-to goes with an IMAP mailbox, not with --from', 'files are only read, never changed: leave --move-to out, or read the mailbox over IMAP (CIRCLE_IMAP_URL)');
    return fileSource(resolve(cwd, o.from), o.from);
  }
  const settings = unwrap(imapSettings(env));
  // imapflow loads only for IMAP: reading files does without it.
  const { openImapSource } = await import('../../inbox/imap.js');
  return openImapSource({ settings, dir, ...(o.moveTo !== undefined ? { moveTo: o.moveTo } : {}) });
}
