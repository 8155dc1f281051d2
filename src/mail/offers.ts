import { DateTime, Info, type Zone } from 'luxon';
import { utcIso } from '../model/time.js';
import type { Language } from '../model/schema.js';
import { inSignupOrder, type Roster, type Signup } from '../roster/types.js';
import { describeWhen } from '../templates/when.js';

/*
 * Timed seat offers, on the mail side: who is owed the offer mail (an offered signup whose
 * `seatEmailOwed` is set), which offers may still go (not past their deadline), and the deadline as
 * the mail says it, in the circle's zone and in UTC.
 */

/** Offered people still owed their offer mail, in signup order. */
export function owedOffers(roster: Roster): Signup[] {
  return inSignupOrder(roster.signups.filter((s) => s.status === 'offered' && s.seatEmailOwed));
}

/** Whether an offer with this deadline may still be made at `now` (ISO instants compare as strings). */
export const offerOpen = (offerExpires: string | undefined, now: string): boolean => offerExpires !== undefined && offerExpires > now;

/** The messages that may go at `now`: an offer whose deadline passed before its mail went is never sent. */
export function unexpired<T extends { kind: string; offerExpires?: string }>(messages: readonly T[], now: DateTime): T[] {
  // The clock as an ISO instant only when there is an offer to compare with it.
  let at: string | undefined;
  return messages.filter((m) => m.kind !== 'offer' || offerOpen(m.offerExpires, (at ??= utcIso(now))));
}

export interface Deadline {
  /** In the circle's zone: "Monday, 4 November 2019, 18:00 GMT". */
  text: string;
  /** The same instant in UTC, or null when the circle's zone is GMT already. */
  utc: string | null;
}

/** The offer's deadline for a reader in `lang`, in the circle's zone and in UTC. */
export function deadlineText(offerExpires: string, zone: Zone, lang: Language): Deadline {
  const at = DateTime.fromISO(offerExpires, { zone: 'utc' });
  // A range of one instant is that instant, with the date and the zone's name, as the session's time is shown.
  const described = describeWhen(at, at, zone, [Info.normalizeZone('UTC')], lang);
  return { text: described.text, utc: described.elsewhere[0]?.text ?? null };
}
