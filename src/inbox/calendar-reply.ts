import ICAL from 'ical.js';
import type { Attachment, ParsedMail } from 'mailparser';

/*
 * The iTIP REPLY in a message (RFC 5546 3.2.3). mailparser hands every calendar part over as an
 * attachment, already decoded from quoted-printable or base64, whether the client put it inline
 * (Gmail, Outlook, Thunderbird) or attached it (Apple): the parts are read here, not the MIME.
 */

export interface CalendarReply {
  uid: string;
  /** The SEQUENCE the person answered; 0 when the reply leaves it out (RFC 5545 3.8.7.4). */
  sequence: number;
  /** The address of the one ATTENDEE, without `mailto:` (written in any case). */
  attendee: string;
  /** As written, upper-cased: ACCEPTED, TENTATIVE, DECLINED, or what else a client sends. */
  partstat: string;
}

export type ReplyReading = { reply: CalendarReply } | { problem: string };

const isCalendarPart = (part: Attachment) => part.contentType === 'text/calendar' || part.contentType === 'application/ics';

function readReply(text: string): ReplyReading | undefined {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    return { problem: `its calendar part cannot be read (${(error as Error).message})` };
  }
  if (String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase() !== 'REPLY') return undefined;
  const event = calendar.getFirstSubcomponent('vevent');
  const uid = event?.getFirstPropertyValue('uid');
  if (!event || typeof uid !== 'string' || uid === '') return { problem: 'its calendar reply has no event UID' };
  // RFC 5546: a REPLY names exactly the one attendee who answers; more would be a delegation or a forwarded file.
  const attendees = event.getAllProperties('attendee');
  if (attendees.length !== 1) return { problem: `its calendar reply names ${attendees.length} attendees instead of one` };
  const [attendee] = attendees as [ICAL.Property];
  const address = String(attendee.getFirstValue() ?? '').replace(/^mailto:/i, '');
  const partstat = String(attendee.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase();
  const sequence = Number(event.getFirstPropertyValue('sequence') ?? 0);
  return { reply: { uid, sequence: Number.isInteger(sequence) ? sequence : 0, attendee: address, partstat } };
}

/**
 * The reply a message carries: the first calendar part with METHOD:REPLY. Gmail and Thunderbird
 * send the same calendar twice (inline and as invite.ics); the first is enough.
 */
export function calendarReply(mail: ParsedMail): ReplyReading | undefined {
  let problem: ReplyReading | undefined;
  for (const part of mail.attachments.filter(isCalendarPart)) {
    // iCalendar is UTF-8 (RFC 5545 3.1.4); clients that say otherwise write ASCII in practice.
    const reading = readReply(part.content.toString('utf8'));
    if (reading && 'reply' in reading) return reading;
    problem ??= reading;
  }
  return problem;
}
