import { DateTime, type TokenParser, type Zone } from 'luxon';
import {
  clockProblem,
  dateProblem,
  fail,
  LOCAL_DATE_TIME_PATTERN,
  longDateTime,
  ok,
  parseDuration,
  parseLocalDateTime,
  parseTimeOfDay,
  placeLocalTime,
  TIME_OF_DAY_PATTERN,
  zoneLabel,
  type Parsed,
} from './time.js';

/*
 * Starts and ends as people type them (`9:30`, `2pm`, `4 Dec 2019`, `4 diciembre 2019 14h`), read
 * with luxon's formats and turned into the one form of circle files (`2019-12-04T09:30`, `10:45`).
 * Only `circle add` reads them: files stay strict.
 */

interface LocalDate {
  year: number;
  month: number;
  day: number;
}
interface TimeOfDay {
  hour: number;
  minute: number;
}

// Formats are matched case-insensitively, after tidy() has taken out commas, dots and filler words.
const TIME_FORMATS = ['H:mm', 'H.mm', "H'h'mm", "H'h'", 'h:mma', 'h.mma', 'ha'];
const NOON = new Set(['noon', 'midday', 'mediodía', 'mediodia']);
const YEAR_FIRST = ['yyyy-M-d', 'yyyy/M/d'];
const NAMED = ['d LLLL yyyy', 'd LLL yyyy', 'LLLL d yyyy', 'LLL d yyyy'].flatMap((format) => [format, `EEEE ${format}`, `EEE ${format}`]);
// en-US abbreviates September "Sep", en-GB and es "Sept"; es brings the Spanish months and weekdays.
const NAME_LOCALES = ['en-US', 'en-GB', 'es'];
const DAY_MONTH_SEPARATORS = ['/', '.', '-'];
const ENGLISH = { locale: 'en-GB' };

const EXAMPLES = 'write it like 2019-12-04 9:30, 4 Dec 2019 2pm or 4 diciembre 2019 14h';

/** The text without what people add around dates and times: ISO's T, commas, dots, ordinals, "at", "de". */
function tidy(text: string): string {
  return text
    .replace(/(\d)T(\d)/gi, '$1 $2')
    .replace(/(?<=\d)\s*([ap])\.?\s?m\.?(?=\s|,|$)/gi, '$1m')
    .replace(/(\d)(?:st|nd|rd|th|º|°)(?=\s|,|$)/gi, '$1')
    .replace(/(\p{L})\.(?=\s|,|$)/gu, '$1')
    .replace(/,/g, ' ')
    .replace(/(^|\s)(?:at|@|a las|a la|de|del|el)(?=\s|$)/gi, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const parsers = new Map<string, TokenParser>();

/** luxon's fromFormat, with each format's parser built once: building is most of the work. */
function parse(text: string, format: string, locale: string): DateTime {
  const key = `${locale} ${format}`;
  const parser = parsers.get(key) ?? DateTime.buildFormatParser(format, { locale });
  parsers.set(key, parser);
  return DateTime.fromFormatParser(text, parser, { locale, zone: 'utc' });
}

/** Why a text that has the shape of a format is still no date or time: a value out of range, or a wrong weekday. */
function outOfRange(text: string, format: string, locale: string, reason: string | null): string {
  const { result } = DateTime.fromFormatExplain(text, format, { locale }) as { result?: Partial<Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>> };
  const { year = 2000, month = 1, day = 1, hour = 0, minute = 0 } = result ?? {};
  if (reason === 'mismatched weekday') {
    return `${text} is not a date: ${DateTime.utc(year, month, day).toFormat('d LLLL yyyy', ENGLISH)} is a ${DateTime.utc(year, month, day).toFormat('cccc', ENGLISH)}`;
  }
  const date = dateProblem(year, month, day);
  if (date) return `${text} is not a date: ${date}`;
  return `${text} is not a time of day: ${clockProblem(hour, minute) ?? 'hours go to 23 and minutes to 59'}`;
}

/** The first format that reads the text, or why the one that fits its shape cannot; undefined when none fits. */
function readWith(text: string, formats: readonly string[], locales: readonly string[]): Parsed<DateTime> | undefined {
  for (const locale of locales) {
    for (const format of formats) {
      const parsed = parse(text, format, locale);
      if (parsed.isValid) return ok(parsed);
      if (parsed.invalidReason !== 'unparsable') return fail(outOfRange(text, format, locale, parsed.invalidReason));
    }
  }
  return undefined;
}

function readTime(text: string): Parsed<TimeOfDay> | undefined {
  if (NOON.has(text.toLowerCase())) return ok({ hour: 12, minute: 0 });
  const read = readWith(text, TIME_FORMATS, ['en-US']);
  return read?.ok ? ok({ hour: read.value.hour, minute: read.value.minute }) : read;
}

/** 4/12/2019 is 4 December to some and 12 April to others: read only when one reading is a date, or both the same. */
function readDayMonth(text: string): Parsed<DateTime> | undefined {
  for (const separator of DAY_MONTH_SEPARATORS) {
    const formats = [`d${separator}M${separator}yyyy`, `M${separator}d${separator}yyyy`] as const;
    const [dayFirst, monthFirst] = formats.map((format) => parse(text, format, 'en-US')) as [DateTime, DateTime];
    if (dayFirst.invalidReason === 'unparsable') continue;
    if (dayFirst.isValid && monthFirst.isValid && !dayFirst.equals(monthFirst)) {
      const name = (dt: DateTime) => dt.toFormat('d LLLL', ENGLISH);
      return fail(
        `"${text}" could be ${name(dayFirst)} or ${name(monthFirst)} ${dayFirst.year}: write the month as a word (${dayFirst.toFormat('d LLL yyyy', ENGLISH)}) or the year first (${dayFirst.toFormat('yyyy-MM-dd')})`,
      );
    }
    if (dayFirst.isValid) return ok(dayFirst);
    if (monthFirst.isValid) return ok(monthFirst);
    return fail(outOfRange(text, formats[0], 'en-US', dayFirst.invalidReason));
  }
  return undefined;
}

function readDate(text: string): Parsed<LocalDate> | undefined {
  const read = readWith(text, YEAR_FIRST, ['en-US']) ?? readDayMonth(text) ?? readWith(text, NAMED, NAME_LOCALES);
  return read?.ok ? ok({ year: read.value.year, month: read.value.month, day: read.value.day }) : read;
}

/** A date, a time of day, or both (the time last); undefined when the text is none of these. */
function readTyped(text: string): Parsed<{ date?: LocalDate; time?: TimeOfDay }> | undefined {
  const tidied = tidy(text);
  const time = readTime(tidied);
  if (time) return time.ok ? ok({ time: time.value }) : time;
  const date = readDate(tidied);
  if (date) return date.ok ? ok({ date: date.value }) : date;
  const split = tidied.lastIndexOf(' ');
  const datePart = split > 0 ? readDate(tidied.slice(0, split)) : undefined;
  const timePart = datePart && readTime(tidied.slice(split + 1));
  if (!datePart || !timePart) return undefined;
  if (!datePart.ok) return datePart;
  if (!timePart.ok) return timePart;
  return ok({ date: datePart.value, time: timePart.value });
}

const dateText = (date: LocalDate) => DateTime.utc(date.year, date.month, date.day).toFormat('yyyy-MM-dd');
const timeText = (time: TimeOfDay) => DateTime.utc(2000, 1, 1, time.hour, time.minute).toFormat('HH:mm');

const passThrough = (text: string, parsed: Parsed<unknown>): Parsed<string> => (parsed.ok ? ok(text) : parsed);

/** A start as typed, in the form of circle files: `2019-12-04T09:30`. */
export function readStart(text: string): Parsed<string> {
  // The file's own form needs no luxon, and says what is wrong in the words of `circle validate`.
  if (LOCAL_DATE_TIME_PATTERN.test(text)) return passThrough(text, parseLocalDateTime(text));
  const read = readTyped(text);
  if (!read) return fail(`"${text}" is not a date and time: ${EXAMPLES}`);
  if (!read.ok) return read;
  const { date, time } = read.value;
  if (!date) return fail(`"${text}" has no date: add one, e.g. 2019-12-04 ${text.trim()}`);
  if (!time) return fail(`"${text}" has no time of day: add one, e.g. ${text.trim()} 9:30`);
  return ok(`${dateText(date)}T${timeText(time)}`);
}

/** An end as typed, in the form of circle files: `10:45` on the day it starts, or `2019-12-05T00:30`. */
export function readEnd(text: string): Parsed<string> {
  if (LOCAL_DATE_TIME_PATTERN.test(text)) return passThrough(text, parseLocalDateTime(text));
  if (TIME_OF_DAY_PATTERN.test(text)) return passThrough(text, parseTimeOfDay(text));
  const read = readTyped(text);
  if (!read) return fail(`"${text}" is not a time: write it like 13:15, 1:15pm or 13h15, or a date and time`);
  if (!read.ok) return read;
  const { date, time } = read.value;
  if (!time) return fail(`"${text}" has no time of day: write the end like 13:15, or a date and time`);
  return ok(date ? `${dateText(date)}T${timeText(time)}` : timeText(time));
}

function placed(local: string, zone: Zone): DateTime | undefined {
  const parsed = parseLocalDateTime(local);
  const place = parsed.ok ? placeLocalTime(parsed.value, zone) : undefined;
  return place?.kind === 'exact' ? place.instant : undefined;
}

function zoneText(instant: DateTime, zone: Zone): string {
  const label = zoneLabel(zone);
  const abbreviation = instant.toFormat('ZZZZ', ENGLISH);
  return zone.isUniversal || abbreviation === label ? label : `${label} (${abbreviation})`;
}

/** `Wednesday 4 December 2019, 09:30 Europe/London (GMT)`, for a start in the form of circle files. */
export function describeStart(start: string, zone: Zone): string | undefined {
  const instant = placed(start, zone);
  return instant && `${longDateTime(instant, zone)} ${zoneText(instant, zone)}`;
}

/** `1h15m`, `45m`, `2h` */
function lengthText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours ? `${hours}h` : ''}${rest || !hours ? `${rest}m` : ''}`;
}

/** `ends 10:45, 1h15m`, or with the day when it is not the day it starts; lengths count real time, across DST changes too. */
export function describeEnd(start: string, ending: { end?: string; duration?: string }, zone: Zone): string | undefined {
  const from = placed(start, zone);
  if (!from) return undefined;
  const minutes = ending.duration === undefined ? undefined : parseDuration(ending.duration);
  const local = ending.end !== undefined && TIME_OF_DAY_PATTERN.test(ending.end) ? `${start.slice(0, 10)}T${ending.end}` : ending.end;
  const to = minutes?.ok ? from.plus({ minutes: minutes.value }) : local === undefined ? undefined : placed(local, zone);
  if (!to) return undefined;
  const when = to.toISODate() === from.toISODate() ? to.toFormat('HH:mm') : longDateTime(to, zone);
  return `ends ${when}, ${lengthText(to.diff(from, 'minutes').minutes)}`;
}
