import type { DateTime, Zone } from 'luxon';
import type { Language } from '../model/schema.js';
import { resolveZone } from '../model/time.js';

/*
 * Dates and times for readers, from the locale data in Node's ICU (Intl), never from hand-made
 * month or weekday tables: "miércoles, 4 de diciembre de 2019, 12:00–13:15 GMT".
 */

/** British English: day before month and a 24-hour clock, as read around the world. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es' };

/** A session's times in one zone. `date` is set in another zone only when its date differs. */
export interface ZoneTimes {
  /** Everything in one line: date when needed, times, zone. */
  text: string;
  date: string | null;
  time: string;
  zone: string;
}

export interface When extends ZoneTimes {
  date: string;
  /** The same session in the extra zones asked for, in the order given. */
  elsewhere: ZoneTimes[];
}

const CLOCK = { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' } as const;
const DAY = { weekday: 'long', day: 'numeric', month: 'long' } as const;
const FULL_DATE = { ...DAY, year: 'numeric' } as const;

const isGmt = (zone: Zone) => zone.isUniversal && zone.offset(0) === 0;
const intlZone = (zone: Zone) => (isGmt(zone) ? 'UTC' : zone.name);

function format(locale: string, zone: Zone, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: intlZone(zone) });
}

/** "12:00–13:15". Across midnight ICU would add numeric dates; the dates are in `text` already. */
function clockRange(locale: string, zone: Zone, start: DateTime, end: DateTime): string {
  if (start.setZone(zone).hasSame(end.setZone(zone), 'day')) return format(locale, zone, CLOCK).formatRange(start.toJSDate(), end.toJSDate());
  // A lone time from these options loses the locale's leading zero ("8:30" in en-GB); timeStyle keeps it.
  const clock = format(locale, zone, { timeStyle: 'short' });
  return `${clock.format(start.toJSDate())}–${clock.format(end.toJSDate())}`;
}

/** "GMT", or the zone's name in the reader's language with its offset that day: "hora estándar de Colombia (GMT-5)". */
function zoneName(zone: Zone, at: DateTime, locale: string): string {
  if (isGmt(zone)) return 'GMT';
  const part = (timeZoneName: 'long' | 'shortOffset') =>
    format(locale, zone, { timeZoneName }).formatToParts(at.toJSDate()).find((p) => p.type === 'timeZoneName')?.value ?? zone.name;
  const name = part('long');
  const offset = part('shortOffset');
  // Zones without a name in the locale data are named by their offset alone.
  return name.startsWith('GMT') || name.startsWith('UTC') ? offset : `${name} (${offset})`;
}

export function describeWhen(start: DateTime, end: DateTime, zone: Zone, extraZones: readonly Zone[], lang: Language): When {
  const locale = LOCALES[lang];
  const own = format(locale, zone, { ...FULL_DATE, ...CLOCK }).formatRange(start.toJSDate(), end.toJSDate());
  const label = zoneName(zone, start, locale);
  const homeDate = start.setZone(zone).toISODate();
  return {
    text: `${own} ${label}`,
    date: format(locale, zone, FULL_DATE).format(start.toJSDate()),
    time: clockRange(locale, zone, start, end),
    zone: label,
    elsewhere: extraZones.filter((extra) => !sameZone(extra, zone)).map((extra) => timesIn(extra, start, end, homeDate, locale)),
  };
}

function timesIn(zone: Zone, start: DateTime, end: DateTime, homeDate: string | null, locale: string): ZoneTimes {
  const localStart = start.setZone(zone);
  const shifted = localStart.toISODate() !== homeDate;
  const crossesMidnight = !localStart.hasSame(end.setZone(zone), 'day');
  const withYear = localStart.year !== start.year ? { year: 'numeric' as const } : {};
  const time = clockRange(locale, zone, start, end);
  const times = shifted || crossesMidnight ? format(locale, zone, { ...DAY, ...withYear, ...CLOCK }).formatRange(start.toJSDate(), end.toJSDate()) : time;
  const label = zoneName(zone, start, locale);
  return {
    text: `${times} ${label}`,
    date: shifted ? format(locale, zone, { ...DAY, ...withYear }).format(start.toJSDate()) : null,
    time,
    zone: label,
  };
}

function sameZone(a: Zone, b: Zone): boolean {
  return a.equals(b) || (isGmt(a) && isGmt(b));
}

/** "6 de noviembre – 16 de diciembre de 2019": the span of a series, in its own zone. */
export function describeDates(first: DateTime, last: DateTime, zone: Zone, lang: Language): string {
  return format(LOCALES[lang], zone, { day: 'numeric', month: 'long', year: 'numeric' }).formatRange(first.toJSDate(), last.toJSDate());
}

export type ZoneList = { ok: true; zones: Zone[] } | { ok: false; name: string; reason: string };

/** `America/Bogota,Africa/Johannesburg Asia/Manila`: names separated by commas or spaces, duplicates dropped. */
export function parseZoneList(names: readonly string[]): ZoneList {
  const zones: Zone[] = [];
  for (const name of names.flatMap((text) => text.split(/[\s,]+/)).filter(Boolean)) {
    const zone = resolveZone(name);
    if (!zone.ok) return { ok: false, name, reason: zone.reason };
    if (!zones.some((known) => sameZone(known, zone.value))) zones.push(zone.value);
  }
  return { ok: true, zones };
}
