import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRoster, parseRosterYaml } from '../../src/roster/file.js';
import { instant, type Roster, type Signup } from '../../src/roster/types.js';
import { renderRoster } from '../../src/roster/write.js';
import { readEditedRoster } from '../../src/roster/written.js';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { signupsIn, rosterText } from '../helpers/signups.js';

/*
 * Inputs that were slow beyond their weight: a form export of blank lines, and a large roster with
 * one hand edit. These check what is read (row numbers, the edited value); bench/ measures the time.
 */

describe('blank lines in a form export', () => {
  it('are rejected as blank rows with their spreadsheet row numbers, around a field with line breaks', async () => {
    const dir = exampleWorkspace();
    const lines = [
      'Timestamp,Email Address,Full name',
      '', // row 2
      '10/28/2019 9:00:00,ana@example.org,Ana Example', // row 3
      '',
      '', // rows 4 and 5
      '10/29/2019 9:00:00,bo@example.org,"Bo', // row 6: one row over three lines, one of them empty
      '',
      'Example"',
      ',,', // row 7: blank cells
      '10/30/2019 9:00:00,cy@example.org,Cy Example', // row 8
    ];
    writeFileSync(join(dir, 'blank.csv'), `${lines.join('\r\n')}\r\n`);
    const result = await circle(['signups', 'import', 'making-a-case', 'blank.csv', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { rows: number; rejected: Array<{ row: number; reason: string }>; circles: Array<{ seated: Array<{ row: number }> }> };
    expect(report.rows).toBe(7);
    expect(report.rejected).toEqual([2, 4, 5, 7].map((row) => ({ row, reason: 'blank row' })));
    expect(report.circles[0]?.seated.map((s) => s.row)).toEqual([3, 6, 8]);
    expect((await signupsIn(dir, 'making-a-case')).map((s) => s.name)).toEqual(['Ana Example', 'Bo Example', 'Cy Example']);
  });

  it('200,000 of them are one line of the report', async () => {
    const dir = exampleWorkspace();
    writeFileSync(join(dir, 'blank.csv'), `Timestamp,Email Address,Full name\n10/28/2019 9:00:00,ana@example.org,Ana Example\n${'\n'.repeat(200_000)}10/30/2019 9:00:00,bo@example.org,Bo Example\n`);
    const result = await circle(['signups', 'import', 'making-a-case', 'blank.csv'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('blank.csv: 200002 rows');
    expect(result.stdout).toContain('seated 2: rows 2, 200003');
    expect(result.stdout).toContain('rejected 200000 rows:\n  rows 3–200002: blank row');
  });
});

/** A roster as an import of `count` people writes it: 20 seated, the rest waiting. */
function largeRoster(count: number): Roster {
  const signups: Signup[] = Array.from({ length: count }, (_, i) => ({
    name: `Person ${i} Example`,
    email: `person${i}@example.org`,
    language: i % 3 ? 'en' : 'es',
    signedUp: instant(Date.UTC(2019, 9, 28, 9) + i * 7_000),
    source: { via: 'import', file: 'responses.csv', import: 1 },
    row: i + 2,
    status: i < 20 ? 'confirmed' : 'waitlisted',
    statusChanged: '2019-10-28T12:00:00.000Z',
  }));
  return { circle: 'making-a-case', lastImport: 1, signups, removed: [] };
}

describe('a large roster with one hand edit', () => {
  const written = renderRoster(largeRoster(3000));

  it('a name in single quotes is read as the name, entry by entry, as the full reader reads it', () => {
    const edited = written.replace('  - name: Person 500 Example\n', "  - name: 'Person 500 Example'\n");
    expect(edited).not.toBe(written);
    const parsed = parseRoster(Buffer.from(edited));
    expect(parsed.findings).toEqual([]);
    expect(parsed.yaml).toBeUndefined(); // the whole file never went through the yaml library
    expect(parsed.roster?.signups[500]?.name).toBe('Person 500 Example');
    expect(parsed.roster).toEqual(parseRosterYaml(Buffer.from(edited)).roster);
  });

  it('edits YAML allows inside an entry read the same as the full reader: quotes, comments, a block note, a status moved', () => {
    const edited = written
      .replace("  - name: Person 7 Example\n", '  - name: "Person 7 Example" # called\n')
      .replace('    email: person900@example.org\n', '    # moved by hand\n    email: person900@example.org\n')
      .replace(/(email: person901@example\.org\n(?: {4}.*\n)*? {4})status: waitlisted\n/, '$1status: cancelled\n    note: |\n      asked by phone\n      to leave\n')
      .replaceAll('\n', '\r\n');
    const careful = readEditedRoster(edited, (entry) => parseRosterYaml(Buffer.from(`circle: x\nlast_import: 0\nsignups:\n${entry}`)).roster?.signups[0]);
    const full = parseRosterYaml(Buffer.from(edited));
    expect(full.findings).toEqual([]);
    expect(careful).toEqual(full.roster);
    expect(careful?.signups[901]).toMatchObject({ status: 'cancelled', note: 'asked by phone\nto leave' });
    expect(parseRoster(Buffer.from(edited)).roster).toEqual(full.roster);
  });

  it('an edit with a problem still has it placed at file:line:col', async () => {
    const dir = exampleWorkspace();
    expect((await circle(['signups', 'add', 'making-a-case', '--name', 'Ana Example', '--email', 'ana@example.org'], { cwd: dir })).code).toBe(0);
    const path = join(dir, 'rosters', 'making-a-case.yaml');
    writeFileSync(path, renderRoster(largeRoster(3000)).replace("  - name: Person 500 Example\n    email: person500@example.org\n", "  - name: 'Person 500 Example'\n    email: person500@example\n"));
    const line = readFileSync(path, 'utf8').split('\n').indexOf('    email: person500@example') + 1;
    const result = await circle(['validate', 'rosters/making-a-case.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`rosters/making-a-case.yaml:${line}:12: error: "signups[500].email" is not a valid email address`);
    expect(rosterText(dir, 'making-a-case')).toContain("name: 'Person 500 Example'");
  });
});
