import { ImapFlow, type MailboxObject } from 'imapflow';
import { refused } from '../failure.js';
import { imapFailure } from './imap-errors.js';
import type { ImapSettings } from './imap-settings.js';
import { readMark, writeMark } from './imap-state.js';
import type { MailboxSource, RawMessage } from './source.js';

/** The keyword on a message `circle inbox` has acted on; a message carrying it is not read again. */
export const DONE = '$CircleDone';
/** Messages fetched per command: bounded memory, and no command in flight while the reader holds a message. */
const BATCH = 100;

export interface ImapSourceOptions {
  settings: ImapSettings;
  /** The workspace, where how far the mailbox was read is kept. */
  dir: string;
  /** A folder to move handled messages to (`--move-to`), besides the keyword. */
  moveTo?: string;
}

/**
 * Logs in and opens the mailbox; a mailbox that cannot be reached, a refused login or a missing
 * folder is a Refused naming the mailbox (never the secret), and nothing is changed.
 *
 * Reading is incremental: `handled(keys)` marks those messages and also records that every message
 * handed out before the call was read, so the next run starts after them. The reader calls it once
 * it has acted on what it read (with no keys when nothing needed acting on); a run that stops
 * before, or a --dry-run that never calls it, leaves the mailbox and the mark as they were.
 */
export async function openImapSource({ settings, dir, moveTo }: ImapSourceOptions): Promise<MailboxSource> {
  if (moveTo === settings.mailbox) {
    throw refused('usage', `--move-to names the mailbox being read (${moveTo})`, `give another folder, or leave --move-to out: handled messages get the keyword ${DONE}`);
  }
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    doSTARTTLS: settings.secure ? undefined : settings.startTls,
    auth: { user: settings.user, ...settings.secret },
    tls: { rejectUnauthorized: !settings.insecureTls },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
  });
  // Errors reach the command in flight; without a listener a dropped socket would end the process.
  client.on('error', () => undefined);
  let mailbox: MailboxObject | undefined;
  try {
    await client.connect();
    mailbox = await client.mailboxOpen(settings.mailbox);
    if (moveTo !== undefined) await client.status(moveTo, { messages: true });
  } catch (cause) {
    client.close();
    // Only once the mailbox is open can a missing folder be the --move-to one.
    throw imapFailure(cause, settings, mailbox ? moveTo : undefined);
  }
  const keywords = mailbox.permanentFlags?.has('\\*') || mailbox.permanentFlags?.has(DONE);
  if (!keywords && moveTo === undefined) {
    await client.logout().catch(() => undefined);
    throw refused('input', `${settings.label} does not keep keywords, so circle cannot mark the messages it handled there`, 'give --move-to <folder> to move them to another folder instead');
  }
  return imapSource(client, { settings, dir, moveTo }, mailbox.uidValidity.toString(), Boolean(keywords));
}

function imapSource(client: ImapFlow, { settings, dir, moveTo }: ImapSourceOptions, uidValidity: string, keywords: boolean): MailboxSource {
  // One mark per account and mailbox: the organiser may read more than one.
  const id = `${settings.user}@${settings.host}:${settings.port}/${settings.mailbox}`;
  // The highest UID handed out; undefined until messages() ran, so handled() alone never moves the mark back.
  let read: number | undefined;
  const failed = (cause: unknown) => imapFailure(cause, settings);
  return {
    label: settings.label,
    async *messages(): AsyncGenerator<RawMessage> {
      const mark = await readMark(dir, id);
      // A new UIDVALIDITY means the UIDs were handed out anew: read from the start.
      const from = mark?.uidValidity === uidValidity ? mark.lastUid : 0;
      read = from;
      let uids: number[];
      try {
        // `n:*` always matches the last message, even below n.
        uids = ((await client.search({ uid: `${from + 1}:*`, unKeyword: DONE }, { uid: true })) || []).filter((uid) => uid > from).sort((a, b) => a - b);
      } catch (cause) {
        throw failed(cause);
      }
      for (let start = 0; start < uids.length; start += BATCH) {
        let batch;
        try {
          batch = await client.fetchAll(uids.slice(start, start + BATCH).join(','), { uid: true, source: true }, { uid: true });
        } catch (cause) {
          throw failed(cause);
        }
        for (const message of batch.sort((a, b) => a.uid - b.uid)) {
          if (!message.source) continue;
          read = Math.max(read, message.uid);
          yield { key: `${uidValidity}:${message.uid}`, raw: message.source };
        }
      }
    },
    async handled(keys, move = keys) {
      const uidsOf = (list: readonly string[]) =>
        list.map((key) => {
          const [validity, uid] = key.split(':');
          if (validity !== uidValidity || !uid) throw refused('input', `${key} is not a message of ${settings.label} as it is now`, 'run circle inbox again: it reads the mailbox afresh');
          return uid;
        });
      const [uids, moved] = [uidsOf(keys), uidsOf(move)];
      try {
        if (uids.length > 0 && keywords) await client.messageFlagsAdd(uids.join(','), [DONE], { uid: true });
        if (moved.length > 0 && moveTo !== undefined) await client.messageMove(moved.join(','), moveTo, { uid: true });
      } catch (cause) {
        throw failed(cause);
      }
      if (read !== undefined) await writeMark(dir, id, { uidValidity, lastUid: read });
    },
    async close() {
      await client.logout().catch(() => client.close());
    },
  };
}
