import type { Context, Shown, Style } from '../../context.js';
import { cancel, type Change } from '../../roster/seats.js';
import { updateRoster } from '../../roster/store.js';
import type { Signup } from '../../roster/types.js';
import { presentChange, promotedLines, seatsLine, updating, who, type ChangeOptions, type Changed } from './change-text.js';
import { circleById, seatRules } from './circles.js';
import { promotions, stepsAfter } from './next-steps.js';

/* `circle signups cancel`: a seat or a waitlist place; a freed seat goes to the first person waiting. */

export interface CancelResult extends Changed {
  id: string;
  capacity: number;
  change: Change & { cancelled: Signup };
}

export async function run(o: ChangeOptions & { email: string }, context: Context): Promise<CancelResult> {
  const { circle } = await circleById(context.dir, o.id);
  const rules = seatRules(circle, context.now());
  const change = await updateRoster(context.dir, o.id, (roster) => {
    const cancelled = cancel(roster, o.email, rules);
    return { roster: cancelled.roster, result: cancelled };
  }, updating(o, context));
  const facts = { circle: o.id, cancelled: circle.circle.status === 'cancelled', ...promotions(change.promoted), left: [change.cancelled] };
  const next = o.dryRun ? [] : await stepsAfter(context, [facts]);
  return { ok: true, dryRun: Boolean(o.dryRun), next, id: o.id, capacity: rules.capacity, change };
}

export function present(result: CancelResult, style: Style): Shown {
  const { id, change } = result;
  return presentChange(result, [`cancelled ${who(change.cancelled)} in ${id}`, ...promotedLines(change.promoted, id), seatsLine(change.roster, result.capacity)], style);
}
