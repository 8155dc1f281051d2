import { Duration, type DateTime } from 'luxon';
import type { ResolvedCircle } from '../model/circle.js';
import { parseDuration } from '../model/time.js';
import { inSignupOrder, type Roster } from '../roster/types.js';
import { derivedOnce } from '../workspace/derived.js';
import { saidOf, signupId, type Said, type WantedMessage } from './messages.js';

/*
 * `circle remind`: which reminder emails are due, from the circle, its roster and the clock: pure
 * rules. Whether one was sent already is the journal's to say (planDelivery), by the message key.
 *
 * Only the reminder whose time came last is ever due: when a run is late and several have come
 * (24 h and 1 h, run 30 minutes before the start), the earlier ones have passed and are never sent,
 * so nobody gets two reminders at once. Nothing is due at or after the start.
 */

/** The circle as reminders need it. */
export interface ReminderCircle {
  cancelled: boolean;
  start: DateTime;
  /** Minutes before the start of each reminder. */
  minutes: readonly number[];
  /** What a reminder says of the circle (its start, end, platform and link), journaled with it. */
  said: Said;
}

/** The circle's `reminders`, else its series': minutes before the start, each once (the schema lets only durations through); parsed once per read circle. */
export const reminderMinutes = derivedOnce((resolved: ResolvedCircle): readonly number[] => {
  const minutes = (resolved.circle.reminders ?? resolved.series.reminders).flatMap((text) => {
    const parsed = parseDuration(text);
    return parsed.ok ? [parsed.value] : [];
  });
  return [...new Set(minutes)];
});

export function reminderCircle(resolved: ResolvedCircle): ReminderCircle {
  return { cancelled: resolved.circle.status === 'cancelled', start: resolved.start, minutes: reminderMinutes(resolved), said: saidOf(resolved, true) };
}

export const MINUTE = 60_000;

/** The reminder due at `now` (minutes before the start): of those whose time has come, the latest; none from the start on. */
export function dueReminder(minutes: readonly number[], start: DateTime, now: DateTime): number | undefined {
  if (now >= start) return undefined;
  // Minutes are a fixed length (no calendar in them): counted in milliseconds, as luxon's minus() would.
  const [at, clock] = [start.toMillis(), now.toMillis()];
  const come = minutes.filter((m) => at - m * MINUTE <= clock);
  return come.length === 0 ? undefined : Math.min(...come);
}

/** "PT24H", "PT1H30M": how a reminder is named in its message key. */
const named = (minutes: number) => Duration.fromObject({ minutes }).shiftTo('hours', 'minutes').toISO();

/**
 * The reminder due now, to each confirmed person; none for a cancelled circle. The key names the
 * signup, the reminder and the start, so each person gets each reminder once for each start: a
 * circle moved to another time is reminded of again.
 */
export function reminderMessages(roster: Roster, circle: ReminderCircle, now: DateTime): WantedMessage[] {
  if (circle.cancelled) return [];
  const due = dueReminder(circle.minutes, circle.start, now);
  if (due === undefined) return [];
  return inSignupOrder(roster.signups.filter((s) => s.status === 'confirmed')).map((signup) => ({
    key: `reminder:${signupId(signup)}:${named(due)}:${circle.said.start ?? ''}`,
    kind: 'reminder',
    signup,
    said: circle.said,
  }));
}
