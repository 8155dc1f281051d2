import { describe, expect, it } from 'vitest';
import { admit, cancel, remove, type Incoming } from '../../src/roster/seats.js';
import { emptyRoster, type Roster, type Signup } from '../../src/roster/types.js';
import { IANAZone } from 'luxon';
import { circleImport, fileReport, newcomers, origin, rowByRow, type CircleImport, type FileSummary } from '../../src/signups/import-tally.js';
import { rowsIn } from '../../src/signups/read-export.js';

const NOW = '2019-11-01T12:00:00.000Z';
const LATER = '2019-11-02T12:00:00.000Z';
const rules = (capacity: number, now = NOW) => ({ capacity, now, language: 'en' as const });

/** Row `row` of `file`: `who` signed up at minute `minute`. */
function row(who: string, minute: number, at: number, file = 'responses.csv'): Incoming {
  return { name: who, email: `${who}@example.org`, signedUp: new Date(Date.UTC(2019, 9, 28, 9, minute)).toISOString(), via: 'import', file, row: at };
}

/** Imports `rows` into `before` and tallies what happened, as `circle signups import --json` shows it. */
function imported(before: Roster, rows: Incoming[], capacity: number): CircleImport {
  const change = admit(before, rows, rules(capacity, LATER));
  return circleImport({ id: before.circle, capacity, outcomes: change.outcomes, promoted: change.promoted, roster: change.roster });
}

const earlier = (capacity: number, rows: Incoming[]) => admit(emptyRoster('making-a-case'), rows, rules(capacity)).roster;

describe('what an import did to a circle', () => {
  const cases: Array<{ name: string; before: () => Roster; rows: Incoming[]; capacity: number; expected: Partial<CircleImport> }> = [
    {
      name: 'seats up to capacity, then the waitlist in row order',
      before: () => emptyRoster('making-a-case'),
      rows: [row('ana', 1, 2), row('ben', 2, 3), row('cleo', 3, 4)],
      capacity: 2,
      expected: { seated: [{ row: 2 }, { row: 3 }], waitlisted: [{ row: 4, position: 1 }], confirmed: 2, waitlist: 1 },
    },
    {
      name: 'a second address in the same file is a duplicate of its first row',
      before: () => emptyRoster('making-a-case'),
      rows: [row('ana', 1, 2), row('ana', 5, 3)],
      capacity: 5,
      expected: { seated: [{ row: 2 }], duplicates: [{ row: 3, of: 'same email as row 2' }], confirmed: 1 },
    },
    {
      name: 'the same file imported again changes nothing',
      before: () => earlier(5, [row('ana', 1, 2), row('ben', 2, 3)]),
      rows: [row('ana', 1, 2), row('ben', 2, 3)],
      capacity: 5,
      expected: { seated: [], alreadyImported: [2, 3], confirmed: 2 },
    },
    {
      name: 'a person on the roster from another file',
      before: () => earlier(5, [row('ana', 1, 2, 'first.csv')]),
      rows: [row('ana', 9, 2, 'second.csv')],
      capacity: 5,
      expected: { duplicates: [{ row: 2, of: 'already on the roster from first.csv row 2' }] },
    },
    {
      name: 'a later signup after cancelling is a re-signup',
      before: () => cancel(earlier(5, [row('ana', 1, 2)]), 'ana@example.org', rules(5, NOW)).roster,
      rows: [row('ana', 5 * 24 * 60, 3)],
      capacity: 5,
      expected: { seated: [{ row: 3, resignup: true }], confirmed: 1 },
    },
    {
      name: 'a row from before the cancellation is a duplicate of the cancelled signup',
      before: () => cancel(earlier(5, [row('ana', 1, 2)]), 'ana@example.org', rules(5, NOW)).roster,
      rows: [row('ana', 30, 3)],
      capacity: 5,
      expected: { seated: [], duplicates: [{ row: 3, of: 'signed up before cancelling (responses.csv row 2)' }], confirmed: 0 },
    },
    {
      name: 'an erased row stays out',
      before: () => remove(earlier(5, [row('ana', 1, 2)]), 'ana@example.org', rules(5, NOW)).roster,
      rows: [row('ana', 1, 2), row('ben', 2, 3)],
      capacity: 5,
      expected: { seated: [{ row: 3 }], erased: [2], confirmed: 1 },
    },
    {
      name: 'a seat added since the last import goes to the first waiting, who is owed a seat email',
      before: () => earlier(1, [row('ana', 1, 2), row('ben', 2, 3), row('cleo', 3, 4)]),
      rows: [row('dan', 4, 5)],
      capacity: 2,
      expected: { waitlisted: [{ row: 5, position: 2 }], promoted: [{ from: 'responses.csv row 3' }], confirmed: 2, waitlist: 2 },
    },
  ];
  it.each(cases)('$name', ({ before, rows, capacity, expected }) => {
    expect(imported(before(), rows, capacity)).toMatchObject(expected);
  });

  it('lists rows in row order when the file was sorted by hand', () => {
    const result = imported(emptyRoster('making-a-case'), [row('cleo', 1, 9), row('ana', 2, 2), row('ben', 3, 5)], 5);
    expect(result.seated).toEqual([{ row: 2 }, { row: 5 }, { row: 9 }]);
  });
});

describe('who an import brought in, for the next step', () => {
  it('counts the seated, the waitlisted and the promoted', () => {
    const change = admit(emptyRoster('making-a-case'), [row('ana', 1, 2), row('ben', 2, 3), row('ana', 3, 4)], rules(1));
    expect(newcomers({ id: 'making-a-case', capacity: 1, ...change })).toEqual({ circle: 'making-a-case', seated: 1, waitlisted: 1, promoted: 0, offered: 0 });
  });
});

describe('where a signup came from', () => {
  const signup = (source: Signup['source'], at?: number): Signup => ({ name: 'Ana', email: 'ana@example.org', signedUp: NOW, status: 'confirmed', source, ...(at ? { row: at } : {}) }) as Signup;
  const cases: Array<{ signup: Signup; expected: string }> = [
    { signup: signup({ via: 'walk-in', import: 1 } as Signup['source']), expected: 'a walk-in' },
    { signup: signup({ via: 'import', file: 'responses.csv', import: 1 } as Signup['source'], 4), expected: 'responses.csv row 4' },
    { signup: signup({ via: 'import', import: 1 } as Signup['source']), expected: 'an earlier import' },
    { signup: signup({ via: 'move', file: 'responses.csv', from: 'budgets', import: 1 } as Signup['source'], 4), expected: 'responses.csv row 4, moved from budgets' },
  ];
  it.each(cases)('$expected', ({ signup: s, expected }) => {
    expect(origin(s)).toBe(expected);
  });
});

describe('what the report says of the file', () => {
  const summary = (time?: string, dateOrder?: string): FileSummary => ({
    file: 'responses.csv',
    encoding: 'utf-8',
    delimiter: ',',
    ...(dateOrder ? { dateOrder } : {}),
    columns: { email: 'Email Address', ...(time ? { time } : {}) },
    rows: 3,
    timed: time !== undefined,
  });
  const cases: Array<{ name: string; summary: FileSummary; zone: string; expected: Record<string, unknown> }> = [
    { name: 'times in the circle\'s zone', summary: summary('Timestamp', 'day-first'), zone: 'America/Bogota', expected: { timezone: 'America/Bogota', dateOrder: 'day-first', timed: true } },
    { name: 'a time header that says UTC is read as UTC', summary: summary('Submit Date (UTC)'), zone: 'America/Bogota', expected: { timezone: 'UTC', timed: true } },
    { name: 'no time column', summary: summary(), zone: 'Europe/London', expected: { timezone: 'Europe/London', timed: false } },
  ];
  it.each(cases)('$name', ({ summary: s, zone, expected }) => {
    const report = fileReport(s, IANAZone.create(zone), [], true);
    expect(report).toMatchObject({ dryRun: true, file: 'responses.csv', rows: 3, rejected: [], ...expected });
    expect('dateOrder' in report).toBe(expected.dateOrder !== undefined);
  });

  it('keeps the documented key order of --json', () => {
    expect(Object.keys(fileReport(summary('Timestamp', 'day-first'), IANAZone.create('GMT'), [], false))).toEqual(['dryRun', 'file', 'encoding', 'delimiter', 'dateOrder', 'timezone', 'timed', 'columns', 'rows', 'rejected']);
  });
});

describe('rejected rows: a run of blank rows is one entry until --json lists each row', () => {
  it.each([
    { rejected: [], rows: [], count: 0 },
    { rejected: [{ row: 2, reason: 'blank row' }], rows: [2], count: 1 },
    { rejected: [{ row: 4, through: 6, reason: 'blank row' }, { row: 7, reason: 'no email' }], rows: [4, 5, 6, 7], count: 4 },
    { rejected: [{ row: 3, through: 1_000_002, reason: 'blank row' }], rows: [3, 1_000_002], count: 1_000_000 },
  ])('$count rows', ({ rejected, rows, count }) => {
    const listed = rowByRow(rejected);
    expect(rowsIn(rejected)).toBe(count);
    expect(listed).toHaveLength(count);
    expect(listed.every((r) => !('through' in r))).toBe(true);
    if (rows.length) expect([listed[0]?.row, listed.at(-1)?.row]).toEqual([rows[0], rows.at(-1)]);
  });
});
