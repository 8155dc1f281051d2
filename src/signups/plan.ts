import type { Language } from '../model/schema.js';
import type { Incoming } from '../roster/seats.js';
import { instant } from '../roster/types.js';
import type { ExportFile, ExportRow, RowProblem } from './read-export.js';
import { matchSessions, type SessionMatch, type SessionTarget } from './sessions.js';

/*
 * Which rows go to which circle's roster. A row naming a cancelled or unknown circle is rejected
 * for that circle only; the roster rules then decide seats, waitlist and duplicates.
 */

export interface ImportTarget extends SessionTarget {
  language: Language;
  cancelled: boolean;
}

export interface PlannedRejection extends RowProblem {
  /** The circle the row was rejected for, when it was not rejected as a whole. */
  circle?: string;
}

export interface ImportPlan {
  incoming: Map<string, Incoming[]>;
  rejected: PlannedRejection[];
}

/** What a row brings to every circle it names: its time and where it came from, made once per row. */
function rowSource(row: ExportRow, file: ExportFile, importedAt: string): Pick<Incoming, 'signedUp' | 'source'> {
  return {
    signedUp: row.signedUp === undefined ? importedAt : instant(row.signedUp),
    source: { via: 'import', file: file.file, row: row.row, untimed: file.timed ? undefined : true },
  };
}

function toIncoming(row: ExportRow, target: ImportTarget, { signedUp, source }: Pick<Incoming, 'signedUp' | 'source'>): Incoming {
  return { name: row.name, email: row.email, language: row.language ?? target.language, organisation: row.organisation, country: row.country, signedUp, source };
}

/** One circle's form: every row goes to `target`. */
export function planSingle(file: ExportFile, target: ImportTarget, importedAt: string): ImportPlan {
  return {
    incoming: new Map([[target.id, file.rows.map((row) => toIncoming(row, target, rowSource(row, file, importedAt)))]]),
    rejected: [...file.problems],
  };
}

/** One form for a series: each row goes to the circles its session answer names. */
export function planSeries(file: ExportFile, targets: readonly ImportTarget[], importedAt: string): ImportPlan {
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
    for (const piece of match.unknown) rejected.push({ row: row.row, reason: `"${piece}" names no circle of the series` });
    const shared = rowSource(row, file, importedAt);
    for (const id of match.ids) {
      const target = byId.get(id) as ImportTarget;
      if (target.cancelled) rejected.push({ row: row.row, circle: id, reason: `circle ${id} is cancelled` });
      else incoming.get(id)?.push(toIncoming(row, target, shared));
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  return { incoming, rejected };
}
