import ICAL from 'ical.js';
import { afterAll, beforeAll, describe } from 'vitest';
import { resolveCircle, type ResolvedCircle } from '../../src/model/circle.js';
import { circleSchema, seriesSchema, type CircleInput } from '../../src/model/schema.js';

/** Two machine zones far apart, one without DST west of UTC and one east of it. */
export const MACHINE_ZONES = ['America/Bogota', 'Asia/Manila'] as const;
/** Minutes west of UTC, as `Date#getTimezoneOffset` reports them, to check the setting took. */
export const MACHINE_OFFSETS: Record<(typeof MACHINE_ZONES)[number], number> = { 'America/Bogota': 300, 'Asia/Manila': -480 };

/** Runs `suite` once under each machine zone (vitest runs each file in its own process). */
export function inEachMachineZone(suite: (zone: (typeof MACHINE_ZONES)[number]) => void): void {
  describe.each(MACHINE_ZONES)('with TZ=%s', (zone) => {
    let saved: string | undefined;
    beforeAll(() => {
      saved = process.env.TZ;
      process.env.TZ = zone;
    });
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });
    suite(zone);
  });
}

export const SERIES = seriesSchema.parse({
  slug: 'lift',
  name: 'Lift Learning Circles',
  timezone: 'GMT',
  uid_domain: 'circles.example.org',
  organizer: { name: 'Lift Learning Circles', email: 'circles@example.org' },
});

/** A valid circle with its series, resolved as the loader does. */
export function makeCircle(overrides: Partial<CircleInput> = {}, series = SERIES): ResolvedCircle {
  const circle = circleSchema.parse({
    id: 'making-a-case',
    series: series.slug,
    number: 1,
    title: 'Making a case for open contracting',
    summary: 'We will talk about the common blockers to adopt open contracting.',
    topics: ['Common blockers', 'The business case'],
    host: { name: 'Hera Hussain', org: 'Open Contracting Partnership', email: 'hera@example.org' },
    instigators: [{ name: 'Sascha Haselmayer', org: 'Citymart', role: 'CEO' }],
    start: '2019-11-06T08:30',
    end: '09:45',
    platform: 'Zoom',
    meeting_url: 'https://meet.example.org/lift-1',
    signup_url: 'https://forms.example.org/lift-1',
    ...overrides,
  });
  return resolveCircle(circle, series, `circles/${circle.id}.yaml`);
}

export interface ParsedEvent {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  stamp: string;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  status: string | null;
  alarms: ICAL.Component[];
  vevent: ICAL.Component;
}

const iso = (time: ICAL.Time) => new Date(time.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z');

/** A calendar read by ical.js, an independent parser: its properties and every event. */
export function parseCalendar(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const value = (name: string) => vevent.getFirstPropertyValue(name) as string | null;
    for (const time of [event.startDate, event.endDate]) {
      // Floating or zoned times would depend on the reader's clock: only UTC is acceptable.
      if (time.zone?.tzid !== 'UTC') throw new Error(`event ${event.uid} has a time that is not UTC: ${time.toString()}`);
    }
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: iso(event.startDate),
      end: iso(event.endDate),
      stamp: iso(vevent.getFirstPropertyValue('dtstamp') as ICAL.Time),
      summary: event.summary,
      description: event.description,
      location: value('location'),
      url: value('url'),
      status: value('status'),
      alarms: vevent.getAllSubcomponents('valarm'),
      vevent,
    };
  });
  return { calendar, events };
}

const encoder = new TextEncoder();
const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * The physical lines of a calendar, checked: CRLF only, at most 75 octets, each one valid UTF-8
 * by itself (no character cut in two) and none ending inside a backslash escape.
 */
export function physicalLines(text: string): string[] {
  if (!text.endsWith('\r\n')) throw new Error('calendar does not end with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  for (const [index, line] of lines.entries()) {
    const bytes = encoder.encode(line);
    if (line.includes('\n') || line.includes('\r')) throw new Error(`line ${index + 1} has a bare line break`);
    if (bytes.length > 75) throw new Error(`line ${index + 1} is ${bytes.length} octets: ${line}`);
    strict.decode(bytes);
    if (/(?:^|[^\\])(?:\\\\)*\\$/.test(line)) throw new Error(`line ${index + 1} ends inside an escape: ${line}`);
  }
  return lines;
}
