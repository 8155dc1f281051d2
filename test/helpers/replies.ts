import type ICAL from 'ical.js';
import { calendarOf } from './mail.js';
import type { Received } from './smtp.js';

/*
 * The mail a person sends back, built from what they received: the calendar reply their calendar
 * writes to an invitation, and the mail their mail client writes for a mailto link (leave, claim).
 * From fictional people at example.org; the receiving server found nothing wrong with them.
 */

export interface Sender {
  name: string;
  address: string;
}

function envelope(from: Sender, to: string, subject: string, at: Date, id: string): string[] {
  return [
    'Authentication-Results: mx.example.org; dkim=pass header.i=@example.org; spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org',
    `From: ${from.name} <${from.address}>`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${at.toUTCString()}`,
    `Message-ID: <${id}@example.org>`,
    'MIME-Version: 1.0',
  ];
}

const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** A calendar's answer (ACCEPTED, DECLINED) to the invitation a received message carries, from the person it went to. */
export function calendarReply(invitation: Received, from: Sender, partstat: 'ACCEPTED' | 'DECLINED', at: Date, id: string): string {
  const { event } = calendarOf(invitation);
  const organizer = String(event.getFirstPropertyValue('organizer')).replace(/^mailto:/i, '');
  const summary = String(event.getFirstPropertyValue('summary'));
  const ics = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Example//Calendar 1.0//EN',
    'VERSION:2.0',
    'METHOD:REPLY',
    'BEGIN:VEVENT',
    `UID:${String(event.getFirstPropertyValue('uid'))}`,
    `SEQUENCE:${String(event.getFirstPropertyValue('sequence') ?? 0)}`,
    `DTSTAMP:${stamp(at)}`,
    `DTSTART:${stamp((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate())}`,
    `ORGANIZER:mailto:${organizer}`,
    `ATTENDEE;PARTSTAT=${partstat};CN=${from.name}:mailto:${from.address}`,
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const word = partstat === 'ACCEPTED' ? 'Accepted' : 'Declined';
  return [...envelope(from, organizer, `${word}: ${summary}`, at, id), 'Content-Type: text/calendar; charset="utf-8"; method=REPLY', 'Content-Transfer-Encoding: 7bit', '', ics].join('\r\n');
}

/** The mailto links with a subject in a message's text, the List-Unsubscribe one (the leave link) first when there is one. */
export function mailtoLinks(message: Received): { leave?: string; others: string[] } {
  // The raw line: mailparser turns List-* headers into objects of its own.
  const header = message.mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line ?? '';
  const leave = /<(mailto:[^>]+)>/.exec(header.replace(/\r?\n[ \t]+/g, ''))?.[1];
  const inText = [...new Set((message.mail.text ?? '').match(/mailto:[^\s<>)"\]]+\?subject=[^\s<>)"\]]+/g) ?? [])];
  return { ...(leave ? { leave } : {}), others: inText.filter((link) => link !== leave) };
}

/** The mail a mail client writes when the person clicks a mailto link: to its address, with its subject. */
export function linkMail(link: string, from: Sender, at: Date, id: string): string {
  const url = new URL(link);
  const subject = url.searchParams.get('subject') ?? '';
  return [...envelope(from, decodeURIComponent(url.pathname), subject, at, id), 'Content-Type: text/plain; charset=utf-8', '', subject, ''].join('\r\n');
}
