import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, runCli } from '../helpers/cli.js';
import { isExampleWarning } from '../helpers/organiser.js';
import { Terminal } from '../helpers/pty.js';

const DOWN = '\x1b[B';
const FIELDS = ['Title', 'Id (file name)', 'Number in the series', 'Summary', '"We will cover" list', 'Language', 'Host name', 'Host organisation', 'Host email',
  'Instigators', 'Time zone', 'Start', 'End or length', 'Seats', 'Recorded', 'Platform', 'Meeting link', 'Sign-up form link', 'Organizer', 'Translation'];

/** Picks a choice of a select prompt with the arrow keys, as a person would. */
async function pick(term: Terminal, prompt: string, position: number): Promise<void> {
  await term.waitFor(prompt);
  term.type(`${DOWN.repeat(position)}\r`);
}

/** The words a POSIX shell makes of a command line, read by the shell itself. */
function shellWords(line: string): string[] {
  const result = spawnSync('sh', ['-c', `circle() { printf '%s\\0' "$@"; }; ${line}`], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.split('\0').slice(0, -1);
}

describe('circle add on a terminal', () => {
  it('asks for each field, reads times as people write them, lets a field be changed at the end, then writes', async () => {
    const dir = exampleWorkspace();
    const term = new Terminal(['add'], dir);
    await term.answer('Title', 'Open budgets in practice');
    await term.answer('Id (file name) (open-budgets-in-practice)', '');
    await term.answer('Number in the series (5)', '');
    await term.answer('Summary', 'We compare notes on publishing budgets.');
    await term.answer('"We will cover" item (empty to finish)', 'Budget data');
    await term.answer('"We will cover" item (another, or empty to finish)', '');
    await term.answer('Held in', '');
    await term.answer('Host name', '');
    await term.waitForRejection('> required');
    term.type('Ana Example\r');
    await term.answer('Host organisation', '');
    await term.answer('Host email', 'ana@');
    await term.waitForRejection('"host.email" is not a valid email address');
    term.type('\x7f'.repeat(4) + 'ana@example.org\r');
    await term.answer('Instigator name', 'Bo Example');
    await term.answer('Organisation of Bo Example', 'Example Org');
    await term.answer('Role of Bo Example', 'Chair');
    await term.answer('Instigator name', '');
    await term.answer('Time zone (IANA name, or GMT) (GMT)', '\x7f'.repeat(3) + 'Europe/London');
    await term.answer('Starts at', '31 March 2019 1:30am');
    await term.waitForRejection('2019-03-31 01:30 does not exist in Europe/London');
    term.type('\x7f'.repeat(20) + '4/2/2019 6pm\r');
    await term.waitForRejection('"4/2/2019" could be 4 February or 2 April 2019');
    term.type('\x7f'.repeat(12) + '2 April 2019 6pm\r');
    await term.waitFor('→ Tuesday 2 April 2019, 18:00 Europe/London (BST)');
    await term.answer('Ends at (13:15 or 1:15pm) or lasts (1h15m)', '5pm');
    await term.waitForRejection('the session ends before it starts');
    term.type('\x7f'.repeat(3) + '7.30pm\r');
    await term.waitFor('→ ends 19:30, 1h30m');
    await term.answer('Seats (20)', '');
    await term.answer('Will it be recorded?', '');
    await term.answer('Platform', 'Zoom');
    await term.answer('Meeting link', '');
    await term.answer('Sign-up form link', 'https://forms.example.org/budgets');
    await term.answer('Organizer name (invitations and mail come from them) (Lift Learning Circles)', '');
    await term.answer('Organizer email (circles@example.org)', '');
    await term.answer('Add a Spanish translation?', 'y');
    await term.answer('Translated title', 'Presupuestos abiertos en la práctica');
    await term.answer('Translated summary', '');
    await term.answer('Translated "We will cover" item', '');
    await term.waitFor('start: 2019-04-02T18:00\nend: 19:30\n'.replaceAll('\n', '\r\n'));
    await pick(term, 'Write circles/open-budgets-in-practice.yaml?', 1);
    await pick(term, 'Change which field?', FIELDS.indexOf('Start'));
    await term.answer('Starts at', '\x7f'.repeat(16) + 'Wednesday, April 3rd, 2019 at 9:30 am');
    await term.waitFor('→ Wednesday 3 April 2019, 09:30 Europe/London (BST)');
    await term.waitFor('start: 2019-04-03T09:30\nend: 19:30\n'.replaceAll('\n', '\r\n'));
    await term.answer('Write circles/open-budgets-in-practice.yaml?', '');
    expect(await term.exited).toBe(0);
    expect(term.screen).toContain('wrote circles/open-budgets-in-practice.yaml');

    const text = readFileSync(join(dir, 'circles', 'open-budgets-in-practice.yaml'), 'utf8');
    expect(text).toContain('number: 5\ntitle: Open budgets in practice\n');
    expect(text).toContain('host:\n  name: Ana Example\n  email: ana@example.org\ninstigators:\n  - name: Bo Example\n    org: Example Org\n    role: Chair\n');
    expect(text).toContain('start: 2019-04-03T09:30\nend: 19:30\ntimezone: Europe/London\ncapacity: 20\nrecorded: true\nplatform: Zoom\n');
    expect(text).toContain('signup_url: https://forms.example.org/budgets\nstatus: scheduled\n');
    expect(text).not.toContain('organizer');
    expect(text).toContain('translations:\n  es:\n    title: Presupuestos abiertos en la práctica\n');
    const validate = runCli(['validate', '--json', 'circles/open-budgets-in-practice.yaml'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect((JSON.parse(validate.stdout) as { problems: Array<{ message: string }> }).problems.filter((p) => !isExampleWarning(p))).toEqual([]);
  });

  it('on quitting, writes nothing and prints a command line that writes the same file', async () => {
    const dir = exampleWorkspace();
    const term = new Terminal(['add', '--title', "Budgets: what's next?", '--summary', 'Bring "your" data & $questions', '--topic', 'Red flags', '--topic', 'Año fiscal',
      '--language', 'en', '--host-name', 'Ana Example', '--host-org', 'Example Org', '--host-email', 'ana@example.org', '--instigator', 'Bo Example|Example Newsroom|Data editor',
      '--capacity', '12', '--no-recorded', '--platform', 'Jitsi', '--meeting-url', 'https://meet.example.org/x', '--signup-url', 'https://forms.example.org/x', '--es-title', 'Presupuestos: ¿y ahora?'], dir);
    await term.answer('Id (file name) (budgets-what-s-next)', 'budgets-next');
    await term.answer('Number in the series (5)', '');
    await term.answer('Time zone (IANA name, or GMT) (GMT)', '\x7f'.repeat(3) + 'America/Bogota');
    await term.answer('Starts at', '15 enero 2020 16h');
    await term.waitFor('→ Wednesday 15 January 2020, 16:00 America/Bogota (GMT-5)');
    await term.answer('Ends at', '1h15m');
    await term.waitFor('→ ends 17:15, 1h15m');
    await term.answer('Organizer name (invitations and mail come from them) (Lift Learning Circles)', 'Ana Example');
    await term.answer('Organizer email (circles@example.org)', 'ana@example.org');
    await term.waitFor('organizer:\r\n  name: Ana Example\r\n  email: ana@example.org\r\n');
    await pick(term, 'Write circles/budgets-next.yaml?', 2);
    expect(await term.exited).toBe(0);
    expect(term.screen).toContain('nothing written; this command writes it without asking:');
    expect(existsSync(join(dir, 'circles', 'budgets-next.yaml'))).toBe(false);

    const screen = term.screen.replaceAll('\r\n', '\n');
    const shown = screen.slice(screen.lastIndexOf('# yaml-language-server'), screen.lastIndexOf('\n\n', screen.indexOf('Write circles/budgets-next.yaml?')) + 1);
    const line = screen.split('\n').find((l) => l.startsWith('circle add '));
    expect(line).toContain("--title 'Budgets: what'\\''s next?'");
    const words = shellWords(line ?? '');
    expect(words).toContain('Bring "your" data & $questions');
    const run = runCli(words, { cwd: dir });
    // 2020 has passed: the same warning as on the terminal, then the file.
    expect(run.stderr).toBe('warning: the circle starts on Wednesday 15 January 2020, 16:00 America/Bogota, which has passed; announcements will offer it as if it were to come: check the year and date\nwrote circles/budgets-next.yaml\n');
    expect(readFileSync(join(dir, 'circles', 'budgets-next.yaml'), 'utf8')).toBe(shown);
    expect(shown).toContain('start: 2020-01-15T16:00\nduration: 1h15m\ntimezone: America/Bogota\ncapacity: 12\nrecorded: false\n');
  });

  it('shows what a change upset in another field, and writes only once it is fixed', async () => {
    const dir = exampleWorkspace();
    const term = new Terminal(['add', '--title', 'Late start', '--start', '2 Apr 2019 6pm', '--end', '7pm', '--host-name', 'Ana Example', '--summary', 'x', '--topic', 'y',
      '--language', 'en', '--host-org', 'o', '--host-email', 'ana@example.org', '--instigator', 'B', '--timezone', 'GMT', '--capacity', '20', '--recorded', '--platform', 'Zoom',
      '--meeting-url', 'https://meet.example.org/x', '--signup-url', 'https://forms.example.org/x', '--organizer-name', 'Ana Example', '--organizer-email', 'ana@example.org',
      '--es-title', 'Tarde', '--id', 'late-start', '--number', '7'], dir);
    await term.waitFor('start: 2019-04-02T18:00\r\nend: 19:00\r\n');
    await pick(term, 'Write circles/late-start.yaml?', 1);
    await pick(term, 'Change which field?', FIELDS.indexOf('Start'));
    await term.answer('Starts at', '\x7f'.repeat(16) + '2019-04-02 20:00');
    await term.waitFor('→ Tuesday 2 April 2019, 20:00 GMT');
    await term.waitFor('error: end: the session ends before it starts (19:00 is not after 20:00)');
    await pick(term, 'Fix it?', 0);
    await pick(term, 'Change which field?', FIELDS.indexOf('End or length'));
    await term.answer('Ends at', '\x7f'.repeat(5) + '9pm');
    await term.waitFor('→ ends 21:00, 1h');
    await term.answer('Write circles/late-start.yaml?', '');
    expect(await term.exited).toBe(0);
    expect(readFileSync(join(dir, 'circles', 'late-start.yaml'), 'utf8')).toContain('start: 2019-04-02T20:00\nend: 21:00\n');
  });

  it('exits quietly with 130 on Ctrl-C, writes nothing, and prints the command line of the answers so far', async () => {
    const dir = exampleWorkspace();
    const term = new Terminal(['add', '--capacity', '12'], dir);
    await term.answer('Title', 'Interrupted, again');
    await term.waitFor('Id (file name)');
    term.type('\x03');
    expect(await term.exited).toBe(130);
    expect(term.screen).not.toMatch(/error|Error|at .*\.js/);
    expect(term.screen).toContain("cancelled; to go on from here later, run:\r\n  circle add --title 'Interrupted, again' --capacity 12\r\n");
    expect(existsSync(join(dir, 'circles', 'interrupted-again.yaml'))).toBe(false);
  });

  it('says nothing more on Ctrl-C before any answer', async () => {
    const term = new Terminal(['add'], exampleWorkspace());
    await term.waitFor('Title');
    term.type('\x03');
    expect(await term.exited).toBe(130);
    expect(term.screen).not.toContain('cancelled');
  });
});
