import type { Context } from '../../context.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { fillSeats } from '../../roster/seats.js';
import { updateRoster } from '../../roster/store.js';
import type { Signup } from '../../roster/types.js';
import { updating } from '../signups/change-text.js';
import { seatRules } from '../signups/circles.js';

/**
 * What `circle signups promote` does, for each circle given, with the circles the run read once
 * (promote itself reads the whole workspace for its one circle: 200 circles would read it 200 times).
 */
export async function promoteAll(circles: readonly ResolvedCircle[], o: { dryRun?: boolean }, context: Context): Promise<Array<{ id: string; promoted: Signup[] }>> {
  const filled = [];
  for (const circle of circles) {
    const { id } = circle.circle;
    const rules = seatRules(circle, context.now());
    const promoted = await updateRoster(context.dir, id, (roster) => {
      const change = fillSeats(roster, rules);
      return { roster: change.roster, result: change.promoted };
    }, updating({ id, ...o }, context));
    filled.push({ id, promoted });
  }
  return filled;
}
