import type { DateTime } from 'luxon';
import type { ResolvedCircle } from '../model/circle.js';
import { pastStart, PAST_START_HINT } from '../validate/past-start.js';
import { reservedFromFinding, reservedSettingFindings } from '../validate/reserved-domains.js';
import type { Held, Owed } from './mail.js';

/*
 * What `circle status` reports of each circle, and which of it needs a person: mail that failed,
 * may not have arrived or bounced, settings still at placeholders, a circle past its start but
 * still scheduled, a roster the tool cannot read. Mail merely owed goes by itself with the next run.
 */

/** A setting that still names a domain reserved for examples, as `circle validate` warns of it. */
export interface Placeholder {
  file: string;
  setting: string;
  message: string;
  hint: string;
}

export interface CircleStatus {
  id: string;
  series: string;
  /** ISO instant with the circle's own offset. */
  start: string;
  status: string;
  capacity: number;
  /** null when the roster cannot be read. */
  confirmed: number | null;
  waitlisted: number | null;
  owed: Owed[];
  mail: Held[];
  placeholders: Placeholder[];
  /** When a circle still `scheduled` started ("Wednesday 4 December 2019, 12:00 GMT"), with what to do; null otherwise. */
  past: { started: string; hint: string } | null;
  /** What keeps the mail of this circle from being planned (a damaged roster, an address mail cannot go to). */
  problems: Array<{ message: string; hint: string }>;
  needsPerson: boolean;
}

/** The placeholders of a circle or series file (its parsed settings, `file` as shown). */
export function placeholdersIn(settings: object, file: string): Placeholder[] {
  return reservedSettingFindings(settings as Record<string, unknown>).map((f) => ({ file, setting: f.path.join('.'), message: f.message, hint: f.hint ?? '' }));
}

/** CIRCLE_FROM, which mail comes from for circles without an organizer, as a placeholder of the environment. */
export function fromPlaceholder(from: string | undefined): Placeholder[] {
  const found = reservedFromFinding(from);
  return found ? [{ file: 'environment', setting: 'CIRCLE_FROM', ...found }] : [];
}

/** A scheduled circle whose start is not after `now`. */
export function pastScheduled(resolved: ResolvedCircle, now: DateTime): CircleStatus['past'] {
  const started = pastStart(resolved.start, resolved.zone, resolved.circle.status, now);
  return started === undefined ? null : { started, hint: PAST_START_HINT };
}

/** Whether a circle needs a person: anything but mail merely owed. */
export const circleNeedsPerson = (c: Pick<CircleStatus, 'mail' | 'placeholders' | 'past' | 'problems'>): boolean =>
  c.mail.length > 0 || c.placeholders.length > 0 || c.past !== null || c.problems.length > 0;

/** Whether the workspace needs a person: a circle does, a series file or CIRCLE_FROM holds a placeholder, or a file the tool wrote is stale. */
export const workspaceNeedsPerson = (circles: ReadonlyArray<Pick<CircleStatus, 'needsPerson'>>, placeholders: readonly Placeholder[], stale: readonly string[]): boolean =>
  circles.some((c) => c.needsPerson) || placeholders.length > 0 || stale.length > 0;
