import type { Context, Shown, Style } from '../../context.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { fillSeats, type Change } from '../../roster/seats.js';
import { updateRoster } from '../../roster/store.js';
import { presentChange, promotedLines, seatsLine, updating, type ChangeOptions, type Changed } from './change-text.js';
import { circleById, seatRules } from './circles.js';
import { stepsAfter } from './next-steps.js';

/* `circle signups promote`: free seats (after capacity was raised) go to the first people waiting. */

export interface PromoteResult extends Changed {
  id: string;
  capacity: number;
  change: Change;
}

/** Fills the free seats of one circle already read (`circle run` does it for every circle it read once). */
export function promoteIn(circle: ResolvedCircle, o: Pick<ChangeOptions, 'dryRun'>, context: Context): Promise<Change> {
  const { id } = circle.circle;
  const rules = seatRules(circle, context.now());
  return updateRoster(context.dir, id, (roster) => {
    const filled = fillSeats(roster, rules);
    return { roster: filled.roster, result: filled };
  }, updating({ id, ...o }, context));
}

export async function run(o: ChangeOptions, context: Context): Promise<PromoteResult> {
  const { circle } = await circleById(context.dir, o.id);
  const rules = seatRules(circle, context.now());
  const change = await promoteIn(circle, o, context);
  const next = o.dryRun ? [] : await stepsAfter(context, [{ circle: o.id, cancelled: circle.circle.status === 'cancelled', promoted: change.promoted.length }]);
  return { ok: true, dryRun: Boolean(o.dryRun), next, id: o.id, capacity: rules.capacity, change };
}

export function present(result: PromoteResult, style: Style): Shown {
  const { id, change } = result;
  const lines = change.promoted.length ? promotedLines(change.promoted, id) : ['no free seat, or nobody waiting: nothing to do'];
  return presentChange(result, [...lines, seatsLine(change.roster, result.capacity)], style);
}
