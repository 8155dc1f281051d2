import type { PersonalInvitation } from '../invites/personal.js';
import { cleanLine } from '../invites/text.js';
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
}

// A display name is one line of plain text, whatever a form or a circle file put in it.
const named = ({ name, address }: Address) => ({ name: name ? cleanLine(name) : '', address });

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
    subject: letter.message.subject,
    // RFC 3834: vacation responders and auto-replies stay quiet about mail a tool sent.
    headers: { 'Auto-Submitted': 'auto-generated' },
    text: letter.message.text,
    html: letter.message.html,
    ...(letter.invitation
      ? { icalEvent: { method: letter.invitation.method, filename: letter.invitation.filename, content: letter.invitation.ics } }
      : {}),
  });
  return mail.compile().build();
}
