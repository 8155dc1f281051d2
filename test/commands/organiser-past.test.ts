import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';

interface Report {
  problems: Array<{ file: string; line: number; field?: string; severity: string; message: string; hint?: string }>;
}

/** The shipped examples, with one circle cancelled and one moved to 2099. */
function mixedWorkspace(): string {
  const dir = exampleWorkspace();
  const edit = (name: string, from: string | RegExp, to: string) => {
    const file = join(dir, 'circles', name);
    writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  };
  edit('making-a-case.yaml', 'status: scheduled', 'status: cancelled');
  edit('ocds-field-mapping.yaml', /^start: 2019-12-16/m, 'start: 2099-12-16');
  return dir;
}

const pastWarnings = async (dir: string) => {
  const result = await circle(['validate', '--json'], { cwd: dir });
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as Report).problems.filter((p) => p.message.endsWith('and is still scheduled'));
};

describe('circles whose start has passed but are still scheduled', () => {
  it('validate warns at the start of each, not of a cancelled or a future one', async () => {
    const warnings = await pastWarnings(mixedWorkspace());
    expect(warnings.map((p) => [p.file, p.line, p.field, p.severity, p.message])).toEqual([
      ['circles/health-outcomes.yaml', 22, 'start', 'warning', 'the circle started on Wednesday 4 December 2019, 12:00 GMT and is still scheduled'],
      ['circles/supplier-engagement.yaml', 19, 'start', 'warning', 'the circle started on Thursday 21 November 2019, 13:00 GMT and is still scheduled'],
    ]);
    expect(warnings[0]?.hint).toBe('if it took place, nothing to do; if it moved, change start:; if it did not take place, set status: cancelled');
    const strict = await circle(['validate', '--strict'], { cwd: mixedWorkspace() });
    expect(strict.code).toBe(1);
  });

  it('announce names them on stderr and leaves the announcement as it was', async () => {
    const dir = mixedWorkspace();
    const result = await circle(['announce', '--format', 'text'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'warning: 2 circles have started but are still scheduled; this announcement offers them as if to come:\n' +
        '  supplier-engagement: Thursday 21 November 2019, 13:00 GMT\n' +
        '  health-outcomes: Wednesday 4 December 2019, 12:00 GMT\n' +
        '  hint: if one moved, change its start; if it did not take place, set status: cancelled (an archive needs nothing)\n',
    );
    expect(result.stdout).toContain('When: Wednesday, 4 December 2019, 12:00–13:15 GMT');
    expect(result.stdout).not.toMatch(/past|already/i);

    const reminder = await circle(['announce', 'health-outcomes', '--format', 'text', '--json'], { cwd: dir });
    expect(reminder.stderr).toContain('warning: a circle has started but is still scheduled; this announcement offers it as if to come:\n  health-outcomes: Wednesday 4 December 2019, 12:00 GMT\n');
    const future = await circle(['announce', 'ocds-field-mapping', '--format', 'text'], { cwd: dir });
    expect(future.code).toBe(0);
    expect(future.stderr).toBe('');
  });

  it('add warns on a past start given as a flag, and writes the circle; a future start says nothing', async () => {
    const dir = exampleWorkspace();
    const past = await circle(['add', '--title', 'Budgets', '--host-name', 'Ana Example', '--start', '4 Dec 2019 9:30', '--end', '10:45'], { cwd: dir });
    expect(past.code).toBe(0);
    expect(past.stderr).toBe(
      'warning: the circle starts on Wednesday 4 December 2019, 09:30 GMT, which has passed; announcements will offer it as if it were to come: check the year and date\nwrote circles/budgets.yaml\n',
    );
    const future = await circle(['add', '--title', 'Later budgets', '--host-name', 'Ana Example', '--start', '2099-12-02 9:30', '--end', '10:45', '--dry-run'], { cwd: dir });
    expect(future.code).toBe(0);
    expect(future.stderr).toBe('dry run: circles/later-budgets.yaml not written\n');
  });

  it('add on a terminal says so right after the start is given', async () => {
    const dir = exampleWorkspace();
    const result = await circle(
      ['add', '--title', 'Budgets', '--id', 'budgets', '--number', '9', '--summary', 'x', '--topic', 'y', '--language', 'en', '--host-name', 'Ana Example', '--host-org', 'Org',
        '--host-email', 'ana@example.org', '--instigator', 'Bo', '--timezone', 'Europe/London', '--end', '10:45', '--capacity', '20', '--recorded', '--platform', 'Zoom',
        '--meeting-url', 'https://meet.example.org/b', '--signup-url', 'https://forms.example.org/b', '--organizer-name', 'Lift Learning Circles',
        '--organizer-email', 'circles@example.org', '--es-title', 'Presupuestos', '--yes'],
      { cwd: dir, answers: ['4 Dec 2019 9:30'] },
    );
    expect(result.asked).toEqual(['Starts at (local date and time, e.g. 2019-12-04 9:30 or 4 Dec 2019 2pm)']);
    expect(result.stderr).toContain('  → Wednesday 4 December 2019, 09:30 Europe/London (GMT)\n  ! that start has passed: announcements will offer it as if it were to come: check the year and date\n');
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'circles', 'budgets.yaml'), 'utf8')).toContain('start: 2019-12-04T09:30\nend: 10:45\n');
  });
});
