import { inSignupOrder, STATUSES, type Roster, type Signup, type Status } from './types.js';

/** A roster as people read it: seated, then the waitlist by position, then cancellations. */
export interface RosterLine {
  signup: Signup;
  /** Waitlist position, 1 = next to get a seat. */
  position?: number;
}

export function rosterLines(roster: Roster, status?: Status): RosterLine[] {
  const lines: RosterLine[] = [];
  for (const wanted of STATUSES) {
    if (status && status !== wanted) continue;
    const group = inSignupOrder(roster.signups.filter((s) => s.status === wanted));
    group.forEach((signup, index) => lines.push(wanted === 'waitlisted' ? { signup, position: index + 1 } : { signup }));
  }
  return lines;
}
