import type { DateTime, Zone } from 'luxon';
import { RESERVED_IDS } from '../model/slug.js';
import {
  describePlacement,
  DURATION_PATTERN,
  LOCAL_DATE_TIME_PATTERN,
  parseDuration,
  parseLocalDateTime,
  parseTimeOfDay,
  placeLocalTime,
  resolveZone,
  TIME_OF_DAY_PATTERN,
  type LocalDateTime,
} from '../model/time.js';
import { pastStart, PAST_START_HINT } from './past-start.js';
import { error, warning, type Finding } from './problem.js';
import { reservedSettingFindings } from './reserved-domains.js';
import { didYouMean } from './suggest.js';

/** What a circle's rules need to know about the rest of the workspace. */
export interface CircleContext {
  /** The file name without `.yaml`. */
  fileId: string;
  /** Known series by slug, with the defaults a circle inherits. */
  series: ReadonlyMap<string, { timezone?: unknown; organizer?: unknown }>;
  /** The present, for the warning about a start that has passed; without it (circles read to act on, not to show warnings) that is not checked. */
  now?: DateTime;
}

type Raw = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const MAX_MINUTES = 24 * 60;

/**
 * Rules that look at more than one field of a circle. They read the raw file data and skip
 * fields the schema already rejects, so one run reports every problem of the file.
 */
export function circleFindings(raw: Raw, context: CircleContext): Finding[] {
  const findings: Finding[] = [];
  const id = str(raw.id);
  if (id !== undefined && id !== context.fileId) {
    findings.push(error(['id'], `id "${id}" does not match the file name ${context.fileId}.yaml`, `rename the file to ${id}.yaml, or set id: ${context.fileId}`));
  }
  if (id !== undefined && RESERVED_IDS.has(id)) {
    findings.push(error(['id'], `"${id}" is a command word and cannot be a circle id`, 'choose a more specific id, e.g. one made from the title'));
  }
  const seriesSlug = str(raw.series);
  const series = seriesSlug === undefined ? undefined : context.series.get(seriesSlug);
  if (seriesSlug !== undefined && !series) {
    const known = [...context.series.keys()];
    findings.push(
      error(['series'], `unknown series "${seriesSlug}"`, known.length ? didYouMean(seriesSlug, known) : 'create circles/<slug>.series.yaml for it (circle init shows one)'),
    );
  }
  const zone = circleZone(raw, series, findings);
  findings.push(...sessionFindings(raw, zone, context.now));
  if (raw.summary === undefined) {
    findings.push(warning([], 'no summary: announcements will show only the title', 'add summary: with a few sentences on the session'));
  }
  if (raw.status !== 'cancelled' && raw.signup_url === undefined) {
    findings.push(warning([], 'no signup_url: announcements cannot offer a sign-up link', 'add signup_url: https://…'));
  }
  if (raw.organizer === undefined && series && series.organizer === undefined) {
    findings.push(warning([], 'no organizer here or in the series: mail will need CIRCLE_FROM', 'add organizer: {name, email} to the series file'));
  }
  findings.push(...reservedSettingFindings(raw));
  return findings;
}

function circleZone(raw: Raw, series: { timezone?: unknown } | undefined, findings: Finding[]): Zone | undefined {
  const own = str(raw.timezone);
  if (own !== undefined) {
    const zone = resolveZone(own);
    if (!zone.ok) findings.push(error(['timezone'], zone.reason, 'use a Region/City name from the IANA list, or GMT'));
    return zone.ok ? zone.value : undefined;
  }
  const inherited = str(series?.timezone);
  if (inherited !== undefined) {
    const zone = resolveZone(inherited);
    return zone.ok ? zone.value : undefined;
  }
  if (series) findings.push(error([], 'no timezone here or in the series', 'add timezone: Europe/London (or GMT)'));
  return undefined;
}

/** Start, end or duration: real dates, an order that makes sense, and wall-clock times that exist. */
function sessionFindings(raw: Raw, zone: Zone | undefined, now: DateTime | undefined): Finding[] {
  const findings: Finding[] = [];
  const startText = str(raw.start);
  const endText = str(raw.end);
  const durationText = str(raw.duration);
  if (endText !== undefined && durationText !== undefined) {
    findings.push(error(['duration'], 'both end and duration are given', 'keep one of them'));
  }
  if (raw.end === undefined && raw.duration === undefined) {
    findings.push(error([], 'missing end or duration', 'add end: 13:15 (same day) or duration: 1h15m'));
  }
  if (startText === undefined || !LOCAL_DATE_TIME_PATTERN.test(startText)) return findings;
  const start = parseLocalDateTime(startText);
  if (!start.ok) return [...findings, error(['start'], start.reason, 'write a real date as YYYY-MM-DDTHH:MM')];
  const startPlace = zone ? placeLocalTime(start.value, zone) : undefined;
  const startProblem = zone && startPlace && describePlacement(startText, zone, startPlace);
  if (startProblem) findings.push(error(['start'], startProblem, 'move the session to a time that exists once, or give it in another zone'));
  const past = zone && now && startPlace?.kind === 'exact' ? pastStart(startPlace.instant, zone, str(raw.status), now) : undefined;
  if (past) findings.push(warning(['start'], `the circle started on ${past} and is still scheduled`, PAST_START_HINT));

  let minutes: number | undefined;
  let endField: 'end' | 'duration' = 'end';
  const endWellFormed = endText !== undefined && (TIME_OF_DAY_PATTERN.test(endText) || LOCAL_DATE_TIME_PATTERN.test(endText));
  if (endText !== undefined && durationText === undefined) {
    if (!endWellFormed) return findings;
    const end = localEnd(start.value, endText);
    if (!end.ok) return [...findings, error(['end'], end.reason, 'write end as 13:15 or 2019-12-04T13:15')];
    if (zone && startPlace?.kind === 'exact') {
      const endPlace = placeLocalTime(end.value, zone);
      const endProblem = describePlacement(endText, zone, endPlace);
      if (endProblem) return [...findings, error(['end'], endProblem, 'give the length as duration instead')];
      if (endPlace.kind === 'exact') minutes = endPlace.instant.diff(startPlace.instant, 'minutes').minutes;
    } else {
      minutes = (Date.UTC(end.value.year, end.value.month - 1, end.value.day, end.value.hour, end.value.minute) -
        Date.UTC(start.value.year, start.value.month - 1, start.value.day, start.value.hour, start.value.minute)) / 60_000;
    }
  } else if (durationText !== undefined && DURATION_PATTERN.test(durationText)) {
    endField = 'duration';
    const duration = parseDuration(durationText);
    if (!duration.ok) return [...findings, error(['duration'], duration.reason, 'e.g. duration: 1h15m')];
    minutes = duration.value;
  }
  if (minutes !== undefined && minutes <= 0) {
    findings.push(
      error([endField], `the session ends before it starts (${endText} is not after ${startText.slice(11)})`, 'for a session past midnight give end as a date-time, e.g. 2019-12-05T00:30, or a duration'),
    );
  } else if (minutes !== undefined && minutes > MAX_MINUTES) {
    findings.push(error([endField], `the session lasts ${Math.floor(minutes / 60)}h${minutes % 60 ? `${minutes % 60}m` : ''}; a session is at most 24 hours`, 'check the end date'));
  }
  return findings;
}

function localEnd(start: LocalDateTime, endText: string) {
  if (TIME_OF_DAY_PATTERN.test(endText)) {
    const clock = parseTimeOfDay(endText);
    return clock.ok ? { ok: true as const, value: { ...start, ...clock.value } } : clock;
  }
  return parseLocalDateTime(endText);
}

/** Series rules beyond the schema: file name and default zone. */
export function seriesFindings(raw: Raw, fileSlug: string): Finding[] {
  const findings: Finding[] = [];
  const slug = str(raw.slug);
  if (slug !== undefined && slug !== fileSlug) {
    findings.push(error(['slug'], `slug "${slug}" does not match the file name ${fileSlug}.series.yaml`, `rename the file to ${slug}.series.yaml, or set slug: ${fileSlug}`));
  }
  const timezone = str(raw.timezone);
  if (timezone !== undefined) {
    const zone = resolveZone(timezone);
    if (!zone.ok) findings.push(error(['timezone'], zone.reason, 'use a Region/City name from the IANA list, or GMT'));
  }
  findings.push(...reservedSettingFindings(raw));
  return findings;
}
