import type { Language } from '../model/schema.js';

/*
 * A circle's roster: everyone who signed up for it, in one YAML file per circle (rosters/<id>.yaml).
 * Times are ISO instants in UTC with milliseconds (`2019-10-28T09:14:02.000Z`), so comparing the
 * strings compares the instants.
 */

/** `offered`: a freed seat held for this person until `offerExpires` (timed seat offers, `offer_hours`). */
export const STATUSES = ['confirmed', 'offered', 'waitlisted', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

/** A seated person's answer to the calendar invitation (a decline cancels the seat instead). */
export const REPLIES = ['accepted', 'tentative'] as const;
export type Reply = (typeof REPLIES)[number];

/**
 * How a signup came: `import` numbers the change that added it (ties in time go by import, then
 * row). The signups of one change share one of these; each has its own `row`.
 */
export interface SignupSource {
  via: 'import' | 'walk-in' | 'move';
  import: number;
  /** The CSV file name (no folder), for imported signups. */
  file?: string;
  /** The file had no timestamp column: `signedUp` is when it was imported, and file order ranks it. */
  untimed?: boolean;
  /** For a move: the circle it came from. */
  from?: string;
}

export interface Signup {
  name?: string;
  /** As the person spelled it; compare with emailKey(). */
  email: string;
  language: Language;
  organisation?: string;
  country?: string;
  signedUp: string;
  source: SignupSource;
  /** Its spreadsheet row in source.file (the header is row 1); the roster file writes it in `source`. */
  row?: number;
  status: Status;
  statusChanged: string;
  /**
   * Moved from the waitlist to a seat and not yet told: a "you have a seat" email is owed.
   * Set only by promotion; cleared by clearSeatEmailOwed() once the email is sent, or by a cancel.
   */
  seatEmailOwed?: boolean;
  /** For an `offered` signup: when the offer lapses (ISO instant) unless the person claims the seat. */
  offerExpires?: string;
  /** The last answer the person gave to the calendar invitation; set with `replied`, dropped by a cancel. */
  reply?: Reply;
  /** When they gave it (ISO instant). */
  replied?: string;
  /** Why the status last changed, when it is not obvious: "moved to <id>". */
  note?: string;
}

/** What is left of a signup erased on request: no name or address, only a one-way fingerprint of its row. */
export interface RemovedNote {
  removed: string;
  status: Status;
  /** sha256 of the row's identity (see rowFingerprint()), so an old export imported again does not bring the person back. */
  fingerprint: string;
}

export interface Roster {
  circle: string;
  /** The number of the last change that added signups (imports, walk-ins, moves). */
  lastImport: number;
  signups: Signup[];
  removed: RemovedNote[];
}

export const emptyRoster = (circle: string): Roster => ({ circle, lastImport: 0, signups: [], removed: [] });

/** Signup order: time, then import, then row. */
export function compareSignups(a: Signup, b: Signup): number {
  if (a.signedUp < b.signedUp) return -1;
  if (a.signedUp > b.signedUp) return 1;
  if (a.source.import !== b.source.import) return a.source.import - b.source.import;
  return (a.row ?? 0) - (b.row ?? 0);
}

/** `signups` put in signup order, in place. Lists taken from a roster usually are in order already, and checking costs less than sorting. */
export function inSignupOrder(signups: Signup[]): Signup[] {
  for (let i = 1; i < signups.length; i++) {
    if (compareSignups(signups[i - 1] as Signup, signups[i] as Signup) > 0) return signups.sort(compareSignups);
  }
  return signups;
}

export const isActive = (signup: Signup): boolean => signup.status !== 'cancelled';

/** How many signups have each status. */
export function statusCounts(signups: readonly Signup[]): Record<Status, number> {
  const counts = { confirmed: 0, offered: 0, waitlisted: 0, cancelled: 0 };
  for (const signup of signups) counts[signup.status]++;
  return counts;
}

const DAY = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
let day = Number.NaN;
let dayText = '';

/**
 * ISO instant as stored in rosters: toISOString()'s text. An import makes one per row, so the date
 * part is made once a day and the clock from tables of digits (a third of the time). Joined, not
 * concatenated: a roster keeps one flat string per time, not a rope of its pieces (six times the memory).
 */
export function instant(date: Date | number): string {
  const ms = Number(date);
  if (!Number.isInteger(ms) || Math.abs(ms) > 8.64e15) return new Date(ms).toISOString();
  const clock = ((ms % DAY) + DAY) % DAY;
  if (ms - clock !== day) {
    day = ms - clock;
    dayText = new Date(day).toISOString().slice(0, -'00:00:00.000Z'.length);
  }
  const hours = TWO_DIGITS[Math.floor(clock / 3_600_000)];
  const minutes = TWO_DIGITS[Math.floor(clock / 60_000) % 60];
  const seconds = TWO_DIGITS[Math.floor(clock / 1000) % 60];
  return [dayText, hours, ':', minutes, ':', seconds, '.', THREE_DIGITS[clock % 1000], 'Z'].join('');
}
