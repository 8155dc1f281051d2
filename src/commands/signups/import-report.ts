import type { Outcome } from '../../roster/seats.js';
import type { Signup } from '../../roster/types.js';
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
  const where = source.file ? `${source.file} row ${source.row}` : 'an earlier import';
  return source.via === 'move' ? `${where}, moved from ${source.from}` : where;
}

/** Sorts by row in place, unless already in row order (as rows from one file usually are). */
function inRowOrder<T>(list: T[], rowOf: (item: T) => number): void {
  for (let i = 1; i < list.length; i++) {
    if (rowOf(list[i - 1] as T) > rowOf(list[i] as T)) {
      list.sort((a, b) => rowOf(a) - rowOf(b));
      return;
    }
  }
}

export function circleImport(id: string, capacity: number, outcomes: readonly Outcome[], promoted: readonly Signup[], counts: { confirmed: number; waitlist: number }): CircleImport {
  const report: CircleImport = { id, capacity, seated: [], waitlisted: [], alreadyImported: [], erased: [], duplicates: [], promoted: promoted.map((s) => ({ from: origin(s) })), ...counts };
  for (const outcome of outcomes) {
    const row = outcome.incoming.source.row ?? 0;
    if (outcome.kind === 'seated') report.seated.push(outcome.resignup ? { row, resignup: true } : { row });
    else if (outcome.kind === 'waitlisted') report.waitlisted.push(outcome.resignup ? { row, position: outcome.position, resignup: true } : { row, position: outcome.position });
    else if (outcome.kind === 'already-imported') (outcome.erased ? report.erased : report.alreadyImported).push(row);
    else {
      const sameFile = outcome.existing.source.file === outcome.incoming.source.file && outcome.existing.status !== 'cancelled';
      const of = sameFile && outcome.existing.source.row !== undefined ? `same email as row ${outcome.existing.source.row}` : `already on the roster from ${origin(outcome.existing)}`;
      report.duplicates.push({ row, of: outcome.existing.status === 'cancelled' ? `signed up before cancelling (${origin(outcome.existing)})` : of });
    }
  }
  for (const list of [report.seated, report.waitlisted, report.duplicates]) inRowOrder(list, (item) => item.row);
  inRowOrder(report.alreadyImported, (row) => row);
  return report;
}

/** 2, 3, 4, 7 -> "2–4, 7" */
export function ranges(numbers: readonly number[]): string {
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

export function formatImport(report: ImportReport): string {
  const lines: string[] = [];
  const dates = report.dateOrder ? `, dates ${report.dateOrder}` : '';
  const delimiter = report.delimiter === '\t' ? 'tab' : report.delimiter === ';' ? 'semicolon' : 'comma';
  lines.push(`${report.file}: ${report.rows} ${rowsWord(report.rows)}, ${report.encoding}, ${delimiter}-separated${dates}, times in ${report.timezone}`);
  for (const c of report.circles) {
    lines.push('', `${c.id}:`);
    const resignups = [...c.seated, ...c.waitlisted].filter((s) => s.resignup).map((s) => s.row);
    if (c.seated.length) lines.push(`  seated ${c.seated.length}: ${rowsWord(c.seated.length)} ${ranges(c.seated.map((s) => s.row))}`);
    if (c.waitlisted.length) lines.push(`  waitlisted ${c.waitlisted.length}: ${capped(c.waitlisted, (w) => `row ${w.row} (#${w.position})`)}`);
    if (resignups.length) lines.push(`  re-signups after cancelling: ${rowsWord(resignups.length)} ${ranges(resignups.sort((a, b) => a - b))}`);
    if (c.promoted.length) lines.push(`  promoted from the waitlist, owed a seat email: ${capped(c.promoted, (p) => p.from)}`);
    if (c.alreadyImported.length) lines.push(`  already imported: ${rowsWord(c.alreadyImported.length)} ${ranges(c.alreadyImported)}`);
    if (c.erased.length) lines.push(`  skipped, erased on request: ${rowsWord(c.erased.length)} ${ranges(c.erased)}`);
    if (c.duplicates.length) lines.push(`  duplicates (nothing changed): ${capped(c.duplicates, (d) => `row ${d.row} (${d.of})`)}`);
    const over = c.confirmed > c.capacity ? ` (over capacity: nobody is unseated)` : '';
    lines.push(`  now ${c.confirmed}/${c.capacity} seated${over}, ${c.waitlist} waitlisted`);
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
