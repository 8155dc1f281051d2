import type { EventAttributes } from 'ics';
import type { ResolvedCircle } from '../model/circle.js';
import type { Language } from '../model/schema.js';
import { eventText, type View } from './description.js';
import { foldLines, unfoldLines } from './fold.js';
import type { Publication } from './published.js';
import { cleanLine, cleanName } from './text.js';
import { WORDS } from '../templates/words.js';

/** Without a version, so a new release of circle does not change every published file. */
export const PRODUCT_ID = '-//circle//Learning circles//EN';

export type Method = 'PUBLISH' | 'REQUEST' | 'CANCEL';

export interface Attendee {
  name: string;
  email: string;
  /** RSVP=TRUE;PARTSTAT=NEEDS-ACTION: an invitation the person can accept. */
  rsvp: boolean;
}

export interface EventOptions {
  lang: Language;
  view: View;
  /** DTSTAMP when it is not the publication's, epoch milliseconds. */
  stamp?: number;
  /** Personal invitations: the person, and the ORGANIZER their answer goes to. */
  attendee?: Attendee;
  organizer?: { name: string; email: string };
}

/** One circle as the attributes the `ics` package takes: instants in UTC, never local arrays. */
export function eventAttributes(resolved: ResolvedCircle, publication: Publication, options: EventOptions): EventAttributes {
  const text = eventText(resolved, options.lang, options.view);
  const cancelled = resolved.circle.status === 'cancelled' || options.view === 'seat-cancelled';
  const utc = { startInputType: 'utc', startOutputType: 'utc', endInputType: 'utc', endOutputType: 'utc' } as const;
  const { attendee, organizer } = options;
  const attributes: EventAttributes & { timestamp: number } = {
    uid: publication.uid,
    sequence: publication.sequence,
    // `ics` types leave out DTSTAMP, though it takes it; the default would be the time of the run.
    timestamp: options.stamp ?? publication.stamp,
    start: resolved.start.toMillis(),
    end: resolved.end.toMillis(),
    ...utc,
    title: text.summary,
    description: text.description,
    location: text.location,
    ...(text.url ? { url: text.url } : {}),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    ...(organizer ? { organizer: { name: cleanName(organizer.name), email: organizer.email } } : {}),
    ...(attendee
      ? { attendees: [{ name: cleanName(attendee.name) || attendee.email, email: attendee.email, ...(attendee.rsvp ? { rsvp: true, partstat: 'NEEDS-ACTION' as const } : {}) }] }
      : {}),
    // No reminder for a session that will not happen.
    ...(cancelled ? {} : { alarms: [{ action: 'display' as const, description: WORDS[options.lang].reminder, trigger: { minutes: resolved.reminderMinutes, before: true } }] }),
  };
  return attributes;
}

/** TEXT escaping for the one value `ics` passes unescaped (X-WR-CALNAME). */
const escapeText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`);

/**
 * A whole calendar file: the `ics` package writes it, then every line is unfolded, corrected
 * where `ics` is wrong for our use, and folded again by octets with CRLF ends. `ics` (and the schema
 * library it checks events with) loads with the first calendar written: `circle status` and a run
 * with nothing to send write none.
 */
export async function renderCalendar(events: readonly EventAttributes[], header: { method: Method; calendarName?: string }): Promise<string> {
  // A CommonJS package: its exports are the default export, in Node as in the bundle (where esbuild gives it no named ones).
  const { default: ics } = (await import('ics')) as unknown as { default: typeof import('ics') };
  const { createEvents } = ics;
  const calName = header.calendarName === undefined ? undefined : escapeText(cleanLine(header.calendarName));
  const { error, value } = createEvents([...events], { productId: PRODUCT_ID, method: header.method, ...(calName ? { calName } : {}) });
  if (error || !value) throw new Error(`ics could not write the calendar: ${error?.message ?? JSON.stringify(error)}`);
  const lines = unfoldLines(value)
    // A refresh interval means something only in a feed people subscribe to.
    .filter((line) => calName !== undefined || !line.startsWith('X-PUBLISHED-TTL:'))
    // `ics` quotes these enumerated values; RFC 5545 and strict clients expect them bare.
    .map((line) => (line.startsWith('ATTENDEE;') ? line.replace(/;(PARTSTAT|ROLE|CUTYPE)="([A-Z-]+)"/g, ';$1=$2') : line));
  return foldLines(lines);
}
