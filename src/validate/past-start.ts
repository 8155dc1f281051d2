import type { DateTime, Zone } from 'luxon';
import { longDateTime, zoneLabel } from '../model/time.js';

/*
 * A circle whose start has passed but is still `scheduled`: it took place (an archive), or it moved
 * or was dropped and its file was never changed. The tool cannot tell, so it says so and changes nothing.
 */

/** "Wednesday 4 December 2019, 12:00 GMT" when a scheduled circle's start has passed; undefined otherwise. */
export function pastStart(start: DateTime, zone: Zone, status: string | undefined, now: DateTime): string | undefined {
  if (status === 'cancelled' || start.toMillis() > now.toMillis()) return undefined;
  return `${longDateTime(start, zone)} ${zoneLabel(zone)}`;
}

export const PAST_START_HINT = 'if it took place, nothing to do; if it moved, change start:; if it did not take place, set status: cancelled';
