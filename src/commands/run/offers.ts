import type { Context } from '../../context.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { expireOffers } from '../../roster/offers.js';
import { nowInstant } from '../../roster/seats.js';
import { updateRoster } from '../../roster/store.js';
import { statusCounts, type Signup } from '../../roster/types.js';
import { updating } from '../signups/change-text.js';

export interface Expired {
  id: string;
  /** Cancelled now, their offer past its deadline. */
  lapsed: Signup[];
  /** Offers still open after it. */
  offered: number;
}

/** `circle run`'s "offers expire": each circle's roster, under its lock, with the offers past their deadline lapsed. */
export async function expireAll(circles: readonly ResolvedCircle[], o: { dryRun?: boolean }, context: Context): Promise<Expired[]> {
  const now = nowInstant(context.now());
  const expired: Expired[] = [];
  for (const { circle } of circles) {
    const { id } = circle;
    const done = await updateRoster(context.dir, id, (roster) => {
      const { roster: next, lapsed } = expireOffers(roster, now);
      return { roster: next, result: { id, lapsed, offered: statusCounts(next.signups).offered } };
    }, updating({ id, ...o }, context));
    expired.push(done);
  }
  return expired;
}
