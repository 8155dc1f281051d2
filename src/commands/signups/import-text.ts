import type { Admission } from '../../roster/seats.js';
import { rowsIn } from '../../signups/read-export.js';
import { duplicateOf, origin, positionOf, rowOf, seatCounts, type CircleOutcomes, type ImportReport, type Tally } from '../../signups/import-tally.js';

/* What an import did, as lines for people: the --json report's facts, without a line per row. */

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
function groupRuns(rejected: ReadonlyArray<{ row: number; through?: number; reason: string }>): Array<{ first: number; last: number; reason: string }> {
  const groups: Array<{ first: number; last: number; reason: string }> = [];
  for (const { row, through = row, reason } of rejected) {
    const last = groups[groups.length - 1];
    if (last && last.reason === reason && last.last + 1 === row) last.last = through;
    else groups.push({ first: row, last: through, reason });
  }
  return groups;
}

/** The report for people: the --json report's facts, without a line per row; `tallies` counts each circle's outcomes. */
export function formatImport(report: Omit<ImportReport, 'circles'>, circles: readonly CircleOutcomes[], tallies: readonly Tally[]): string {
  const lines: string[] = [];
  const dates = report.dateOrder ? `, dates ${report.dateOrder}` : '';
  const delimiter = report.delimiter === '\t' ? 'tab' : report.delimiter === ';' ? 'semicolon' : 'comma';
  const times = report.timed ? `times in ${report.timezone}` : 'no time column: rows rank by file order, after everyone imported before';
  lines.push(`${report.file}: ${report.rows} ${rowsWord(report.rows)}, ${report.encoding}, ${delimiter}-separated${dates}, ${times}`);
  for (const [index, c] of circles.entries()) {
    const found = tallies[index] as Tally;
    const at = (index: number) => c.outcomes[index] as Admission;
    const rows = (list: readonly number[]) => list.map((i) => rowOf(at(i)));
    lines.push('', `${c.id}:`);
    if (found.seated.length) lines.push(`  seated ${found.seated.length}: ${rowsWord(found.seated.length)} ${ranges(rows(found.seated))}`);
    if (found.waitlisted.length) lines.push(`  waitlisted ${found.waitlisted.length}: ${capped(found.waitlisted, (i) => `row ${rowOf(at(i))} (#${positionOf(at(i))})`)}`);
    if (found.resignups.length) lines.push(`  re-signups after cancelling: ${rowsWord(found.resignups.length)} ${ranges(rows(found.resignups))}`);
    // With timed seat offers on, those who were waiting are offered the seats instead.
    const offered = c.promoted.filter((s) => s.status === 'offered');
    const promoted = offered.length ? c.promoted.filter((s) => s.status !== 'offered') : c.promoted;
    if (promoted.length) lines.push(`  promoted from the waitlist, owed a seat email: ${capped(promoted, origin)}`);
    if (offered.length) lines.push(`  offered a seat from the waitlist, owed the offer email: ${capped(offered, origin)}`);
    if (found.alreadyImported.length) lines.push(`  already imported: ${rowsWord(found.alreadyImported.length)} ${ranges(rows(found.alreadyImported))}`);
    if (found.erased.length) lines.push(`  skipped, erased on request: ${rowsWord(found.erased.length)} ${ranges(rows(found.erased))}`);
    if (found.duplicates.length) lines.push(`  duplicates (nothing changed): ${capped(found.duplicates, (i) => `row ${rowOf(at(i))} (${duplicateOf(at(i) as Extract<Admission, { kind: 'duplicate' }>)})`)}`);
    const { confirmed, offered: open = 0, waitlist } = seatCounts(c.roster);
    const over = confirmed + open > c.capacity ? ` (over capacity: nobody is unseated)` : '';
    lines.push(`  now ${confirmed}/${c.capacity} seated${over}, ${open ? `${open} offered, ` : ''}${waitlist} waitlisted`);
  }
  const rejected = rowsIn(report.rejected);
  if (rejected) {
    lines.push('', `rejected ${rejected} ${rowsWord(rejected)}:`);
    const groups = groupRuns(report.rejected);
    for (const g of groups.slice(0, 50)) lines.push(`  ${g.first === g.last ? `row ${g.first}` : `rows ${g.first}–${g.last}`}: ${g.reason}`);
    if (groups.length > 50) lines.push(`  … and ${groups.length - 50} more (all in --json)`);
  }
  if (report.dryRun) lines.push('', 'dry run: no roster written');
  return `${lines.join('\n')}\n`;
}
