import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { isExampleWarning } from '../helpers/organiser.js';

const required = ['--title', 'Procurement data for journalists', '--start', '2020-01-15T16:00', '--end', '17:15', '--host-name', 'Ana Example'];

describe('circle add without a terminal', () => {
  it('writes a circle from flags that validate passes, fields in the documented order', async () => {
    const dir = exampleWorkspace();
    const result = await circle(
      [
        'add', ...required,
        '--summary', 'How reporters find stories in contracts.',
        '--topic', 'Where the data is', '--topic', 'Red flags',
        '--host-org', 'Example Org', '--host-email', ' ana@example.org\u00a0',
        '--instigator', 'Bo Example|Example Newsroom|Data editor', '--instigator', 'OC Helpdesk',
        '--timezone', 'America/Bogota', '--capacity', '25', '--platform', 'Jitsi',
        '--meeting-url', 'https://meet.example.org/journalists', '--signup-url', 'https://forms.example.org/journalists',
        '--es-title', 'Datos de compras públicas para periodistas',
      ],
      { cwd: dir },
    );
    expect(result.stderr).toContain('wrote circles/procurement-data-for-journalists.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('circles/procurement-data-for-journalists.yaml\n');
    expect(readFileSync(join(dir, 'circles', 'procurement-data-for-journalists.yaml'), 'utf8')).toBe(`# yaml-language-server: $schema=../schema/circle.schema.json

id: procurement-data-for-journalists
series: lift
number: 5
title: Procurement data for journalists
summary: |-
  How reporters find stories in contracts.
topics:
  - Where the data is
  - Red flags
language: en
host:
  name: Ana Example
  org: Example Org
  email: ana@example.org
instigators:
  - name: Bo Example
    org: Example Newsroom
    role: Data editor
  - name: OC Helpdesk
start: 2020-01-15T16:00
end: 17:15
timezone: America/Bogota
capacity: 25
recorded: true
platform: Jitsi
meeting_url: https://meet.example.org/journalists
signup_url: https://forms.example.org/journalists
status: scheduled
translations:
  es:
    title: Datos de compras públicas para periodistas
`);
    const validate = await circle(['validate', '--json', 'circles/procurement-data-for-journalists.yaml'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect((JSON.parse(validate.stdout) as { problems: Array<{ message: string }> }).problems.filter((p) => !isExampleWarning(p))).toEqual([]);
    const listed = JSON.parse((await circle(['list', '--json'], { cwd: dir })).stdout) as Array<{ id: string; start: string; when: string }>;
    expect(listed.at(-1)).toMatchObject({ id: 'procurement-data-for-journalists', start: '2020-01-15T16:00:00.000-05:00', when: 'Wed 15 Jan 2020 16:00–17:15 America/Bogota' });
  });

  it('takes defaults for everything else: series, next number, zone, 20 seats, recorded', async () => {
    const dir = exampleWorkspace();
    const both = await circle(['add', ...required, '--duration', '1h15m'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--duration: both end and duration are given');
    const ok = await circle(['add', '--title', 'Journalists', '--start', '2020-01-15T16:00', '--duration', '90m', '--host-name', 'Ana Example', '--no-recorded'], { cwd: dir });
    expect(ok.code).toBe(0);
    const text = readFileSync(join(dir, 'circles', 'journalists.yaml'), 'utf8');
    expect(text).toContain('series: lift\nnumber: 5\n');
    expect(text).toContain('duration: 90m\ntimezone: GMT\ncapacity: 20\nrecorded: false\n');
  });

  it('exits 2 naming every missing required flag, and never waits for input', async () => {
    const result = await circle(['add', '--title', 'Only a title'], { cwd: exampleWorkspace() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('missing required options: --start, --end or --duration, --host-name');
    expect(result.stderr).toContain('not running interactively');
  });

  it('asks for --series when the workspace has several', async () => {
    const dir = exampleWorkspace();
    const series = readFileSync(join(dir, 'circles', 'lift.series.yaml'), 'utf8');
    writeFileSync(join(dir, 'circles', 'open-data.series.yaml'), series.replace('slug: lift', 'slug: open-data'));
    const missing = await circle(['add', ...required], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing required options: --series');
    const given = await circle(['add', ...required, '--series', 'open-data'], { cwd: dir });
    expect(given.code).toBe(0);
    expect(readFileSync(join(dir, 'circles', 'procurement-data-for-journalists.yaml'), 'utf8')).toContain('series: open-data\nnumber: 1\n');
  });

  it('rejects bad values with the flag to fix, and writes nothing', async () => {
    const dir = exampleWorkspace();
    const result = await circle(
      ['add', '--title', 'Bad', '--start', '2019-11-31T10:00', '--end', '11:00', '--host-name', 'Ana', '--host-email', 'ana@', '--capacity', 'many', '--timezone', 'Europe/Londres', '--meeting-url', 'meet.example.org'],
      { cwd: dir },
    );
    expect(result.code).toBe(2);
    for (const line of [
      '--host-email: "host.email" is not a valid email address: "ana@"',
      '--capacity: "capacity" must be a number, not "many"',
      '--timezone: "Europe/Londres" is not a known IANA time zone',
      '--meeting-url: "meeting_url" must be an http:// or https:// link',
      '--start: 2019-11-31 is not a date: November 2019 has 30 days',
    ]) {
      expect(result.stderr).toContain(line);
    }
    expect(existsSync(join(dir, 'circles', 'bad.yaml'))).toBe(false);
  });

  it('rejects a start that does not exist in the zone (DST gap)', async () => {
    const result = await circle(['add', ...required.slice(0, 2), '--start', '2019-03-31T01:30', '--duration', '1h', '--host-name', 'Ana', '--timezone', 'Europe/London'], { cwd: exampleWorkspace() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--start: 2019-03-31 01:30 does not exist in Europe/London');
  });

  it('reads --start and --end as people write them, and writes them in the form of the file', async () => {
    const dir = exampleWorkspace();
    for (const [id, start, end, written] of [
      ['spanish', '4 diciembre 2019 9h30', '10.45', 'start: 2019-12-04T09:30\nend: 10:45\n'],
      ['english', 'Wednesday, December 4th, 2019 at 2 p.m.', '3:15pm', 'start: 2019-12-04T14:00\nend: 15:15\n'],
      ['iso', '2019-12-4 9:30', '2019-12-05 0:30', 'start: 2019-12-04T09:30\nend: 2019-12-05T00:30\n'],
      ['day-first', '13/12/2019 noon', '14h', 'start: 2019-12-13T12:00\nend: 14:00\n'],
    ] as const) {
      const result = await circle(['add', '--title', 'Budgets', '--id', id, '--host-name', 'Ana Example', '--start', start, '--end', end], { cwd: dir });
      expect(result.stderr).toMatch(new RegExp(`^warning: the circle starts on \\w+ \\d+ \\w+ 2019, [\\d:]+ GMT, which has passed; announcements will offer it as if it were to come: check the year and date\nwrote circles/${id}\\.yaml\n$`));
      expect(readFileSync(join(dir, 'circles', `${id}.yaml`), 'utf8')).toContain(written);
    }
    expect((await circle(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('refuses dates that read two ways, and starts without a date or a time, naming the flag', async () => {
    const dir = exampleWorkspace();
    const cases = [
      ['4/12/2019 9:30', '10:45', '--start: "4/12/2019" could be 4 December or 12 April 2019: write the month as a word (4 Dec 2019) or the year first (2019-12-04)'],
      ['9:30', '10:45', '--start: "9:30" has no date: add one, e.g. 2019-12-04 9:30'],
      ['4 Dec 2019', '10:45', '--start: "4 Dec 2019" has no time of day: add one, e.g. 4 Dec 2019 9:30'],
      ['4 Dec 2019 9:30', 'later', '--end: "later" is not a time: write it like 13:15, 1:15pm or 13h15, or a date and time'],
    ];
    for (const [start, end, message] of cases) {
      const result = await circle(['add', '--title', 'Budgets', '--host-name', 'Ana Example', '--start', start ?? '', '--end', end ?? ''], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
    expect(existsSync(join(dir, 'circles', 'budgets.yaml'))).toBe(false);
  });

  it("writes an organizer given by flags, unless it is the series' own", async () => {
    const dir = exampleWorkspace();
    const organizer = (name: string, email: string) => ['--organizer-name', name, '--organizer-email', email];
    expect((await circle(['add', ...required, '--id', 'own', ...organizer('Ana Example', 'ana@example.org')], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'circles', 'own.yaml'), 'utf8')).toContain('organizer:\n  name: Ana Example\n  email: ana@example.org\nstatus: scheduled\n');
    expect((await circle(['add', ...required, '--id', 'inherited', ...organizer('Lift Learning Circles', 'Circles@example.org')], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'circles', 'inherited.yaml'), 'utf8')).not.toContain('organizer');
    const half = await circle(['add', ...required, '--id', 'half', '--organizer-name', 'Ana Example'], { cwd: dir });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--organizer-email: ');
  });

  it('refuses to overwrite an existing circle and leaves it untouched', async () => {
    const dir = exampleWorkspace();
    const before = readFileSync(join(dir, 'circles', 'health-outcomes.yaml'), 'utf8');
    const result = await circle(['add', ...required, '--id', 'health-outcomes'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('circles/health-outcomes.yaml already exists');
    expect(readFileSync(join(dir, 'circles', 'health-outcomes.yaml'), 'utf8')).toBe(before);
  });

  it('refuses a reserved id', async () => {
    const result = await circle(['add', ...required, '--id', 'send'], { cwd: exampleWorkspace() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--id: "send" is a command word');
  });

  it('prints the file and writes nothing with --dry-run', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['add', ...required, '--dry-run'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('id: procurement-data-for-journalists\nseries: lift\nnumber: 5\n');
    expect(existsSync(join(dir, 'circles', 'procurement-data-for-journalists.yaml'))).toBe(false);
  });
});
