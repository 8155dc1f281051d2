import type { ResolvedCircle } from '../model/circle.js';
import { instant, type Roster, type Signup } from './types.js';

/*
 * Timed seat offers (`offer_hours`), as pure rules: a seat freed for someone waiting is held for
 * them until a deadline instead of given outright; an offer not claimed by then lapses, and the
 * seat goes to the next person. Close to the start the window shrinks so that it ends an hour
 * before; in the last hour seats are given outright, since nobody could act on an offer in time.
 */

const HOUR = 3_600_000;

/** Offers are on for a circle: how long one is held, and when the circle starts (ISO instant). */
export interface OfferRules {
  hours: number;
  start: string;
}

/** The circle's `offer_hours`, else its series'; undefined when the circle gives seats outright. */
export function offerRules(resolved: ResolvedCircle): OfferRules | undefined {
  const hours = resolved.circle.offer_hours ?? resolved.series.offer_hours;
  return hours === undefined ? undefined : { hours, start: instant(resolved.start.toMillis()) };
}

/** What a seat freed at `now` becomes: an offer until `expires`, or (in the last hour before the start) a seat. */
export type OfferWindow = { kind: 'offer'; expires: string } | { kind: 'seat' };

export function offerWindow(now: string, offers: OfferRules): OfferWindow {
  const at = Date.parse(now);
  const start = Date.parse(offers.start);
  if (start - at <= HOUR) return { kind: 'seat' };
  return { kind: 'offer', expires: instant(Math.min(at + Math.round(offers.hours * HOUR), start - HOUR)) };
}

/** The note a lapsed offer leaves on the signup. */
export const LAPSED_NOTE = 'seat offer lapsed';

export const isLapsed = (signup: Signup, now: string): boolean =>
  signup.status === 'offered' && signup.offerExpires !== undefined && Date.parse(signup.offerExpires) <= Date.parse(now);

/** Offers whose deadline has come (at `now`) are cancelled with a note; the seats they held are free for the next fill. */
export function expireOffers(roster: Roster, now: string): { roster: Roster; lapsed: Signup[] } {
  const lapsed = new Map<Signup, Signup>();
  for (const signup of roster.signups) {
    if (!isLapsed(signup, now)) continue;
    // An offer mail still owed is not sent any more: the offer it would make is gone.
    const { offerExpires: _expires, seatEmailOwed: _owed, reply: _reply, replied: _replied, note: _note, ...rest } = signup;
    lapsed.set(signup, { ...rest, status: 'cancelled', statusChanged: now, note: LAPSED_NOTE });
  }
  if (lapsed.size === 0) return { roster, lapsed: [] };
  return { roster: { ...roster, signups: roster.signups.map((s) => lapsed.get(s) ?? s) }, lapsed: [...lapsed.values()] };
}
