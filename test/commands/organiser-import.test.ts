import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { addFixture, signupsIn } from '../helpers/signups.js';

const REJECTED_SESSION =
  `names no circle of the series; accepted: a circle's label in either language or its number, e.g. "Learning Circle #1", "Círculo de aprendizaje n.º 1" or 1 (circles 1, 2, 3, 4), or its title, e.g. "Making a case for open contracting"`;

describe('imports that go wrong loudly', () => {
  it('a Spanish Microsoft Forms export: stops on the respondent column full of "anonymous", names the --map, then imports with it', async () => {
    const dir = exampleWorkspace();
    const file = addFixture(dir, 'microsoft-forms-es.csv');
    const wrong = await circle(['signups', 'import', 'health-outcomes', file], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      'error: microsoft-forms-es.csv: most values in the email column "Correo electrónico" (column D) are not addresses (8 of 8, e.g. "anonymous"), so every such row would be rejected\n' +
        '  hint: the addresses seem to be in "Correo electrónico de contacto" (column H): import with --map email="Correo electrónico de contacto"',
    );
    expect(wrong.stdout).toBe('');
    expect((await circle(['signups', 'list', 'health-outcomes', '--json'], { cwd: dir })).stdout).toBe('[]\n');

    const right = await circle(['signups', 'import', 'health-outcomes', file, '--map', 'email=Correo electrónico de contacto'], { cwd: dir });
    expect(right.code).toBe(0);
    expect(right.stdout).toContain('microsoft-forms-es.csv: 8 rows, utf-8 with BOM, semicolon-separated, dates day-first, times in GMT');
    expect(right.stdout).toContain('seated 7: rows 2–5, 7–9');
    expect(right.stdout).toContain('row 6: invalid email "valentina.rojas(arroba)example.org"');
    const rows = await signupsIn(dir, 'health-outcomes');
    // Names from the form's own question (the respondent "Nombre" is empty), times from "Hora de finalización".
    expect(rows.slice(0, 2).map((r) => [r.name, r.email, r.language, r.organisation, r.country, r.signedUp])).toEqual([
      ['Lucía Fernández Ruiz', 'lucia.fernandez@example.org', 'es', 'Red de Contrataciones Abiertas', 'Colombia', '2019-10-28T09:14:02.000Z'],
      ['Mateo González', 'mateo.gonzalez@example.org', 'es', 'Ministerio de Hacienda', 'Paraguay', '2019-10-28T09:21:30.000Z'],
    ]);
    expect(rows.find((r) => r.email === 'grace.mwangi@example.org')?.language).toBe('en');
  });

  it('with no address anywhere, says so and lists the headers', async () => {
    const dir = exampleWorkspace();
    writeFileSync(join(dir, 'names.csv'), 'Timestamp,Email,Name\n10/28/2019 9:00:00,Ana,Ana Example\n10/29/2019 9:00:00,Ben,Ben Example\n');
    const result = await circle(['signups', 'import', 'health-outcomes', 'names.csv'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('most values in the email column "Email" (column B) are not addresses (2 of 2, e.g. "Ana")');
    expect(result.stderr).toContain('hint: no column holds addresses; say which one does with --map email="<header>" (headers: "Timestamp", "Email", "Name")');
  });

  it('without a time column the summary says rows rank by file order', async () => {
    const dir = exampleWorkspace();
    writeFileSync(join(dir, 'sheet.csv'), 'Email,Name\nana@example.org,Ana Example\nben@example.org,Ben Example\n');
    const result = await circle(['signups', 'import', 'health-outcomes', 'sheet.csv'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sheet.csv: 2 rows, utf-8, comma-separated, no time column: rows rank by file order, after everyone imported before\n');
    expect(result.stdout).not.toContain('times in');
    const json = JSON.parse((await circle(['signups', 'import', 'health-outcomes', 'sheet.csv', '--json', '--dry-run'], { cwd: dir })).stdout) as { timed: boolean };
    expect(json.timed).toBe(false);
  });

  it.each([
    ['Timestamp (UTC)', '10/28/2019 14:00:00', '10/30/2019 9:00:00'],
    ['Hora (UTC)', '28/10/2019 14:00:00', '30/10/2019 9:00:00'],
  ])('a time header saying UTC ("%s") is read as UTC and the summary says UTC, not the circle zone', async (header, first, second) => {
    const dir = exampleWorkspace();
    const circleFile = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(circleFile, readFileSync(circleFile, 'utf8').replace('timezone: GMT', 'timezone: America/Bogota'));
    writeFileSync(join(dir, 'utc.csv'), `${header},Email\n${first},ana@example.org\n${second},ben@example.org\n`);
    const result = await circle(['signups', 'import', 'health-outcomes', 'utc.csv'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^utc\.csv: 2 rows, utf-8, comma-separated, dates (day|month)-first, times in UTC\n/);
    expect((await signupsIn(dir, 'health-outcomes')).map((r) => r.signedUp)).toEqual(['2019-10-28T14:00:00.000Z', '2019-10-30T09:00:00.000Z']);

    writeFileSync(join(dir, 'local.csv'), `Timestamp,Email\n10/28/2019 14:00:00,cy@example.org\n10/30/2019 9:00:00,di@example.org\n`);
    const local = await circle(['signups', 'import', 'health-outcomes', 'local.csv'], { cwd: dir });
    expect(local.stdout).toContain('times in America/Bogota');
  });

  it('series forms take the tool\'s own circle labels in both languages; a rejected answer lists what would be taken', async () => {
    const dir = exampleWorkspace();
    writeFileSync(
      join(dir, 'series.csv'),
      [
        'Marca temporal,Dirección de correo electrónico,Nombre,¿A qué círculos quieres asistir?',
        '1/11/2019 9:00:00,ana@example.org,Ana,Círculo de aprendizaje n.º 3',
        '1/11/2019 9:05:00,ben@example.org,Ben,"Learning Circle #2, Círculo de aprendizaje n.º 4"',
        '1/11/2019 9:10:00,cy@example.org,Cy,Círculo de aprendizaje 1',
        '1/11/2019 9:15:00,di@example.org,Di,"Learning Circle #3 (Wednesday, 4 December 2019, 12:00 GMT)"',
        '13/11/2019 9:20:00,ed@example.org,Ed,Learning Circle #9',
      ].join('\n'),
    );
    const result = await circle(['signups', 'import', '--session-column', '¿A qué círculos quieres asistir?', 'series.csv', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { rejected: Array<{ row: number; reason: string }>; circles: Array<{ id: string; seated: Array<{ row: number }> }> };
    expect(Object.fromEntries(report.circles.map((c) => [c.id, c.seated.map((s) => s.row)]))).toEqual({
      'making-a-case': [4],
      'supplier-engagement': [3],
      'health-outcomes': [2, 5],
      'ocds-field-mapping': [3],
    });
    expect(report.rejected).toEqual([{ row: 6, reason: `"Learning Circle #9" ${REJECTED_SESSION}` }]);
    const human = await circle(['signups', 'import', '--session-column', '¿A qué círculos quieres asistir?', 'series.csv', '--dry-run'], { cwd: dir });
    expect(human.stdout).toContain(`row 6: "Learning Circle #9" ${REJECTED_SESSION}`);
  });
});
