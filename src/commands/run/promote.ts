import type { Context } from '../../context.js';
import type { ResolvedCircle } from '../../model/circle.js';
import type { Signup } from '../../roster/types.js';
import { promoteIn } from '../signups/promote.js';

/**
 * What `circle signups promote` does, for each circle given, with the circles the run read once
 * (promote itself reads the whole workspace for its one circle: 200 circles would read it 200 times).
 */
export async function promoteAll(circles: readonly ResolvedCircle[], o: { dryRun?: boolean }, context: Context): Promise<Array<{ id: string; promoted: Signup[]; lapsed: Signup[] }>> {
  const filled = [];
  for (const circle of circles) {
    const { promoted, lapsed } = await promoteIn(circle, o, context);
    filled.push({ id: circle.circle.id, promoted, lapsed });
  }
  return filled;
}
