import { simpleParser, type ParsedMail } from 'mailparser';
import { authenticationFailure, type AuthenticationFailure } from './authentication.js';
import { autoReplyReason } from './auto-reply.js';
import { deliveryReport, type DeliveryReport } from './bounce.js';
import { calendarReply, type CalendarReply } from './calendar-reply.js';
import { guessCircle, type CircleName } from './circle-guess.js';
import { findLeaveToken, findMailToken, type ClaimToken, type LeaveToken } from './leave-token.js';

/*
 * What one message is, from the message alone: a calendar reply, a leave request, a bounce, an
 * auto-reply, a seat claim, or mail for a person. Whether to act on it is decided later (decide.ts), against
 * the circles, rosters and journal.
 */

export interface Sender {
  address: string;
  name?: string;
}

/** What every message shows a person: enough to find it in their mail client. */
export interface MessageFacts {
  messageId?: string;
  /** ISO instant of the Date header. */
  date?: string;
  from?: Sender;
  subject: string;
  /** The receiving server found the From domain failing DMARC or DKIM: never acted on. */
  authentication?: AuthenticationFailure;
}

export type Classification =
  | { kind: 'calendar-reply'; reply: CalendarReply }
  | { kind: 'leave'; token: LeaveToken }
  /** The mail a seat offer's claim link opens. */
  | { kind: 'claim'; token: ClaimToken }
  | { kind: 'bounce'; report: DeliveryReport }
  | { kind: 'auto-reply'; reason: string }
  /** For a person: `circle` is the circle it seems to be about; `note` says why a reply could not be read. */
  | { kind: 'other'; circle?: string; note?: string };

export type Classified = MessageFacts & Classification;

/**
 * mailparser as classify() needs it: delivery-status parts kept as attachments, and no HTML made
 * from text or text from HTML (a third of the parse time of a mailbox of newsletters).
 */
export function parseMessage(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw, { keepDeliveryStatus: true, skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true, skipHtmlToText: true });
}

function facts(mail: ParsedMail): MessageFacts {
  const sender = mail.from?.value[0];
  const address = sender?.address;
  const domain = address?.slice(address.lastIndexOf('@') + 1);
  const authentication = domain ? authenticationFailure(mail.headers.get('authentication-results') as string | string[] | undefined, domain) : undefined;
  return {
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { date: mail.date.toISOString() } : {}),
    ...(address ? { from: { address, ...(sender?.name ? { name: sender.name } : {}) } } : {}),
    subject: mail.subject ?? '',
    ...(authentication ? { authentication } : {}),
  };
}

/**
 * One parsed message (see parseMessage), given the circles a question may be about. A bounce
 * comes first (its Auto-Submitted header would make it an auto-reply), then a calendar reply
 * (clients may mark those automatic too), then auto-replies, whose quoted subject must never
 * pass for a leave request or a claim.
 */
export function classify(mail: ParsedMail, circles: readonly CircleName[]): Classified {
  const about = facts(mail);
  const report = deliveryReport(mail);
  if (report) return { ...about, kind: 'bounce', report };
  const reading = calendarReply(mail);
  if (reading && 'reply' in reading) return { ...about, kind: 'calendar-reply', reply: reading.reply };
  const automatic = autoReplyReason(mail.headers, about.subject);
  if (automatic) return { ...about, kind: 'auto-reply', reason: automatic };
  const token = findLeaveToken(about.subject);
  if (token) return { ...about, kind: 'leave', token };
  const claim = findMailToken(about.subject, 'claim');
  if (claim) return { ...about, kind: 'claim', token: claim };
  // Only for a guess: the words of an HTML-only mail are enough without a real HTML-to-text pass.
  const text = mail.text || (typeof mail.html === 'string' ? mail.html.replace(/<[^>]*>/g, ' ') : '');
  const circle = guessCircle(about.subject, text, circles);
  return { ...about, kind: 'other', ...(circle ? { circle } : {}), ...(reading ? { note: reading.problem } : {}) };
}
