import type { ResolvedCircle } from '../../model/circle.js';
import { circlesNamed } from '../../workspace/select.js';
import { offerRules } from '../../roster/offers.js';
import { nowInstant, type AdmitRules } from '../../roster/seats.js';
import type { ImportTarget } from '../../signups/plan.js';
import { loadCircles } from '../../workspace/load.js';
import { refused, unwrap } from '../../failure.js';

/** What the signups commands need of the workspace: the circles, found by id. */
export async function circleById(dir: string, id: string, options: { scheduled?: boolean } = {}): Promise<{ circle: ResolvedCircle; circles: ResolvedCircle[] }> {
  const { circles } = await loadCircles(dir);
  const [circle] = unwrap(circlesNamed(circles, [id])) as [ResolvedCircle];
  if (options.scheduled) mustBeScheduled(circle);
  return { circle, circles };
}

/** Signups go only to circles that take place. */
export function mustBeScheduled({ circle, file }: ResolvedCircle): void {
  if (circle.status === 'cancelled') throw refused('input', `circle ${circle.id} is cancelled: its roster is left as it is`, `set status: scheduled in ${file} if it is back on`);
}

export function seatRules(circle: ResolvedCircle, now: Date): AdmitRules {
  const offers = offerRules(circle);
  return { capacity: circle.circle.capacity, now: nowInstant(now), language: circle.circle.language, ...(offers ? { offers } : {}) };
}

export function importTarget(resolved: ResolvedCircle): ImportTarget {
  const { circle } = resolved;
  const titles = [circle.title, circle.translations?.en?.title, circle.translations?.es?.title].filter((t): t is string => Boolean(t));
  const offers = offerRules(resolved);
  return { id: circle.id, number: circle.number, titles, start: resolved.start.toMillis(), language: circle.language, capacity: circle.capacity, cancelled: circle.status === 'cancelled', ...(offers ? { offers } : {}) };
}
