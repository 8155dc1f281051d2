import type { DateTime, Zone } from 'luxon';
import type { Circle, Series } from './schema.js';
import { parseDuration, parseLocalDateTime, parseTimeOfDay, placeLocalTime, resolveZone, TIME_OF_DAY_PATTERN, zoneLabel } from './time.js';

/** A valid circle with its series defaults applied and its times turned into instants. */
export interface ResolvedCircle {
  circle: Circle;
  series: Series;
  zone: Zone;
  /** GMT for UTC, else the IANA name. */
  zoneLabel: string;
  start: DateTime;
  end: DateTime;
  reminderMinutes: number;
  organizer?: { name: string; email: string };
  file: string;
}

function must<T>(parsed: { ok: true; value: T } | { ok: false; reason: string }, what: string): T {
  if (!parsed.ok) throw new Error(`${what} of a validated circle: ${parsed.reason}`);
  return parsed.value;
}

/** Only for circles that passed validation: anything wrong here is a bug, not a user error. */
export function resolveCircle(circle: Circle, series: Series, file: string): ResolvedCircle {
  const zone = must(resolveZone(circle.timezone ?? series.timezone), 'timezone');
  const local = must(parseLocalDateTime(circle.start), 'start');
  const placed = placeLocalTime(local, zone);
  if (placed.kind !== 'exact') throw new Error(`start of a validated circle is not exact: ${circle.start}`);
  const start = placed.instant;
  let end: DateTime;
  if (circle.end !== undefined) {
    const endLocal = TIME_OF_DAY_PATTERN.test(circle.end)
      ? { ...local, ...must(parseTimeOfDay(circle.end), 'end') }
      : must(parseLocalDateTime(circle.end), 'end');
    const endPlaced = placeLocalTime(endLocal, zone);
    if (endPlaced.kind !== 'exact') throw new Error(`end of a validated circle is not exact: ${circle.end}`);
    end = endPlaced.instant;
  } else {
    end = start.plus({ minutes: must(parseDuration(circle.duration ?? ''), 'duration') });
  }
  const organizer = circle.organizer ?? series.organizer;
  return {
    circle,
    series,
    zone,
    zoneLabel: zoneLabel(zone),
    start,
    end,
    reminderMinutes: must(parseDuration(circle.reminder ?? series.reminder), 'reminder'),
    ...(organizer ? { organizer } : {}),
    file,
  };
}
