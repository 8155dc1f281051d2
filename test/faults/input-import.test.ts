import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { rosterText, signupsIn } from '../helpers/signups.js';

/* Bad input on the way in, run in process: dates, addresses, names, columns and encodings that used to pass silently. */

const HEADER = 'Timestamp,Email Address,Full name';
const importJson = async (dir: string, file: string) => {
  const result = await circle(['signups', 'import', 'making-a-case', file, '--json'], { cwd: dir });
  if (result.code !== 0) throw new Error(`import failed (${result.code}): ${result.stderr}`);
  return { report: JSON.parse(result.stdout), stderr: result.stderr };
};
const write = (dir: string, name: string, lines: string[]) => {
  writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  return name;
};

describe('signup dates', () => {
  it('years 0001 and 9999 are rejected with their rows instead of jumping the queue (the circle is on 2019-11-06)', async () => {
    const dir = exampleWorkspace();
    const file = write(dir, 'a.csv', [
      HEADER,
      '10/28/2019 9:00:00,ana@example.org,Ana Example',
      '10/28/0001 9:05:00,ben@example.org,Ben Example',
      '10/28/9999 9:10:00,cai@example.org,Cai Example',
      '10/30/2019 9:15:00,dan@example.org,Dan Example',
    ]);

    const { report } = await importJson(dir, file);

    expect(report.rejected).toEqual([
      { row: 3, reason: expect.stringMatching(/^timestamp "10\/28\/0001 9:05:00" is in year 1, not in 2016–20\d\d \(3 years around the circle's date \(2019-11-06\) and today\): correct the year/) },
      { row: 4, reason: expect.stringMatching(/^timestamp "10\/28\/9999 9:10:00" is in year 9999, not in 2016–20\d\d/) },
    ]);
    expect((await signupsIn(dir, 'making-a-case')).map((s) => s.email)).toEqual(['ana@example.org', 'dan@example.org']);
  });

  it('an impossible date in a hand-edited roster is reported at file:line, not read as 2019-03-02', async () => {
    const dir = exampleWorkspace();
    await importJson(dir, write(dir, 'a.csv', [HEADER, '10/28/2019 9:00:00,ana@example.org,Ana Example', '10/30/2019 9:00:00,ben@example.org,Ben Example']));
    const roster = join(dir, 'rosters', 'making-a-case.yaml');
    const text = rosterText(dir, 'making-a-case');
    writeFileSync(roster, text.replace(/signed_up: 2019-10-28T09:00:00\.000Z/, 'signed_up: 2019-02-30T09:00:00Z'));
    const line = text.split('\n').findIndex((l) => l.includes('signed_up: 2019-10-28T09:00:00.000Z')) + 1;
    expect(line).toBeGreaterThan(0);

    const result = await circle(['validate'], { cwd: dir });

    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(new RegExp(`rosters/making-a-case\\.yaml:${line}:\\d+: error: .*2019-02-30T09:00:00Z is not a real date and time`));
    expect((await circle(['signups', 'list', 'making-a-case'], { cwd: dir })).code).toBe(1);
  });
  it('years 0001 and 9999 in a hand-edited roster are reported by validate at file:line', async () => {
    const dir = exampleWorkspace();
    await importJson(dir, write(dir, 'a.csv', [HEADER, '10/28/2019 9:00:00,ana@example.org,Ana Example', '10/29/2019 9:00:00,ben@example.org,Ben Example', '10/30/2019 9:00:00,cai@example.org,Cai Example']));
    const text = rosterText(dir, 'making-a-case');
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const [early, late] = [lineOf('signed_up: 2019-10-29T09:00:00.000Z'), lineOf('signed_up: 2019-10-30T09:00:00.000Z')];
    writeFileSync(join(dir, 'rosters', 'making-a-case.yaml'), text.replace('2019-10-29T09:00:00.000Z', '0001-10-29T09:00:00.000Z').replace('2019-10-30T09:00:00.000Z', '9999-10-30T09:00:00.000Z'));

    const result = await circle(['validate', 'rosters'], { cwd: dir, now: new Date('2019-10-31T12:00:00Z') });

    expect(result.stdout).toContain(`rosters/making-a-case.yaml:${early}:16: warning: signed_up 0001-10-29T09:00:00.000Z is in year 1, not in 2016–2022 (3 years around the circle's date (2019-11-06) and today)`);
    expect(result.stdout).toContain(`rosters/making-a-case.yaml:${late}:16: warning: signed_up 9999-10-30T09:00:00.000Z is in year 9999, not in 2016–2022`);
    expect(result.stdout).toContain('hint: correct the year if it is a typo: it sets the place in the queue');
  });
});

describe('addresses and names', () => {
  it('rejects a..b, .a and a. local parts by row, and quotes a 50 MB address by its start and length', async () => {
    const dir = exampleWorkspace();
    const huge = `${'x'.repeat(50 * 1024 * 1024)}@example.org`;
    const file = write(dir, 'a.csv', [
      HEADER,
      '10/28/2019 9:00:00,a..b@example.org,Ab Example',
      '10/28/2019 9:01:00,.a@example.org,Dot Example',
      '10/28/2019 9:02:00,a.@example.org,Dot Example',
      `10/28/2019 9:03:00,${huge},Huge Example`,
      '10/30/2019 9:04:00,a.b@example.org,Ab Example',
    ]);

    const result = await circle(['signups', 'import', 'making-a-case', file], { cwd: dir });

    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeLessThan(2000);
    expect(result.stdout).toContain('row 2: invalid email "a..b@example.org"');
    expect(result.stdout).toContain('row 3: invalid email ".a@example.org"');
    expect(result.stdout).toContain('row 4: invalid email "a.@example.org"');
    expect(result.stdout).toContain(`row 5: invalid email "${'x'.repeat(60)}"… (52,428,812 characters)`);
    expect((await signupsIn(dir, 'making-a-case')).map((s) => s.email)).toEqual(['a.b@example.org']);
  });

  it('strips right-to-left overrides and other bidi and control characters from names', async () => {
    const dir = exampleWorkspace();
    const file = write(dir, 'a.csv', [
      HEADER,
      '10/28/2019 9:00:00,ana@example.org,Ana \u202egro.elpmaxe\u202c Example',
      '10/30/2019 9:01:00,ben@example.org,\u2067Ben\u2069 \u200fExample\u0007',
    ]);

    await importJson(dir, file);

    expect((await signupsIn(dir, 'making-a-case')).map((s) => s.name)).toEqual(['Ana gro.elpmaxe Example', 'Ben Example']);
  });

  it('signups add and edit clean names as import does, and quote a long invalid address by its start and length', async () => {
    const dir = exampleWorkspace();
    const add = (name: string, email: string) => circle(['signups', 'add', 'making-a-case', '--name', name, '--email', email, '--organisation', ' Open\u2066 Data\u2069 '], { cwd: dir });
    expect((await add('Ana \u202egro.elpmaxe\u202c  Example\u0007', 'ana@example.org')).code).toBe(0);
    expect((await circle(['signups', 'edit', 'making-a-case', 'ana@example.org', '--name', '\u2067Ana\u2069 \u200fExampled'], { cwd: dir })).code).toBe(0);
    expect((await add('\u202e\u202c', 'bo@example.org')).stderr).toContain('missing required options: --name');
    const huge = `${'x'.repeat(100_000)}@example.org`;
    for (const refused of [await add('Cy Example', huge), await circle(['signups', 'edit', 'making-a-case', 'ana@example.org', '--email', huge], { cwd: dir })]) {
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`--email "${'x'.repeat(60)}"… (100,012 characters) is not an address mail can go to`);
      expect(refused.stderr.length).toBeLessThan(2000);
    }
    expect(await signupsIn(dir, 'making-a-case')).toMatchObject([{ name: 'Ana Exampled', email: 'ana@example.org', organisation: 'Open Data' }]);
  });

  it('a right-to-left override typed into a roster name by hand is a warning of validate at file:line', async () => {
    const dir = exampleWorkspace();
    await importJson(dir, write(dir, 'a.csv', [HEADER, '10/28/2019 9:00:00,ana@example.org,Ana Example']));
    const text = rosterText(dir, 'making-a-case');
    const line = text.split('\n').findIndex((l) => l.includes('name: Ana Example')) + 1;
    writeFileSync(join(dir, 'rosters', 'making-a-case.yaml'), text.replace('name: Ana Example', 'name: "Ana \\u202Eelpmaxe"'));

    const result = await circle(['validate', 'rosters'], { cwd: dir });

    expect(result.stdout).toContain(`rosters/making-a-case.yaml:${line}:11: warning: the name of ana@example.org holds the invisible bidi control U+202E at character 5: it must be one line of plain text; remove it`);
    expect(result.stdout).toContain('hint: circle signups edit making-a-case ana@example.org --name "…" writes the name without it');
  });

  it('without an email column, the hint proposes no column that holds no addresses', async () => {
    const dir = exampleWorkspace();
    const file = write(dir, 'a.csv', ['Timestamp,Full name', '10/28/2019 9:00:00,Ana Example']);

    const result = await circle(['signups', 'import', 'making-a-case', file], { cwd: dir });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('a.csv has no email column; its headers are: "Timestamp", "Full name"');
    expect(result.stderr).toContain('no column holds email addresses in its first rows');
    expect(result.stderr).not.toContain('--map email="Timestamp"');
  });
});

describe('a file mixing UTF-8 and Windows-1252', () => {
  it('reads each line in the encoding it is valid in, names the Windows-1252 lines on stderr, and garbles no name', async () => {
    const dir = exampleWorkspace();
    const utf8 = (text: string) => Buffer.from(`${text}\n`, 'utf8');
    const cp1252 = (text: string) => iconv.encode(`${text}\n`, 'windows-1252');
    writeFileSync(
      join(dir, 'a.csv'),
      Buffer.concat([
        utf8(HEADER),
        utf8('10/28/2019 9:00:00,jose@example.org,José Núñez'),
        cp1252('10/28/2019 9:01:00,zoe@example.org,Zoë Brontë'),
        utf8('10/28/2019 9:02:00,anh@example.org,Nguyễn Anh'),
        cp1252('10/30/2019 9:03:00,eur@example.org,Renée €uro'),
      ]),
    );

    const { report, stderr } = await importJson(dir, 'a.csv');

    expect(report.encoding).toBe('utf-8, 2 lines windows-1252');
    expect(stderr).toContain('a.csv mixes encodings: read as UTF-8, except lines 3, 5, which are not UTF-8 and were read as Windows-1252');
    expect((await signupsIn(dir, 'making-a-case')).map((s) => s.name)).toEqual(['José Núñez', 'Zoë Brontë', 'Nguyễn Anh', 'Renée €uro']);
  });

  it('a file in Windows-1252 alone is read so, and stderr says it was a guess', async () => {
    const dir = exampleWorkspace();
    writeFileSync(join(dir, 'a.csv'), iconv.encode(`${HEADER}\n10/28/2019 9:00:00,zoe@example.org,Zoë Brontë\n10/30/2019 9:00:00,eur@example.org,Renée €uro\n`, 'windows-1252'));

    const { report, stderr } = await importJson(dir, 'a.csv');

    expect(report.encoding).toBe('windows-1252 (not UTF-8)');
    expect(stderr).toContain('a.csv is not UTF-8: read as Windows-1252');
    expect((await signupsIn(dir, 'making-a-case')).map((s) => s.name)).toEqual(['Zoë Brontë', 'Renée €uro']);
  });
});
