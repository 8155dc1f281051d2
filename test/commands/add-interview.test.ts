import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';

// Every field but the times, so the interview asks for the start and the end alone.
const given = ['add', '--title', 'Open budgets', '--id', 'open-budgets', '--number', '7', '--summary', 'Budgets.', '--topic', 'Budget data', '--lang', 'en',
  '--host-name', 'Ana Example', '--host-org', 'Example Org', '--host-email', 'ana@example.org', '--instigator', 'Bo Example', '--timezone', 'Europe/London',
  '--capacity', '12', '--recorded', '--platform', 'Zoom', '--meeting-url', 'https://meet.example.org/x', '--signup-url', 'https://forms.example.org/x',
  '--organizer-name', 'Ana Example', '--organizer-email', 'ana@example.org', '--es-title', 'Presupuestos'];
const now = new Date('2030-01-01T12:00:00Z');
const WRITE = 'Write circles/open-budgets.yaml?';

describe('circle add with questions', () => {
  it('asks only what the flags leave out, echoes the times, shows the file and writes it', async () => {
    const dir = exampleWorkspace();
    const result = await circle(given, { cwd: dir, now, answers: ['2 April 2030 6pm', '7.30pm', 'write'] });
    expect(result.asked).toEqual(['Starts at (local date and time, e.g. 2019-12-04 9:30 or 4 Dec 2019 2pm)', 'Ends at (13:15 or 1:15pm) or lasts (1h15m)', WRITE]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('  → Tuesday 2 April 2030, 18:00 Europe/London (BST)\n');
    expect(result.stderr).toContain('  → ends 19:30, 1h30m\n');
    expect(result.stderr).toContain('start: 2030-04-02T18:00\nend: 19:30\n');
    expect(result.stderr).toContain('wrote circles/open-budgets.yaml\n');
    expect(result.stdout).toBe('circles/open-budgets.yaml\n');
    expect(readFileSync(join(dir, 'circles', 'open-budgets.yaml'), 'utf8')).toContain('start: 2030-04-02T18:00\nend: 19:30\ntimezone: Europe/London\ncapacity: 12\n');
  });

  it('changes a field, shows what the change upset, and writes once it is fixed', async () => {
    const dir = exampleWorkspace();
    const answers = ['2030-04-02 18:00', '19:00', 'change', 'Start', '2030-04-02 20:00', 'change', 'End or length', '9pm', 'write'];
    const result = await circle(given, { cwd: dir, now, answers });
    expect(result.code).toBe(0);
    expect(result.asked).toEqual([
      'Starts at (local date and time, e.g. 2019-12-04 9:30 or 4 Dec 2019 2pm)', 'Ends at (13:15 or 1:15pm) or lasts (1h15m)', WRITE, 'Change which field?',
      'Starts at (local date and time, e.g. 2019-12-04 9:30 or 4 Dec 2019 2pm)', 'Fix it?', 'Change which field?', 'Ends at (13:15 or 1:15pm) or lasts (1h15m)', WRITE,
    ]);
    expect(result.stderr).toContain('  error: end: the session ends before it starts (19:00 is not after 20:00)');
    expect(readFileSync(join(dir, 'circles', 'open-budgets.yaml'), 'utf8')).toContain('start: 2030-04-02T20:00\nend: 21:00\n');
  });

  it('on quitting writes nothing and prints the command line that writes the same file', async () => {
    const dir = exampleWorkspace();
    const quit = await circle(given, { cwd: dir, now, answers: ['15 enero 2030 16h', '1h15m', 'quit'] });
    expect(quit.code).toBe(0);
    expect(quit.stderr).toContain('nothing written; this command writes it without asking:\n');
    expect(existsSync(join(dir, 'circles', 'open-budgets.yaml'))).toBe(false);
    const line = quit.stdout.trim();
    expect(line).toMatch(/^circle add --series lift --id open-budgets .* --start 2030-01-15T16:00 --duration 1h15m /);
    const shown = quit.stderr.slice(quit.stderr.indexOf('# yaml-language-server'), quit.stderr.lastIndexOf('\n\nnothing written') + 1);
    // No word of the line needs quoting but the title and a few others: split them as the shell would.
    const words = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '').slice(1);
    const again = await circle(words, { cwd: dir, now });
    expect(again.code).toBe(0);
    expect(again.asked).toEqual([]);
    expect(readFileSync(join(dir, 'circles', 'open-budgets.yaml'), 'utf8')).toBe(shown);
  });

  it('with --yes writes without showing the file; with --dry-run prints it', async () => {
    const dir = exampleWorkspace();
    const yes = await circle([...given, '--yes'], { cwd: dir, now, answers: ['2030-04-02 18:00', '1h'] });
    expect(yes.code).toBe(0);
    expect(yes.asked).not.toContain(WRITE);
    const dry = await circle([...given, '--id', 'dry', '--dry-run'], { cwd: dir, now, answers: ['2030-04-02 18:00', '1h'] });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('id: dry\n');
    expect(dry.stderr).toContain('dry run: circles/dry.yaml not written\n');
    expect(existsSync(join(dir, 'circles', 'dry.yaml'))).toBe(false);
  });

  it('says when an answered start has passed, by the clock it is given', async () => {
    const result = await circle(given, { cwd: exampleWorkspace(), now: new Date('2030-05-01T00:00:00Z'), answers: ['2030-04-02 18:00', '1h', 'write'] });
    expect(result.stderr).toContain('  ! that start has passed: announcements will offer it as if it were to come: check the year and date\n');
    expect(result.stderr).toContain('warning: the circle starts on Tuesday 2 April 2030, 18:00 Europe/London, which has passed;');
  });

  it('without a terminal asks nothing and names every missing option', async () => {
    const result = await circle(['add', '--summary', 'Budgets.'], { cwd: exampleWorkspace(), now });
    expect(result.code).toBe(2);
    expect(result.asked).toEqual([]);
    expect(result.stderr).toBe(
      'error: missing required options: --title, --start, --end or --duration, --host-name\n  hint: pass them as flags (not running interactively), or run circle add on a terminal to be asked\n',
    );
  });
});
