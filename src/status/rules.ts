import { DateTime } from 'luxon';
import { MINUTE, reminderMinutes } from '../mail/reminders.js';
import type { ResolvedCircle } from '../model/circle.js';
import { longDateTime } from '../model/time.js';
import { inSignupOrder, type Signup } from '../roster/types.js';
import { pastStart, PAST_START_HINT } from '../validate/past-start.js';
import { reservedFromFinding, reservedSettingFindings } from '../validate/reserved-domains.js';
import type { MailboxStatus } from './mailbox.js';
import type { Held, Owed } from './mail.js';

/*
 * What `circle status` reports of each circle, and which of it needs a person: mail that failed,
 * may not have arrived or bounced, settings still at placeholders, a roster the tool cannot read,
 * a seat offer past its deadline that no run passed on. Mail merely owed, offers still open and
 * reminders to come go by themselves with the next runs. A circle past its start but still
 * `scheduled` is shown, and needs no person: the tool cannot tell a session that took place (the
 * usual case, nothing to do) from one that moved, and counting it would keep `--check` and
 * `circle run` at exit 1 from the first session on.
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
  offered: number | null;
  waitlisted: number | null;
  owed: Owed[];
  /** The seats offered, soonest deadline first; `expired` once the deadline passed (a run passes the seat on). */
  offers: Offer[];
  /** When the next reminder (`reminders`) comes, for a scheduled circle with people seated; null when none is to come. */
  nextReminder: { at: string; before: string; when: string } | null;
  mail: Held[];
  placeholders: Placeholder[];
  /** When a circle still `scheduled` started ("Wednesday 4 December 2019, 12:00 GMT"), with what to do; null otherwise. */
  past: { started: string; hint: string } | null;
  /** What keeps the mail of this circle from being planned (a damaged roster, an address mail cannot go to). */
  problems: Array<{ message: string; hint: string }>;
  needsPerson: boolean;
}

/** A seat offered: the person in full, and the deadline to accept by. */
export interface Offer {
  email: string;
  name: string | null;
  /** ISO instant. */
  expires: string;
  /** The deadline in the circle's zone and in UTC. */
  when: string;
  expired: boolean;
}

/** "Tuesday 3 December 2019, 12:00 America/Bogota (17:00 UTC)": an instant as the organiser of the circle reads it. */
export function shownIn(instant: DateTime, resolved: Pick<ResolvedCircle, 'zone' | 'zoneLabel'>): string {
  const local = `${longDateTime(instant, resolved.zone)} ${resolved.zoneLabel}`;
  return resolved.zone.offset(instant.toMillis()) === 0 ? local : `${local} (${instant.toUTC().toFormat('HH:mm')} UTC)`;
}

/** The offered signups of a circle, soonest deadline first. */
export function offersIn(resolved: ResolvedCircle, signups: readonly Signup[], now: DateTime): Offer[] {
  return inSignupOrder(signups.filter((s) => s.status === 'offered' && s.offerExpires !== undefined))
    .map((s) => {
      const expires = DateTime.fromISO(s.offerExpires!, { zone: 'utc' });
      return { email: s.email, name: s.name ?? null, expires: s.offerExpires!, when: shownIn(expires, resolved), expired: expires <= now };
    })
    .sort((a, b) => Date.parse(a.expires) - Date.parse(b.expires));
}

/** "24h", "1h30m", "45m": a reminder as the circle file names it. */
const before = (minutes: number) => [Math.floor(minutes / 60) ? `${Math.floor(minutes / 60)}h` : '', minutes % 60 ? `${minutes % 60}m` : ''].join('');

/** The next reminder to come after `now` (one already due is owed mail, not this); none for a cancelled circle or nobody seated. */
export function nextReminder(resolved: ResolvedCircle, confirmed: number, now: DateTime): CircleStatus['nextReminder'] {
  if (resolved.circle.status === 'cancelled' || confirmed === 0) return null;
  const [start, clock] = [resolved.start.toMillis(), now.toMillis()];
  const minutes = reminderMinutes(resolved).filter((m) => start - m * MINUTE > clock);
  if (minutes.length === 0) return null;
  const m = Math.max(...minutes);
  // Minutes are a fixed length: the instant is arithmetic, without luxon's calendar maths.
  const at = DateTime.fromMillis(start - m * MINUTE, { zone: resolved.start.zone });
  return { at: at.toISO() ?? '', before: before(m), when: shownIn(at, resolved) };
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

/** Whether a circle needs a person: held mail, a placeholder, a problem, or an offer past its deadline still held. */
export const circleNeedsPerson = (c: Pick<CircleStatus, 'mail' | 'placeholders' | 'problems' | 'offers'>): boolean =>
  c.mail.length > 0 || c.placeholders.length > 0 || c.problems.length > 0 || c.offers.some((o) => o.expired);

/** Whether the workspace needs a person: a circle does, a series file or CIRCLE_FROM holds a placeholder, a file the tool wrote is stale, or the mailbox cannot be read. */
export const workspaceNeedsPerson = (
  circles: ReadonlyArray<Pick<CircleStatus, 'needsPerson'>>,
  placeholders: readonly Placeholder[],
  stale: readonly string[],
  mailbox: Pick<MailboxStatus, 'problem'> | null,
): boolean => circles.some((c) => c.needsPerson) || placeholders.length > 0 || stale.length > 0 || mailbox?.problem != null;
