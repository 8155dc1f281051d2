import type { Zone } from 'luxon';
import { promotions, type ChangeFacts } from '../mail/next-steps.js';
import { zoneLabel } from '../model/time.js';
import type { Admission } from '../roster/seats.js';
import { statusCounts, type Roster, type Signup } from '../roster/types.js';
import { timeHeaderSaysUtc } from './headers.js';
import type { PlannedRejection } from './plan.js';

/*
 * What an import did to each circle, tallied from the roster rules' outcomes: the --json report,
 * and the counts the lines for people and the next steps are made from. Rows are named by number
 * and signups by where they came from; no names or addresses.
 */

export interface CircleImport {
  id: string;
  capacity: number;
  seated: Array<{ row: number; resignup?: true }>;
  waitlisted: Array<{ row: number; position: number; resignup?: true }>;
  alreadyImported: number[];
  erased: number[];
  duplicates: Array<{ row: number; of: string }>;
  promoted: Array<{ from: string }>;
  confirmed: number;
  /** Seats offered to people waiting (timed seat offers); left out when none. */
  offered?: number;
  waitlist: number;
}

export interface ImportReport {
  dryRun: boolean;
  file: string;
  encoding: string;
  delimiter: string;
  dateOrder?: string;
  timezone: string;
  /** The file has a time column; without one, rows rank by file order after everyone imported before. */
  timed: boolean;
  columns: Record<string, string>;
  rows: number;
  /** Rows imported nowhere, and rows rejected for one circle of a series (with `circle`). */
  rejected: PlannedRejection[];
  circles: CircleImport[];
}

/** What the report says of the file; the rows themselves are left behind once planned. */
export type FileSummary = Pick<ImportReport, 'file' | 'encoding' | 'delimiter' | 'dateOrder' | 'columns' | 'rows' | 'timed'>;

/** The rejected rows one by one, as --json lists them: a run of blank rows becomes each of its rows. */
export function rowByRow(rejected: readonly PlannedRejection[]): PlannedRejection[] {
  return rejected.flatMap(({ through, ...problem }) => (through === undefined ? [problem] : Array.from({ length: through - problem.row + 1 }, (_, i) => ({ ...problem, row: problem.row + i }))));
}

/** The report but its circles. A time header that says UTC is read as UTC (read-export), and the report says so. */
export function fileReport(summary: FileSummary, zone: Zone, rejected: PlannedRejection[], dryRun: boolean): Omit<ImportReport, 'circles'> {
  return {
    dryRun,
    file: summary.file,
    encoding: summary.encoding,
    delimiter: summary.delimiter,
    ...(summary.dateOrder ? { dateOrder: summary.dateOrder } : {}),
    timezone: summary.columns.time !== undefined && timeHeaderSaysUtc(summary.columns.time) ? 'UTC' : zoneLabel(zone),
    timed: summary.timed,
    columns: summary.columns,
    rows: summary.rows,
    rejected,
  };
}

/** "responses.csv row 4", "a walk-in", "moved from making-a-case". */
export function origin(signup: Signup): string {
  const { source } = signup;
  if (source.via === 'walk-in') return 'a walk-in';
  const where = source.file ? `${source.file} row ${signup.row}` : 'an earlier import';
  return source.via === 'move' ? `${where}, moved from ${source.from}` : where;
}

/** What an import did to one circle's roster: the roster rules' outcome for each of its rows. */
export interface CircleOutcomes {
  id: string;
  capacity: number;
  outcomes: readonly Admission[];
  promoted: readonly Signup[];
  /** The roster after the import. */
  roster: Roster;
}

/** Where each kind of outcome is in `outcomes`, by row: one pass, no object per row (an import can bring 100,000). */
export interface Tally {
  seated: number[];
  waitlisted: number[];
  /** Seated or waitlisted, having cancelled before. */
  resignups: number[];
  alreadyImported: number[];
  erased: number[];
  duplicates: number[];
}

/** `offered` only when seats are offered (timed seat offers). */
export function seatCounts(roster: Roster): { confirmed: number; offered?: number; waitlist: number } {
  const { confirmed, offered, waitlisted } = statusCounts(roster.signups);
  return { confirmed, ...(offered ? { offered } : {}), waitlist: waitlisted };
}

export const rowOf = (outcome: Admission) => outcome.incoming.row ?? 0;

export function tally(outcomes: readonly Admission[]): Tally {
  const found: Tally = { seated: [], waitlisted: [], resignups: [], alreadyImported: [], erased: [], duplicates: [] };
  outcomes.forEach((outcome, index) => {
    if (outcome.kind === 'already-imported') found[outcome.erased ? 'erased' : 'alreadyImported'].push(index);
    else if (outcome.kind === 'duplicate') found.duplicates.push(index);
    else {
      found[outcome.kind].push(index);
      if (outcome.resignup) found.resignups.push(index);
    }
  });
  // Outcomes come in signup order, which is row order unless a file was sorted by hand.
  const byRow = (a: number, b: number) => rowOf(outcomes[a] as Admission) - rowOf(outcomes[b] as Admission);
  for (const list of Object.values(found) as number[][]) if (list.some((index, i) => i > 0 && byRow(list[i - 1] as number, index) > 0)) list.sort(byRow);
  return found;
}

export function duplicateOf(outcome: Extract<Admission, { kind: 'duplicate' }>): string {
  const { existing, incoming } = outcome;
  if (existing.status === 'cancelled') return `signed up before cancelling (${origin(existing)})`;
  const sameFile = existing.source.file === incoming.file && existing.row !== undefined;
  return sameFile ? `same email as row ${existing.row}` : `already on the roster from ${origin(existing)}`;
}

const resignup = (outcome: Admission) => (outcome.kind === 'seated' || outcome.kind === 'waitlisted') && outcome.resignup;
export const positionOf = (outcome: Admission) => (outcome.kind === 'waitlisted' ? outcome.position : 0);

/** The circle's part of the --json report. */
export function circleImport(circle: CircleOutcomes): CircleImport {
  const { outcomes } = circle;
  const found = tally(outcomes);
  const at = (index: number) => outcomes[index] as Admission;
  return {
    id: circle.id,
    capacity: circle.capacity,
    seated: found.seated.map((i) => (resignup(at(i)) ? { row: rowOf(at(i)), resignup: true } : { row: rowOf(at(i)) })),
    waitlisted: found.waitlisted.map((i) => ({ row: rowOf(at(i)), position: positionOf(at(i)), ...(resignup(at(i)) ? { resignup: true as const } : {}) })),
    alreadyImported: found.alreadyImported.map((i) => rowOf(at(i))),
    erased: found.erased.map((i) => rowOf(at(i))),
    duplicates: found.duplicates.map((i) => ({ row: rowOf(at(i)), of: duplicateOf(at(i) as Extract<Admission, { kind: 'duplicate' }>) })),
    promoted: circle.promoted.map((s) => ({ from: origin(s) })),
    ...seatCounts(circle.roster),
  };
}

/** Who an import brought in, for the next step: seated and waitlisted rows, and those promoted. */
export function newcomers({ id, outcomes, promoted }: CircleOutcomes): ChangeFacts {
  let seated = 0;
  let waitlisted = 0;
  for (const outcome of outcomes) {
    if (outcome.kind === 'seated') seated++;
    else if (outcome.kind === 'waitlisted') waitlisted++;
  }
  return { circle: id, seated, waitlisted, ...promotions(promoted) };
}
