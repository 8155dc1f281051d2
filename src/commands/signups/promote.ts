import type { Context, Shown, Style } from '../../context.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { expireOffers } from '../../roster/offers.js';
import { fillSeats, type Change } from '../../roster/seats.js';
import { updateRoster } from '../../roster/store.js';
import type { Signup } from '../../roster/types.js';
import { lapsedLines, presentChange, promotedLines, seatsLine, updating, type ChangeOptions, type Changed } from './change-text.js';
import { circleById, seatRules } from './circles.js';
import { promotions, stepsAfter } from './next-steps.js';

/*
 * `circle signups promote`: free seats (after capacity was raised, or offers lapsed) go to the
 * first people waiting. It is the manual `circle run`: seat offers past their deadline lapse first.
 */

export interface PromoteResult extends Changed {
  id: string;
  capacity: number;
  change: Change & { lapsed: Signup[] };
}

/** Lapses the offers past their deadline, then fills the free seats, of one circle already read (`circle run` does it for every circle it read once). */
export function promoteIn(circle: ResolvedCircle, o: Pick<ChangeOptions, 'dryRun'>, context: Context): Promise<Change & { lapsed: Signup[] }> {
  const { id } = circle.circle;
  const rules = seatRules(circle, context.now());
  return updateRoster(context.dir, id, (roster) => {
    const expired = expireOffers(roster, rules.now);
    const filled = fillSeats(expired.roster, rules);
    return { roster: filled.roster, result: { ...filled, lapsed: expired.lapsed } };
  }, updating({ id, ...o }, context));
}

export async function run(o: ChangeOptions, context: Context): Promise<PromoteResult> {
  const { circle } = await circleById(context.dir, o.id);
  const rules = seatRules(circle, context.now());
  const change = await promoteIn(circle, o, context);
  const next = o.dryRun ? [] : await stepsAfter(context, [{ circle: o.id, cancelled: circle.circle.status === 'cancelled', ...promotions(change.promoted), left: change.lapsed }]);
  return { ok: true, dryRun: Boolean(o.dryRun), next, id: o.id, capacity: rules.capacity, change };
}

export function present(result: PromoteResult, style: Style): Shown {
  const { id, change } = result;
  const lines = [...lapsedLines(change.lapsed, id), ...promotedLines(change.promoted, id)];
  return presentChange(result, [...(lines.length ? lines : ['no free seat, or nobody waiting: nothing to do']), seatsLine(change.roster, result.capacity)], style);
}
