import type { DateTime } from 'luxon';
import type { ResolvedCircle } from '../model/circle.js';
import { pastStart } from '../validate/past-start.js';

/*
 * An announcement of circles that have started keeps its text (an archive reads as announced);
 * the organiser hears which circles are past, in case one moved or did not take place.
 */

export interface PastCircle {
  id: string;
  /** When it started, in its own zone: "Wednesday 4 December 2019, 12:00 GMT". */
  when: string;
}

/** The scheduled circles among `circles` whose start has passed at `now`, in their order. */
export function pastCircles(circles: readonly ResolvedCircle[], now: DateTime): PastCircle[] {
  return circles.flatMap(({ circle, start, zone }) => {
    const when = pastStart(start, zone, circle.status, now);
    return when ? [{ id: circle.id, when }] : [];
  });
}

/** The warning about past circles and its hint; none when no circle is past. */
export function pastWarning(past: readonly PastCircle[]): { warning: string; hint: string } | undefined {
  if (past.length === 0) return undefined;
  const one = past.length === 1;
  const lines = past.map(({ id, when }) => `  ${id}: ${when}`);
  return {
    warning: `${one ? 'a circle has' : `${past.length} circles have`} started but ${one ? 'is' : 'are'} still scheduled; this announcement offers ${one ? 'it' : 'them'} as if to come:\n${lines.join('\n')}`,
    hint: 'if one moved, change its start; if it did not take place, set status: cancelled (an archive needs nothing)',
  };
}
