import { DateTime, Duration, Info, Settings, type Zone } from 'luxon';

// Whatever the machine's locale, luxon's own output (times in lists and exports) keeps the same
// digits and words; asking the machine for its locale would also start ICU, which takes ~10 ms.
Settings.defaultLocale = 'en-US';

/** A wall-clock date and time as typed in a circle file, before a zone makes it an instant. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

export const LOCAL_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
export const TIME_OF_DAY_PATTERN = /^\d{2}:\d{2}$/;
export const DURATION_PATTERN = /^(?:(?=\d)(?:\d+h)?(?:\d+m)?|PT(?=\d)(?:\d+H)?(?:\d+M)?)$/;

/** Why an hour and minute are no time of day, if they are not. */
export function clockProblem(hour: number, minute: number): string | undefined {
  return hour > 23 || minute > 59 ? 'hours go to 23 and minutes to 59' : undefined;
}

/** Why a year, month and day are no date, if they are not. */
export function dateProblem(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return 'months go from 01 to 12';
  // Day 0 of the next month is the last of this one.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `${DateTime.utc(year, month).toFormat('LLLL yyyy', { locale: 'en-GB' })} has ${daysInMonth} days`;
  return undefined;
}

export function parseTimeOfDay(text: string): Parsed<{ hour: number; minute: number }> {
  if (!TIME_OF_DAY_PATTERN.test(text)) return fail(`"${text}" is not a time of day like 13:15`);
  const [hour, minute] = text.split(':').map(Number) as [number, number];
  const problem = clockProblem(hour, minute);
  return problem ? fail(`${text} is not a time of day: ${problem}`) : ok({ hour, minute });
}

export function parseLocalDateTime(text: string): Parsed<LocalDateTime> {
  if (!LOCAL_DATE_TIME_PATTERN.test(text)) return fail(`"${text}" is not a local date-time like 2019-12-04T12:00`);
  const [date = '', time = ''] = text.split('T');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const clock = parseTimeOfDay(time);
  if (!clock.ok) return fail(clock.reason);
  const problem = dateProblem(year, month, day);
  return problem ? fail(`${date} is not a date: ${problem}`) : ok({ year, month, day, ...clock.value });
}

/** What each text parsed to: the same few durations are read for every circle of a series, and luxon's parse is costly. */
const durations = new Map<string, Parsed<number>>();

/** Minutes in `75m`, `1h15m` or ISO `PT1H15M`. */
export function parseDuration(text: string): Parsed<number> {
  let parsed = durations.get(text);
  if (parsed === undefined) {
    parsed = durationIn(text);
    durations.set(text, parsed);
  }
  return parsed;
}

function durationIn(text: string): Parsed<number> {
  if (!DURATION_PATTERN.test(text)) return fail(`"${text}" is not a duration like 75m, 1h15m or PT1H15M`);
  const iso = text.startsWith('PT') ? text : `PT${text.toUpperCase()}`;
  const minutes = Duration.fromISO(iso).as('minutes');
  if (!(minutes > 0)) return fail(`"${text}" is an empty duration`);
  return ok(minutes);
}

const UTC_NAMES = new Set(['GMT', 'UTC', 'ETC/UTC', 'ETC/GMT', 'Z']);

/** The zone luxon uses for a name from a circle file; GMT and UTC are one zone, shown as GMT. */
export function resolveZone(name: string): Parsed<Zone> {
  if (UTC_NAMES.has(name.toUpperCase())) return ok(Info.normalizeZone('UTC'));
  // Offsets and abbreviations are not places: they do not follow a region's DST rules.
  if (!name.includes('/')) return fail(`"${name}" is not an IANA time zone such as Europe/London or America/Bogota`);
  const zone = Info.normalizeZone(name);
  if (!zone.isValid) return fail(`"${name}" is not a known IANA time zone (Region/City, e.g. America/Bogota)`);
  return ok(zone);
}

/** `2019-12-04T12:00:00.000Z`, as luxon's `toUTC().toISO()` writes it, without luxon's zone change (a planner writes several per circle). */
export const utcIso = (instant: DateTime): string => new Date(instant.toMillis()).toISOString();

/** An Intl formatter per zone name, or null for a zone Intl does not know by name (a fixed offset). */
const longFormats = new Map<string, Intl.DateTimeFormat | null>();

function longFormat(zone: Zone): Intl.DateTimeFormat | null {
  let format = longFormats.get(zone.name);
  if (format === undefined) {
    const timeZone = zone.type === 'iana' ? zone.name : zone.isUniversal && zone.offset(0) === 0 ? 'UTC' : undefined;
    format = timeZone === undefined ? null : new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    longFormats.set(zone.name, format);
  }
  return format;
}

/**
 * "Wednesday 4 December 2019, 12:00": an instant's wall clock in `zone`, as luxon's `cccc d LLLL
 * yyyy, HH:mm` in en-GB writes it. One Intl formatter per zone: luxon builds its formatters for
 * each call, a third of a millisecond, and `circle status` writes one or more per circle.
 */
export function longDateTime(instant: DateTime, zone: Zone): string {
  const format = longFormat(zone);
  if (!format) return instant.setZone(zone).toFormat('cccc d LLLL yyyy, HH:mm', { locale: 'en-GB' });
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of format.formatToParts(instant.toMillis())) part[type] = value;
  return `${part.weekday} ${part.day} ${part.month} ${part.year?.padStart(4, '0')}, ${part.hour}:${part.minute}`;
}

export function zoneLabel(zone: Zone): string {
  return zone.isUniversal && zone.offset(0) === 0 ? 'GMT' : zone.name;
}

export type Placement =
  | { kind: 'exact'; instant: DateTime }
  | { kind: 'gap' }
  | { kind: 'ambiguous'; earlier: DateTime; later: DateTime };

/**
 * Where a wall-clock time falls in a zone: exactly once, never (skipped by a DST change),
 * or twice (repeated by a DST change). Luxon would silently shift the first and pick one of the second.
 */
export function placeLocalTime(local: LocalDateTime, zone: Zone): Placement {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const day = 24 * 60 * 60 * 1000;
  const offsets = [...new Set([zone.offset(wall - day), zone.offset(wall + day)])];
  const instants = offsets
    .filter((offset) => zone.offset(wall - offset * 60_000) === offset)
    .map((offset) => DateTime.fromMillis(wall - offset * 60_000, { zone }))
    .sort((a, b) => a.toMillis() - b.toMillis());
  const [earlier, later] = instants;
  if (!earlier) return { kind: 'gap' };
  if (!later) return { kind: 'exact', instant: earlier };
  return { kind: 'ambiguous', earlier, later };
}

export function describePlacement(text: string, zone: Zone, placement: Placement): string | undefined {
  if (placement.kind === 'gap') {
    return `${text.replace('T', ' ')} does not exist in ${zone.name}: the clocks skip it for daylight saving time`;
  }
  if (placement.kind === 'ambiguous') {
    const fmt = (dt: DateTime) => `${dt.toFormat('HH:mm')} UTC${dt.toFormat('ZZ')}`;
    return `${text.replace('T', ' ')} happens twice in ${zone.name} (${fmt(placement.earlier)} and ${fmt(placement.later)}): the clocks go back for daylight saving time`;
  }
  return undefined;
}
