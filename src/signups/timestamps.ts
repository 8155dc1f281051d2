import { DateTime, type Zone } from 'luxon';
import { refused } from '../failure.js';

/*
 * Signup times as form exports write them: Google Forms "10/28/2019 9:14:02" (US sheet) or
 * "28/10/2019 9:14:02" (most other locales), Excel "28.10.2019 09:14" or "10/28/19 9:14 AM",
 * Typeform "2019-10-28 09:14:02" (UTC), Eventbrite "2019-10-28 09:14:02-05:00". Whether a date is
 * day-first or month-first is decided once for the whole file, from its values. A hand-made
 * regex parser, not luxon per row: a 100,000-row export must not wait on date parsing.
 */

export type DateOrder = 'day-first' | 'month-first';

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASHED =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:,?\s*(?:[T ]\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([ap])\.?\s?m\.?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function offsetMinutes(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (/^(z|utc|gmt)$/i.test(text)) return 0;
  const digits = text.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
}

/**
 * A date and its clock (match groups from `from` on) as wall-clock milliseconds, or undefined when
 * a part is out of range. Plain numbers, no objects: it runs once per row of a large export.
 */
function wallClock(year: number, month: number, day: number, match: RegExpExecArray, from: number, meridiem?: string): number | undefined {
  let hour = Number(match[from] ?? 0);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  const minute = Number(match[from + 1] ?? 0);
  const second = Number(match[from + 2] ?? 0);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // Every month has 28 days: only later ones need the calendar.
  if (day > 28 && day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  const fraction = match[from + 3];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0);
  // Date.UTC reads years 0-99 as 1900-1999: "10/28/0001" is year 1, not 1901.
  return year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
}

type ToInstant = (wall: number) => number;

/** A written offset wins over the zone the file is read in. */
function instantOf(wall: number | undefined, offsetText: string | undefined, toInstant: ToInstant): number | undefined {
  if (wall === undefined) return undefined;
  const offset = offsetMinutes(offsetText);
  return offset === undefined ? toInstant(wall) : wall - offset * 60_000;
}

function readIso(value: string, toInstant: ToInstant): number | undefined {
  const m = ISO.exec(value);
  return m ? instantOf(wallClock(Number(m[1]), Number(m[2]), Number(m[3]), m, 4), m[8], toInstant) : undefined;
}

function readSlashed(m: RegExpExecArray, order: DateOrder, toInstant: ToInstant): number | undefined {
  const a = Number(m[1]);
  const b = Number(m[2]);
  const year = m[3]?.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const wall = order === 'day-first' ? wallClock(year, b, a, m, 4, m[8]) : wallClock(year, a, b, m, 4, m[8]);
  return instantOf(wall, m[9], toInstant);
}

/** Wall-clock milliseconds to an instant in a zone, remembering each zone's offset per quarter hour. */
function zoneConverter(zone: Zone): ToInstant {
  const cache = new Map<number, number>();
  const day = 86_400_000;
  // Rows come in time order: the next row is mostly in the same quarter hour as the last.
  let lastBucket = Number.NaN;
  let lastOffset = 0;
  return (wall) => {
    const bucket = Math.floor(wall / 900_000);
    if (bucket === lastBucket) return wall - lastOffset * 60_000;
    let offset = cache.get(bucket);
    if (offset === undefined) {
      const before = zone.offset(wall - day);
      const after = zone.offset(wall + day);
      if (before === after) offset = before;
      else {
        const fits = [before, after].filter((o) => zone.offset(wall - o * 60_000) === o);
        // Repeated by a DST change: the earlier instant; skipped by one: the offset before the change.
        offset = fits.length ? Math.max(...fits) : before;
      }
      cache.set(bucket, offset);
    }
    lastBucket = bucket;
    lastOffset = offset;
    return wall - offset * 60_000;
  };
}

export interface TimeColumn {
  /** Epoch milliseconds, or undefined for a value that is not a date and time. */
  read(value: string): number | undefined;
  order?: DateOrder;
}

export interface TimeColumnOptions {
  zone: Zone;
  /** day-first, month-first, or a luxon format such as "d LLL yyyy HH:mm". */
  dateFormat?: string;
  file: string;
  header: string;
  /** The spreadsheet row of values[i] (default i + 2: no row skipped). */
  rowOf?: (index: number) => number;
}

/** Decides how to read a file's timestamp column from all its values. */
export function timeColumn(values: readonly string[], options: TimeColumnOptions): TimeColumn {
  const toInstant = zoneConverter(options.zone);
  const format = options.dateFormat;
  if (format && format !== 'day-first' && format !== 'month-first') {
    if (!/[yLMd]/.test(format)) throw refused('usage', `--date-format ${format} has no date in it`, 'use day-first, month-first, or luxon tokens such as "d LLL yyyy HH:mm"');
    // Built once: luxon would otherwise compile the format again for every row.
    const parser = DateTime.buildFormatParser(format, { locale: 'en' });
    return {
      read: (value) => {
        const parsed = DateTime.fromFormatParser(value.trim(), parser, { zone: options.zone, locale: 'en' });
        return parsed.isValid ? parsed.toMillis() : undefined;
      },
    };
  }
  const order = (format as DateOrder | undefined) ?? decideOrder(values, options);
  const read = (text: string, to: ToInstant) => {
    const slashed = SLASHED.exec(text);
    return slashed ? readSlashed(slashed, order ?? 'day-first', to) : readIso(text, to);
  };
  // Row after row has the same date: each is read once (as wall-clock midnight), then only the clocks.
  const days = new Map<string, number>();
  const dayOf = (date: string) => {
    let day = days.get(date);
    if (day === undefined) days.set(date, (day = (PLAIN_DATE.test(date) ? read(date, (wall) => wall) : undefined) ?? Number.NaN));
    return Number.isNaN(day) ? undefined : day;
  };
  return {
    read: (value) => {
      const text = value.trim();
      const space = text.indexOf(' ');
      const clock = space > 0 ? clockOf(text, space + 1) : undefined;
      const day = clock === undefined ? undefined : dayOf(text.slice(0, space));
      return day === undefined || clock === undefined ? read(text, toInstant) : toInstant(day + clock);
    },
    ...(order ? { order } : {}),
  };
}

/** A date alone, no offset: 28/10/2019, 10-28-19, 2019-10-28. */
const PLAIN_DATE = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;

/** Digits text[start..end) as a number, or -1. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/** "9:14", "09:14:02" from `from` to the end, as milliseconds into the day; anything else is left to the full patterns. */
function clockOf(text: string, from: number): number | undefined {
  const colon = text.indexOf(':', from);
  if (colon - from < 1 || colon - from > 2) return undefined;
  const seconds = text.length - colon === 6 && text.charCodeAt(colon + 3) === 58;
  if (text.length - colon !== 3 && !seconds) return undefined;
  const hour = digits(text, from, colon);
  const minute = digits(text, colon + 1, colon + 3);
  const second = seconds ? digits(text, colon + 4, colon + 6) : 0;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return ((hour * 60 + minute) * 60 + second) * 1000;
}

// The first two numbers of a slashed date, as SLASHED reads them.
const LEADING = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]/;

function decideOrder(values: readonly string[], options: TimeColumnOptions): DateOrder | undefined {
  const first: { dayFirst?: number; monthFirst?: number; ambiguous?: number } = {};
  // Rows of one day start alike: once a start's kind is known, values with that start are passed over.
  let known = '';
  values.forEach((value, i) => {
    if (known !== '' && value.startsWith(known)) return;
    const m = LEADING.exec(value);
    if (!m) return;
    const a = Number(m[1]);
    const b = Number(m[2]);
    const kind = a > 12 && b <= 12 ? 'dayFirst' : b > 12 && a <= 12 ? 'monthFirst' : 'ambiguous';
    // Only the first value of each kind counts: the whole pattern is checked for those alone.
    if (first[kind] === undefined && SLASHED.test(value.trim())) first[kind] = i;
    if (first[kind] !== undefined) known = m[0];
  });
  const { dayFirst, monthFirst, ambiguous } = first;
  const at = (i: number) => `row ${options.rowOf ? options.rowOf(i) : i + 2}: "${values[i]}"`;
  if (dayFirst !== undefined && monthFirst !== undefined) {
    throw refused('input',
      `${options.file}: the dates in "${options.header}" mix day-first (${at(dayFirst)}) and month-first (${at(monthFirst)})`,
      'correct the odd rows, or pass --date-format day-first or month-first to read them all one way',
    );
  }
  if (dayFirst !== undefined) return 'day-first';
  if (monthFirst !== undefined) return 'month-first';
  if (ambiguous !== undefined) {
    throw refused('input',
      `${options.file}: cannot tell whether the dates in "${options.header}" are day-first or month-first (${at(ambiguous)} reads both ways)`,
      'pass --date-format day-first (28/10/2019) or --date-format month-first (10/28/2019)',
    );
  }
  return undefined;
}

/** How far a signup time may be from its circle's date (and from the import) before it is taken for a typo. */
const YEARS_AWAY = 3;

/** The years a signup time may be in: a few around the circles' dates and today. */
export interface SignupYears {
  from: number;
  to: number;
  /** The circles' dates, as a sentence says them. */
  around: string;
}

/**
 * For circles starting at `starts` (epoch milliseconds), seen at `now`: the years a signup time may
 * be in. A year far from theirs (0001, 9999) would put the person first or last in the queue.
 * Later signups are measured from today too: people sign up again for a circle long gone by, to
 * hear of the recording. Undefined when there is no circle to measure from.
 */
export function signupYears(starts: readonly number[], now: number): SignupYears | undefined {
  if (starts.length === 0) return undefined;
  const earliest = Math.min(...starts);
  const latest = Math.max(...starts);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const circles = earliest === latest ? `the circle's date (${day(earliest)})` : `the circles' dates (${day(earliest)} to ${day(latest)})`;
  return {
    from: new Date(earliest).getUTCFullYear() - YEARS_AWAY,
    to: new Date(Math.max(latest, now)).getUTCFullYear() + YEARS_AWAY,
    around: `${YEARS_AWAY} years around ${circles} and today`,
  };
}

/** Why the signup time `signedUp` (epoch ms) is out of `years`, or undefined when it is in them. */
export function outOfYears(years: SignupYears | undefined, signedUp: number): string | undefined {
  if (!years) return undefined;
  const year = new Date(signedUp).getUTCFullYear();
  return year >= years.from && year <= years.to ? undefined : `is in year ${year}, not in ${years.from}–${years.to} (${years.around})`;
}

/** For circles starting at `starts`, imported at `importedAt`: why a timestamp of the file cannot be right, or undefined when it can. */
export function circleWindow(starts: readonly number[], importedAt: number): (value: string, signedUp: number) => string | undefined {
  const years = signupYears(starts, importedAt);
  return (value, signedUp) => {
    const why = outOfYears(years, signedUp);
    return why && `timestamp ${JSON.stringify(value)} ${why}: correct the year in the file and import again`;
  };
}
