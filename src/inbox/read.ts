import type { CircleName } from './circle-guess.js';
import type { Classified } from './classify.js';
import type { InboxMessage } from './decide.js';
import type { MailboxSource } from './source.js';

/*
 * Reading a source into classified messages. Files are read whole on every run, and most of a
 * mailbox was handled before: the Message-ID is looked up in the header block first, so those
 * messages are not parsed again (a full MIME parse costs far more than the lookup).
 */

const HEADER_END = /\r?\n\r?\n/;

/** The Message-ID in the raw header block, formatted as mailparser formats it (`<...>`). */
export function rawMessageId(raw: Buffer): string | undefined {
  // Header blocks are short; 64 KiB covers any real one without decoding a large body, and only the header block is decoded.
  const head = raw.subarray(0, 65_536);
  const blank = head.indexOf('\n\n');
  const crlf = head.indexOf('\r\n\r\n');
  const end = Math.min(blank === -1 ? head.length : blank + 2, crlf === -1 ? head.length : crlf + 4);
  const [headers = ''] = head.subarray(0, end).toString('latin1').split(HEADER_END, 1);
  const value = /^message-id:[ \t]*((?:[^\r\n]|\r?\n[ \t])*)/im.exec(headers)?.[1]?.replace(/\s+/g, ' ').trim();
  if (!value) return undefined;
  return value.startsWith('<') && value.endsWith('>') ? value : `<${value.replace(/^<|>$/g, '')}>`;
}

// mailparser and its character tables load only when a message is new: a run with nothing new never needs them.
let parsing: Promise<typeof import('./classify.js')> | undefined;

/** A message mailparser cannot read is still listed for a person, not lost and not fatal to the run. */
async function classified(raw: Buffer, circles: readonly CircleName[], id: string | undefined): Promise<Classified> {
  const { classify, parseMessage } = await (parsing ??= import('./classify.js'));
  try {
    return classify(await parseMessage(raw), circles);
  } catch (error) {
    return { ...(id ? { messageId: id } : {}), subject: '', kind: 'other', note: `it cannot be read as mail (${(error as Error).message})` };
  }
}

export interface ReadInbox {
  /** The messages not handled before, in the source's order (oldest first). */
  messages: InboxMessage[];
  /** The keys of messages whose Message-ID earlier runs handled. */
  alreadyHandled: string[];
}

export async function readInbox(source: MailboxSource, circles: readonly CircleName[], handled: ReadonlySet<string>): Promise<ReadInbox> {
  const messages: InboxMessage[] = [];
  const alreadyHandled: string[] = [];
  for await (const raw of source.messages()) {
    const id = rawMessageId(raw.raw);
    if (id !== undefined && handled.has(id)) {
      alreadyHandled.push(raw.key);
      continue;
    }
    messages.push({ source: raw.key, message: await classified(raw.raw, circles, id) });
  }
  return { messages, alreadyHandled };
}
