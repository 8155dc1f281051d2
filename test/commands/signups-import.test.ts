import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { addFixture, formExport, rosterText, signupsIn, who } from '../helpers/signups.js';

const importJson = async (dir: string, args: string[]) => {
  const result = await circle(['signups', 'import', ...args, '--json'], { cwd: dir });
  if (result.code !== 0) throw new Error(`import failed (${result.code}): ${result.stderr}`);
  return JSON.parse(result.stdout);
};

describe('circle signups import: real exports', () => {
  it('Google Forms (English): seats, rejected rows with row numbers, duplicates, then an idempotent re-import', async () => {
    const dir = exampleWorkspace();
    const file = addFixture(dir, 'google-forms-en.csv');
    const first = await importJson(dir, ['making-a-case', file]);
    expect(first).toMatchObject({ file, encoding: 'utf-8', delimiter: ',', dateOrder: 'month-first', timezone: 'GMT', rows: 11 });
    expect(first.rejected).toEqual([
      { row: 5, reason: 'invalid email "not-an-address"' },
      { row: 7, reason: 'no email' },
      { row: 8, reason: 'blank row' },
    ]);
    expect(first.circles[0]).toMatchObject({
      id: 'making-a-case',
      seated: [{ row: 2 }, { row: 3 }, { row: 4 }, { row: 6 }, { row: 10 }, { row: 11 }, { row: 12 }],
      waitlisted: [],
      duplicates: [{ row: 9, of: 'same email as row 6' }],
      confirmed: 7,
      waitlist: 0,
    });
    const roster = rosterText(dir, 'making-a-case');
    expect(roster).toContain('source: { via: import, file: google-forms-en.csv, row: 4, import: 1 }');
    expect(roster).toContain('signed_up: 2019-10-28T10:02:13.000Z');

    const again = await circle(['signups', 'import', 'making-a-case', file], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already imported: rows 2–4, 6, 10–12');
    expect(again.stdout).toContain('duplicates (nothing changed): row 9 (same email as row 6)');
    expect(rosterText(dir, 'making-a-case')).toBe(roster);
  });

  it('the human summary names rows and counts, not people', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['signups', 'import', 'making-a-case', addFixture(dir, 'google-forms-en.csv')], { cwd: dir });
    expect(result.stdout).toContain('google-forms-en.csv: 11 rows, utf-8, comma-separated, dates month-first, times in GMT');
    expect(result.stdout).toContain('seated 7: rows 2–4, 6, 10–12');
    expect(result.stdout).toContain('row 5: invalid email "not-an-address"');
    expect(result.stdout).not.toMatch(/Amara|okafor/i);
  });

  it('Google Forms (Spanish), Typeform, Eventbrite and Excel (semicolon, Windows-1252) land in one roster by signup time', async () => {
    const dir = exampleWorkspace();
    for (const name of ['google-forms-es.csv', 'typeform.csv', 'eventbrite.csv', 'excel-semicolon-1252.csv']) (await importJson(dir, ['health-outcomes', addFixture(dir, name)]));
    const rows = await signupsIn(dir, 'health-outcomes');
    expect(rows.map((r) => [r.name, r.email, r.language, r.signedUp])).toEqual([
      ['Hana Takahashi', 'hana.takahashi@example.org', 'en', '2019-10-28T09:01:12.000Z'],
      ['Seun Adeyemi', 'seun.adeyemi@example.org', 'en', '2019-10-28T09:12:30.000Z'].map((v, i) => (i === 0 ? 'Oluwaseun Adeyemi' : v)),
      ['Lucía Fernández Ruiz', 'lucia.fernandez@example.org', 'es', '2019-10-28T09:14:02.000Z'],
      ['Begoña Muñoz Ibáñez', 'begona.munoz@example.org', 'es', '2019-10-28T09:14:00.000Z'],
      ['Mateo González', 'mateo.gonzalez@example.org', 'en', '2019-10-28T09:30:11.000Z'],
      ['Íñigo Castaño', 'inigo.castano@example.org', 'es', '2019-10-28T10:02:00.000Z'],
      ['Grace Mwangi', 'grace.mwangi@example.org', 'en', '2019-10-28T14:14:02.000Z'],
      ['Diego Alvarado', 'diego.alvarado@example.org', 'en', '2019-10-28T14:30:00.000Z'],
      ['Zoë Dupré', 'zoe.dupre@example.org', 'en', '2019-10-29T17:45:00.000Z'],
      ['Valentina Rojas', 'valentina.rojas@example.org', 'es', '2019-10-29T18:00:00.000Z'],
      ['Camila Souza', 'camila.souza@example.org', 'es', '2019-10-29T00:05:00.000Z'],
      ['Joaquín Pérez', 'joaquin.perez@example.org', 'en', '2019-11-13T10:10:10.000Z'],
    ].sort((a, b) => String(a[3]).localeCompare(String(b[3]))));
    expect(rows.find((r) => r.email === 'lucia.fernandez@example.org')?.organisation).toBe('Red de Contrataciones Abiertas');
  });

  it('--dry-run prints the same summary and writes nothing', async () => {
    const dir = exampleWorkspace();
    const file = addFixture(dir, 'google-forms-en.csv');
    const result = await circle(['signups', 'import', 'making-a-case', file, '--dry-run'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('seated 7: rows 2–4, 6, 10–12');
    expect(result.stdout).toContain('dry run: no roster written');
    expect(existsSync(join(dir, 'rosters'))).toBe(false);
  });
});

describe('circle signups import: seats and the waitlist', () => {
  it('seats 20 in signup order, waitlists the rest, and a later export adds only new people by their time', async () => {
    const dir = exampleWorkspace();
    // 25 people, written in reverse time order: seats still go by time.
    const people = Array.from({ length: 25 }, (_, i) => [`p${String(i + 1).padStart(2, '0')}`, 10 + i] as [string, number]).reverse();
    const report = await importJson(dir, ['making-a-case', formExport(dir, 'first.csv', people)]);
    expect(report.circles[0]).toMatchObject({ confirmed: 20, waitlist: 5 });
    expect(who(await signupsIn(dir, 'making-a-case', 'waitlisted'))).toEqual(['p21#1', 'p22#2', 'p23#3', 'p24#4', 'p25#5']);

    // The next export repeats everyone and adds two: one who signed up before p21 on paper, one last.
    const later = await importJson(dir, ['making-a-case', formExport(dir, 'second.csv', [...people, ['early', 29], ['late', 90]])]);
    expect(later.circles[0].alreadyImported).toHaveLength(25);
    expect(later.circles[0].waitlisted).toEqual([{ row: 27, position: 1 }, { row: 28, position: 7 }]);
    expect(who(await signupsIn(dir, 'making-a-case', 'waitlisted'))).toEqual(['early#1', 'p21#2', 'p22#3', 'p23#4', 'p24#5', 'p25#6', 'late#7']);
    expect(await signupsIn(dir, 'making-a-case', 'confirmed')).toHaveLength(20);
  });

  it('a re-signup after a cancellation joins the waitlist by its new time', async () => {
    const dir = exampleWorkspace();
    const people: Array<[string, number]> = [['ana', 1], ['ben', 2], ['cai', 3]];
    writeFileSync(join(dir, 'circles', 'making-a-case.yaml'), readFileSync(join(dir, 'circles', 'making-a-case.yaml'), 'utf8').replace('capacity: 20', 'capacity: 2'));
    await importJson(dir, ['making-a-case', formExport(dir, 'a.csv', people)]);
    expect((await circle(['signups', 'cancel', 'making-a-case', 'ana@example.org'], { cwd: dir })).code).toBe(0);
    // The export now also holds Ana's new answer, given long after her cancellation.
    const lines = readFileSync(join(dir, 'a.csv'), 'utf8').trimEnd().split('\n');
    const future = new Date(Date.now() + 86_400_000);
    lines.push(`${future.getUTCMonth() + 1}/${future.getUTCDate()}/${future.getUTCFullYear()} 9:00:00,ana@example.org,Ana Example`);
    writeFileSync(join(dir, 'a.csv'), `${lines.join('\n')}\n`);
    const report = await importJson(dir, ['making-a-case', 'a.csv']);
    expect(report.circles[0].waitlisted).toEqual([{ row: 6, position: 1, resignup: true }]);
    expect((await signupsIn(dir, 'making-a-case')).map((r) => `${r.email.split('@')[0]}:${r.status}`)).toEqual(['ben:confirmed', 'cai:confirmed', 'ana:waitlisted', 'ana:cancelled']);
  });
});

describe('circle signups import: the summary for people', () => {
  it('names every kind of outcome by row, agreeing with --json', async () => {
    const dir = exampleWorkspace();
    const circleFile = join(dir, 'circles', 'making-a-case.yaml');
    const capacity = (n: number) => writeFileSync(circleFile, readFileSync(circleFile, 'utf8').replace(/capacity: \d+/, `capacity: ${n}`));
    capacity(2);
    // p01…p14 a minute apart (rows 2–15), p04 again later (row 16), then a row without an address (row 17).
    const people = Array.from({ length: 14 }, (_, i) => [`p${String(i + 1).padStart(2, '0')}`, i + 1] as [string, number]);
    formExport(dir, 'a.csv', [...people, ['p04', 20]]);
    const first = await circle(['signups', 'import', 'making-a-case', 'a.csv'], { cwd: dir });
    expect(first.stdout.split('\n').slice(2)).toEqual([
      'making-a-case:',
      '  seated 2: rows 2–3',
      '  waitlisted 12: row 4 (#1), row 5 (#2), row 6 (#3), row 7 (#4), row 8 (#5), row 9 (#6), row 10 (#7), row 11 (#8), row 12 (#9), row 13 (#10), … and 2 more (all in --json)',
      '  duplicates (nothing changed): row 16 (same email as row 5)',
      '  now 2/2 seated, 12 waitlisted',
      '',
      'rejected 1 row:',
      '  row 17: no email',
      '',
    ]);

    // p01 cancels (p03 takes the seat), p06 is erased on request, a third seat opens, and p01 signs up again.
    expect((await circle(['signups', 'cancel', 'making-a-case', 'p01@example.org'], { cwd: dir })).code).toBe(0);
    expect((await circle(['signups', 'remove', 'making-a-case', 'p06@example.org'], { cwd: dir })).code).toBe(0);
    capacity(3);
    const future = new Date(Date.now() + 86_400_000);
    const again = readFileSync(join(dir, 'a.csv'), 'utf8') + `${future.getUTCMonth() + 1}/${future.getUTCDate()}/${future.getUTCFullYear()} 9:00:00,p01@example.org,P01 Example\n`;
    writeFileSync(join(dir, 'b.csv'), again);
    const second = await circle(['signups', 'import', 'making-a-case', 'b.csv'], { cwd: dir });
    expect(second.stdout.split('\n').slice(2, 10)).toEqual([
      'making-a-case:',
      '  waitlisted 1: row 18 (#10)',
      '  re-signups after cancelling: row 18',
      '  promoted from the waitlist, owed a seat email: a.csv row 5',
      '  already imported: rows 2–6, 8–15',
      '  skipped, erased on request: row 7',
      '  duplicates (nothing changed): row 16 (already on the roster from a.csv row 5)',
      '  now 3/3 seated, 10 waitlisted',
    ]);
    const json = (await importJson(dir, ['making-a-case', '--dry-run', 'b.csv'])).circles[0];
    expect(json).toMatchObject({ seated: [], waitlisted: [], erased: [7], duplicates: [{ row: 16, of: 'already on the roster from a.csv row 5' }], confirmed: 3, waitlist: 10 });
    expect(json.alreadyImported).toEqual([2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 18]);
  });
});

describe('circle signups import: a form for the whole series', () => {
  it('sends each row to the circles it names, rejecting unknown and cancelled circles for that circle only', async () => {
    const dir = exampleWorkspace();
    const path = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('status: scheduled', 'status: cancelled'));
    const report = await importJson(dir, ['--session-column', 'Which sessions would you like to join?', addFixture(dir, 'lift-series-form.csv')]);
    const ids = async (id: string) => (await signupsIn(dir, id)).map((r) => r.email.split('.')[0]);
    expect(await ids('making-a-case')).toEqual(['amara']);
    expect(await ids('supplier-engagement')).toEqual(['liam', 'hana']);
    expect(await ids('ocds-field-mapping')).toEqual(['liam', 'kwame']);
    expect(existsSync(join(dir, 'rosters', 'health-outcomes.yaml'))).toBe(false);
    expect(report.rejected).toEqual([
      { row: 2, circle: 'health-outcomes', reason: 'circle health-outcomes is cancelled' },
      { row: 4, reason: `"Learning Circle #9" names no circle of the series; accepted: a circle's label in either language or its number, e.g. "Learning Circle #1", "Círculo de aprendizaje n.º 1" or 1 (circles 1, 2, 3, 4), or its title, e.g. "Making a case for open contracting"` },
      { row: 6, reason: 'no circle chosen' },
    ]);
    expect(report.circles.map((c: { id: string }) => c.id)).toEqual(['making-a-case', 'supplier-engagement', 'ocds-field-mapping']);
    expect(report.timezone).toBe('GMT');
    const text = await circle(['signups', 'import', '--session-column', 'Which sessions would you like to join?', '--series', 'lift', 'lift-series-form.csv'], { cwd: dir });
    expect(text.stdout).toContain('row 2: circle health-outcomes is cancelled');
  });
});

describe('circle signups import: errors leave the roster untouched', () => {
  const seeded = async () => {
    const dir = exampleWorkspace();
    await importJson(dir, ['making-a-case', addFixture(dir, 'google-forms-en.csv')]);
    return { dir, before: rosterText(dir, 'making-a-case') };
  };

  it.each([
    ['an empty file', '', 1, 'empty.csv is empty'],
    ['a binary file', Buffer.from([0x00, 0xff, 0x10, 0x00]), 1, 'empty.csv is a binary file'],
    ['no email column', 'Timestamp,Nombre,Contacto\n10/28/2019 9:00:00,Ana,ana@example.org\n', 1, 'has no email column; its headers are: "Timestamp", "Nombre", "Contacto"'],
    ['dates that read both ways', 'Timestamp,Email\n10/11/2019 9:00:00,z@example.org\n', 1, 'cannot tell whether the dates in "Timestamp" are day-first or month-first'],
    ['two email columns', 'Email Address,Email\nz@example.org,y@example.org\n', 1, '2 columns could be the email'],
  ])('%s', async (_, content, code, message) => {
    const { dir, before } = await seeded();
    writeFileSync(join(dir, 'empty.csv'), content);
    const result = await circle(['signups', 'import', 'making-a-case', 'empty.csv'], { cwd: dir });
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('hint:');
    expect(rosterText(dir, 'making-a-case')).toBe(before);
  });

  it('shows the --map and the --date-format to use', async () => {
    const { dir } = await seeded();
    writeFileSync(join(dir, 'f.csv'), 'Timestamp,Contacto\n10/11/2019 9:00:00,ana@example.org\n');
    expect((await circle(['signups', 'import', 'making-a-case', 'f.csv'], { cwd: dir })).stderr).toContain('hint: say which column holds the addresses, e.g. --map email="Contacto"');
    expect((await circle(['signups', 'import', 'making-a-case', 'f.csv', '--map', 'email=Contacto'], { cwd: dir })).stderr).toContain('hint: pass --date-format day-first (28/10/2019) or --date-format month-first (10/28/2019)');
    const fixed = await circle(['signups', 'import', 'making-a-case', 'f.csv', '--map', 'email=Contacto', '--date-format', 'day-first', '--json'], { cwd: dir });
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout).dateOrder).toBe('day-first');
    expect((await signupsIn(dir, 'making-a-case')).find((r) => r.email === 'ana@example.org')?.signedUp).toBe('2019-11-10T09:00:00.000Z');
  });

  it('a cancelled circle, an unknown id, a missing file', async () => {
    const { dir, before } = await seeded();
    const path = join(dir, 'circles', 'making-a-case.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('status: scheduled', 'status: cancelled'));
    const cancelled = await circle(['signups', 'import', 'making-a-case', 'google-forms-en.csv'], { cwd: dir });
    expect([cancelled.code, cancelled.stderr]).toEqual([1, expect.stringContaining('circle making-a-case is cancelled: its roster is left as it is')]);
    const unknown = await circle(['signups', 'import', 'making-a-cas', 'google-forms-en.csv'], { cwd: dir });
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('did you mean "making-a-case"?')]);
    const missing = await circle(['signups', 'import', 'supplier-engagement', 'nope.csv'], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('no such file: nope.csv')]);
    expect(rosterText(dir, 'making-a-case')).toBe(before);
  });

  it('a damaged roster is reported, not read as empty, and stays as it was', async () => {
    const { dir, before } = await seeded();
    const cut = before.slice(0, before.length / 2);
    writeFileSync(join(dir, 'rosters', 'making-a-case.yaml'), cut);
    const result = await circle(['signups', 'import', 'making-a-case', 'google-forms-en.csv'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('roster file is cut short');
    expect(rosterText(dir, 'making-a-case')).toBe(cut);
    writeFileSync(join(dir, 'rosters', 'making-a-case.yaml'), '');
    expect((await circle(['signups', 'list', 'making-a-case'], { cwd: dir })).stderr).toContain('roster file is empty');
    const list = await circle(['list'], { cwd: dir });
    expect(list.stdout).toMatch(/making-a-case .* \?\/20 +\?/);
    expect(list.stderr).toContain('the roster of making-a-case is damaged');
  });

  it('reads a Windows-1252 file given --encoding, and refuses an unknown encoding with exit 2', async () => {
    const dir = exampleWorkspace();
    writeFileSync(join(dir, 'w.csv'), iconv.encode('Email,Name\nnuno@example.org,Nuño\n', 'latin1'));
    expect((await circle(['signups', 'import', 'making-a-case', 'w.csv', '--encoding', 'latin1'], { cwd: dir })).code).toBe(0);
    expect((await signupsIn(dir, 'making-a-case'))[0]?.name).toBe('Nuño');
    expect((await circle(['signups', 'import', 'making-a-case', 'w.csv', '--encoding', 'nope'], { cwd: dir })).code).toBe(2);
  });
});
