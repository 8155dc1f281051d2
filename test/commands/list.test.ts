import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, tempDir } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';

describe('circle list', () => {
  it('lists the example circles by start with weekdays derived from the dates', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['list'], { cwd: dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+#\s+TITLE\s+WHEN\s+LANG\s+SEATS\s+WAITLIST\s+STATUS$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/))).toEqual([
      ['making-a-case', '1', 'Making a case for open contracting', 'Wed 6 Nov 2019 08:30–09:45 GMT', 'en', '0/20', '0', 'scheduled'],
      ['supplier-engagement', '2', 'Supplier engagement & increasing SME participation', 'Thu 21 Nov 2019 13:00–14:15 GMT', 'en', '0/20', '0', 'scheduled'],
      ['health-outcomes', '3', 'Improving health outcomes through open contracting', 'Wed 4 Dec 2019 12:00–13:15 GMT', 'en', '0/20', '0', 'scheduled'],
      ['ocds-field-mapping', '4', 'Map your existing system to the OCDS', 'Mon 16 Dec 2019 10:00–11:15 GMT', 'en', '0/20', '0', 'scheduled'],
    ]);
  });

  it('prints JSON rows with instants, zone and seats', async () => {
    const result = await circle(['list', '--json'], { cwd: exampleWorkspace() });
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(4);
    expect(rows[2]).toEqual({
      id: 'health-outcomes',
      series: 'lift',
      number: 3,
      title: 'Improving health outcomes through open contracting',
      start: '2019-12-04T12:00:00.000Z',
      end: '2019-12-04T13:15:00.000Z',
      timezone: 'GMT',
      when: 'Wed 4 Dec 2019 12:00–13:15 GMT',
      language: 'en',
      status: 'scheduled',
      capacity: 20,
      confirmed: 0,
      offered: 0,
      waitlisted: 0,
    });
  });

  it('works from another folder with -C, and rejects an unknown series with exit 2', async () => {
    const dir = exampleWorkspace();
    const elsewhere = tempDir();
    expect((await circle(['-C', dir, 'list', '--series', 'lift', '--json'], { cwd: elsewhere })).code).toBe(0);
    const wrong = await circle(['-C', dir, 'list', '--series', 'lfit'], { cwd: elsewhere });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('no series "lfit"');
    expect(wrong.stderr).toContain('series here: lift');
  });

  it('fails with exit 1 and points to validate when a circle is broken', async () => {
    const dir = tempDir();
    const result = await circle(['list'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no circles/ folder');
    expect(result.stderr).toContain('circle init');
  });
});

describe('circle list with rosters', () => {
  it('counts seats as the roster commands read them, hand edits included, and flags a damaged roster', async () => {
    const dir = exampleWorkspace();
    const fixture = new URL('../fixtures/signups/google-forms-en.csv', import.meta.url).pathname;
    expect((await circle(['signups', 'import', 'health-outcomes', fixture], { cwd: dir })).code).toBe(0);
    const count = async () => (JSON.parse((await circle(['list', '--json'], { cwd: dir })).stdout) as Array<{ id: string; confirmed: number | null }>).find((c) => c.id === 'health-outcomes')?.confirmed;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    const roster = join(dir, 'rosters', 'health-outcomes.yaml');
    writeFileSync(roster, readFileSync(roster, 'utf8').replace('status: confirmed\n', 'status: confirmed  # checked by phone\n'));
    expect(await count()).toBe(before);
    writeFileSync(roster, readFileSync(roster, 'utf8').replace(/email: .*\n/, 'email: not-an-address\n'));
    const damaged = await circle(['list', '--json'], { cwd: dir });
    expect(await count()).toBeNull();
    expect(damaged.stderr).toContain('the roster of health-outcomes is damaged');
  });
});
