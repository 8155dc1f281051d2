import type { ResolvedCircle } from '../model/circle.js';
import { rosterCounts } from '../roster/counts.js';
import type { SeatCounts, SeatLookup } from './view.js';

export interface Seats {
  seatsFor: SeatLookup;
  /** Circles whose roster is damaged: their seats are left out, never guessed. */
  damaged: string[];
}

/** Seats taken where a circle has a roster. */
export async function seatsFromRosters(dir: string, circles: readonly ResolvedCircle[]): Promise<Seats> {
  const seats = new Map<string, SeatCounts>();
  const damaged: string[] = [];
  for (const { circle } of circles) {
    const counts = await rosterCounts(dir, circle.id);
    if ('damaged' in counts) damaged.push(circle.id);
    else if (counts.exists) seats.set(circle.id, { confirmed: counts.confirmed + counts.offered, waitlisted: counts.waitlisted, capacity: circle.capacity });
  }
  return { seatsFor: (id) => seats.get(id), damaged };
}
