import type { Outcome } from '../../roster/seats.js';
import { statusCounts, type Roster, type Signup } from '../../roster/types.js';
import type { PlannedRejection } from '../../signups/plan.js';

/*
 * What an import did, as data (--json) and as lines for people. Rows are named by number and
 * signups by where they came from; no names or addresses, except an invalid address that has to
 * be shown to be fixed.
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
  outcomes: readonly Outcome[];
  promoted: readonly Signup[];
  /** The roster after the import. */
  roster: Roster;
}

/** Where each kind of outcome is in `outcomes`, by row: one pass, no object per row (an import can bring 100,000). */
interface Tally {
  seated: number[];
  waitlisted: number[];
  /** Seated or waitlisted, having cancelled before. */
  resignups: number[];
  alreadyImported: number[];
  erased: number[];
  duplicates: number[];
}

function seatCounts(roster: Roster): { confirmed: number; waitlist: number } {
  const { confirmed, waitlisted } = statusCounts(roster.signups);
  return { confirmed, waitlist: waitlisted };
}

const rowOf = (outcome: Outcome) => outcome.incoming.row ?? 0;

function tally(outcomes: readonly Outcome[]): Tally {
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
  const byRow = (a: number, b: number) => rowOf(outcomes[a] as Outcome) - rowOf(outcomes[b] as Outcome);
  for (const list of Object.values(found) as number[][]) if (list.some((index, i) => i > 0 && byRow(list[i - 1] as number, index) > 0)) list.sort(byRow);
  return found;
}

function duplicateOf(outcome: Extract<Outcome, { kind: 'duplicate' }>): string {
  const { existing, incoming } = outcome;
  if (existing.status === 'cancelled') return `signed up before cancelling (${origin(existing)})`;
  const sameFile = existing.source.file === incoming.file && existing.row !== undefined;
  return sameFile ? `same email as row ${existing.row}` : `already on the roster from ${origin(existing)}`;
}

const resignup = (outcome: Outcome) => (outcome.kind === 'seated' || outcome.kind === 'waitlisted') && outcome.resignup;
const positionOf = (outcome: Outcome) => (outcome.kind === 'waitlisted' ? outcome.position : 0);

/** The circle's part of the --json report. */
export function circleImport(circle: CircleOutcomes): CircleImport {
  const { outcomes } = circle;
  const found = tally(outcomes);
  const at = (index: number) => outcomes[index] as Outcome;
  return {
    id: circle.id,
    capacity: circle.capacity,
    seated: found.seated.map((i) => (resignup(at(i)) ? { row: rowOf(at(i)), resignup: true } : { row: rowOf(at(i)) })),
    waitlisted: found.waitlisted.map((i) => ({ row: rowOf(at(i)), position: positionOf(at(i)), ...(resignup(at(i)) ? { resignup: true as const } : {}) })),
    alreadyImported: found.alreadyImported.map((i) => rowOf(at(i))),
    erased: found.erased.map((i) => rowOf(at(i))),
    duplicates: found.duplicates.map((i) => ({ row: rowOf(at(i)), of: duplicateOf(at(i) as Extract<Outcome, { kind: 'duplicate' }>) })),
    promoted: circle.promoted.map((s) => ({ from: origin(s) })),
    ...seatCounts(circle.roster),
  };
}

/** 2, 3, 4, 7 -> "2–4, 7" */
function ranges(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] as number) + 1) j++;
    parts.push(j > i ? `${numbers[i]}–${numbers[j]}` : String(numbers[i]));
    i = j + 1;
  }
  return parts.join(', ');
}

const LIMIT = 10;
function capped<T>(items: readonly T[], show: (item: T) => string): string {
  const shown = items.slice(0, LIMIT).map(show).join(', ');
  return items.length > LIMIT ? `${shown}, … and ${items.length - LIMIT} more (all in --json)` : shown;
}
const rowsWord = (n: number) => (n === 1 ? 'row' : 'rows');

/** Consecutive rows rejected for the same reason (blank rows at the end of a sheet) read as one line. */
function groupRuns(rejected: ReadonlyArray<{ row: number; reason: string }>): Array<{ first: number; last: number; reason: string }> {
  const groups: Array<{ first: number; last: number; reason: string }> = [];
  for (const { row, reason } of rejected) {
    const last = groups[groups.length - 1];
    if (last && last.reason === reason && last.last + 1 === row) last.last = row;
    else groups.push({ first: row, last: row, reason });
  }
  return groups;
}

/** The report for people: the --json report's facts, without a line per row. */
export function formatImport(report: Omit<ImportReport, 'circles'>, circles: readonly CircleOutcomes[]): string {
  const lines: string[] = [];
  const dates = report.dateOrder ? `, dates ${report.dateOrder}` : '';
  const delimiter = report.delimiter === '\t' ? 'tab' : report.delimiter === ';' ? 'semicolon' : 'comma';
  const times = report.timed ? `times in ${report.timezone}` : 'no time column: rows rank by file order, after everyone imported before';
  lines.push(`${report.file}: ${report.rows} ${rowsWord(report.rows)}, ${report.encoding}, ${delimiter}-separated${dates}, ${times}`);
  for (const c of circles) {
    const found = tally(c.outcomes);
    const at = (index: number) => c.outcomes[index] as Outcome;
    const rows = (list: readonly number[]) => list.map((i) => rowOf(at(i)));
    lines.push('', `${c.id}:`);
    if (found.seated.length) lines.push(`  seated ${found.seated.length}: ${rowsWord(found.seated.length)} ${ranges(rows(found.seated))}`);
    if (found.waitlisted.length) lines.push(`  waitlisted ${found.waitlisted.length}: ${capped(found.waitlisted, (i) => `row ${rowOf(at(i))} (#${positionOf(at(i))})`)}`);
    if (found.resignups.length) lines.push(`  re-signups after cancelling: ${rowsWord(found.resignups.length)} ${ranges(rows(found.resignups))}`);
    if (c.promoted.length) lines.push(`  promoted from the waitlist, owed a seat email: ${capped(c.promoted, origin)}`);
    if (found.alreadyImported.length) lines.push(`  already imported: ${rowsWord(found.alreadyImported.length)} ${ranges(rows(found.alreadyImported))}`);
    if (found.erased.length) lines.push(`  skipped, erased on request: ${rowsWord(found.erased.length)} ${ranges(rows(found.erased))}`);
    if (found.duplicates.length) lines.push(`  duplicates (nothing changed): ${capped(found.duplicates, (i) => `row ${rowOf(at(i))} (${duplicateOf(at(i) as Extract<Outcome, { kind: 'duplicate' }>)})`)}`);
    const { confirmed, waitlist } = seatCounts(c.roster);
    const over = confirmed > c.capacity ? ` (over capacity: nobody is unseated)` : '';
    lines.push(`  now ${confirmed}/${c.capacity} seated${over}, ${waitlist} waitlisted`);
  }
  if (report.rejected.length) {
    lines.push('', `rejected ${report.rejected.length} ${rowsWord(report.rejected.length)}:`);
    const groups = groupRuns(report.rejected);
    for (const g of groups.slice(0, 50)) lines.push(`  ${g.first === g.last ? `row ${g.first}` : `rows ${g.first}–${g.last}`}: ${g.reason}`);
    if (groups.length > 50) lines.push(`  … and ${groups.length - 50} more (all in --json)`);
  }
  if (report.dryRun) lines.push('', 'dry run: no roster written');
  return `${lines.join('\n')}\n`;
}
