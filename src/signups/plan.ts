import type { Language } from '../model/schema.js';
import type { Incoming } from '../roster/seats.js';
import type { OfferRules } from '../roster/offers.js';
import type { ExportFile, RowProblem } from './read-export.js';
import { matchSessions, unknownSession, type SessionMatch, type SessionTarget } from './sessions.js';

/*
 * Which rows go to which circle's roster. A row naming a cancelled or unknown circle is rejected
 * for that circle only; the roster rules then decide seats, waitlist and duplicates.
 */

export interface ImportTarget extends SessionTarget {
  /** When the circle starts (epoch ms): signup times years away from it are typos. */
  start: number;
  language: Language;
  capacity: number;
  cancelled: boolean;
  /** Timed seat offers are on: someone waiting who gets a seat in the import is offered it. */
  offers?: OfferRules;
}

export interface PlannedRejection extends RowProblem {
  /** The circle the row was rejected for, when it was not rejected as a whole. */
  circle?: string;
}

export interface ImportPlan {
  incoming: Map<string, Incoming[]>;
  rejected: PlannedRejection[];
}

/** One circle's form: every row goes to `target`. */
export function planSingle(file: ExportFile, target: ImportTarget): ImportPlan {
  return { incoming: new Map([[target.id, file.rows]]), rejected: [...file.problems] };
}

/** One form for a series: each row goes to the circles its session answer names. */
export function planSeries(file: ExportFile, targets: readonly ImportTarget[]): ImportPlan {
  const byId = new Map(targets.map((t) => [t.id, t]));
  const incoming = new Map<string, Incoming[]>(targets.filter((t) => !t.cancelled).map((t) => [t.id, []]));
  const rejected: PlannedRejection[] = [...file.problems];
  // A form offers a few choices, so the same answers come back on row after row.
  const matches = new Map<string, SessionMatch>();
  for (const row of file.rows) {
    const answer = row.sessions ?? '';
    let match = matches.get(answer);
    if (!match) matches.set(answer, (match = matchSessions(answer, targets)));
    if (match.ids.length === 0 && match.unknown.length === 0) {
      rejected.push({ row: row.row, reason: 'no circle chosen' });
      continue;
    }
    for (const piece of match.unknown) rejected.push({ row: row.row, reason: unknownSession(piece, targets) });
    // The same row goes to each circle it names: each roster makes its own signup of it.
    for (const id of match.ids) {
      if (byId.get(id)?.cancelled) rejected.push({ row: row.row, circle: id, reason: `circle ${id} is cancelled` });
      else incoming.get(id)?.push(row);
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  return { incoming, rejected };
}
