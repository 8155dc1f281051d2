import type { DateTime } from 'luxon';
import { failure, success, type Result } from '../failure.js';
import type { ResolvedCircle } from '../model/circle.js';
import { cleanEmail, isValidEmail } from '../model/email.js';
import type { Language } from '../model/schema.js';
import { eventAttributes, renderCalendar, type Method } from './calendar.js';
import type { Publication } from './published.js';

/** One person of a roster, as the email commands know them. */
export interface Person {
  name: string;
  email: string;
  language?: Language;
}

export interface PersonalOptions {
  /** Text language; default the person's, then the circle's. */
  lang?: Language;
  /** A cancelled seat sends METHOD:CANCEL to this person while the circle goes on. */
  seat?: 'confirmed' | 'cancelled';
  /**
   * When this message is made: its DTSTAMP (RFC 5545 3.8.7.2 for iTIP). A seat cancelled, then
   * given again, keeps the circle's SEQUENCE; the later DTSTAMP is what makes each newer (RFC 5546 2.1.5).
   */
  sentAt: DateTime;
}

export interface PersonalInvitation {
  method: Extract<Method, 'REQUEST' | 'CANCEL'>;
  /** The .ics text: UTF-8, CRLF, folded at 75 octets. */
  ics: string;
  filename: string;
}

/**
 * The invitation for one person: METHOD:REQUEST with the meeting link for a confirmed seat,
 * METHOD:CANCEL when the seat or the whole circle is cancelled. Same UID and SEQUENCE as the
 * public file (`publication`), so calendars update the one event.
 */
export async function personalInvitation(resolved: ResolvedCircle, publication: Publication, person: Person, options: PersonalOptions): Promise<Result<PersonalInvitation>> {
  const email = cleanEmail(person.email);
  if (!isValidEmail(email)) return failure('input', `cannot invite ${JSON.stringify(person.email)}: not a valid email address`, 'correct the address in the roster');
  const { organizer } = resolved;
  if (!organizer) {
    return failure('input', `circle ${resolved.circle.id} has no organizer: invitations need someone to answer to`, 'add organizer: {name, email} to the series file or the circle');
  }
  const cancel = options.seat === 'cancelled' || resolved.circle.status === 'cancelled';
  const method = cancel ? 'CANCEL' : 'REQUEST';
  const lang = options.lang ?? person.language ?? resolved.circle.language;
  const event = eventAttributes(resolved, publication, {
    lang,
    view: options.seat === 'cancelled' ? 'seat-cancelled' : 'confirmed',
    stamp: Math.floor(options.sentAt.toMillis() / 1000) * 1000,
    attendee: { name: person.name, email, rsvp: !cancel },
    organizer,
  });
  return success({ method, ics: await renderCalendar([event], { method }), filename: cancel ? 'cancel.ics' : 'invite.ics' });
}
