import { randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { PersonalInvitation } from '../invites/personal.js';
import { cleanLine } from '../invites/text.js';
import { BIDI } from '../model/invisible.js';
import type { RenderedMessage } from './render.js';

export interface Address {
  name?: string | undefined;
  address: string;
}

export interface Letter {
  from: Address;
  to: Address;
  replyTo?: Address | undefined;
  message: RenderedMessage;
  invitation?: PersonalInvitation | undefined;
  /** The Message-ID the journal records, so that a bounce arriving later finds its message. */
  messageId: string;
  /** `<mailto:...>`: the person's leave link as a List-Unsubscribe header (RFC 2369). */
  listUnsubscribe?: string | undefined;
}

/** `<random@sender's domain>`: made here rather than by nodemailer, so it is known before the message goes. */
export function newMessageId(sender: string): string {
  const domain = sender.slice(sender.lastIndexOf('@') + 1);
  return `<${randomUUID()}@${domainToASCII(domain) || domain}>`;
}

/*
 * No header line may pass 998 octets (RFC 5322), or the server refuses the message for good.
 * nodemailer folds text at spaces and encodes non-ASCII text in short pieces, but a long word of
 * ASCII stays whole: absurdly long names and subjects are shortened, with an ellipsis.
 */
const NAME_MAX = 200;
const SUBJECT_MAX = 300;

function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  // By code point, so an emoji is not cut in half.
  return `${[...text].slice(0, max - 1).join('').trimEnd()}…`;
}

// A right-to-left override makes a name read as something else in the inbox.
const BIDI_CONTROLS = new RegExp(`[${BIDI}]`, 'g');

// A display name is one line of plain text, whatever a form, a roster or a circle file put in it.
const named = ({ name, address }: Address) => ({ name: name ? shortened(cleanLine(name).replace(BIDI_CONTROLS, ''), NAME_MAX) : '', address });

/**
 * The complete MIME message, as sent and as written by --preview: text with an HTML alternative,
 * and the invitation as the inline `text/calendar; method=...` part Outlook and Google read, plus
 * an .ics attachment for the rest.
 */
export async function composeLetter(letter: Letter): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const mail = new MailComposer({
    from: named(letter.from),
    to: named(letter.to),
    ...(letter.replyTo ? { replyTo: named(letter.replyTo) } : {}),
    subject: shortened(letter.message.subject, SUBJECT_MAX),
    messageId: letter.messageId,
    // RFC 3834: vacation responders and auto-replies stay quiet about mail a tool sent.
    headers: { 'Auto-Submitted': 'auto-generated', ...(letter.listUnsubscribe ? { 'List-Unsubscribe': letter.listUnsubscribe } : {}) },
    text: letter.message.text,
    html: letter.message.html,
    ...(letter.invitation
      ? { icalEvent: { method: letter.invitation.method, filename: letter.invitation.filename, content: letter.invitation.ics } }
      : {}),
  });
  return mail.compile().build();
}
