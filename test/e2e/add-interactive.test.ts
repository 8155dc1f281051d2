import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, runCli } from '../helpers/cli.js';
import { Terminal } from '../helpers/pty.js';

describe('circle add on a terminal', () => {
  it('asks for each field, re-asks on a bad answer, shows the file and writes it on confirmation', async () => {
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
    await term.answer('Starts at', '2019-03-31T01:30');
    await term.waitForRejection('does not exist in Europe/London');
    term.type('\x7f'.repeat(16) + '2019-04-02T18:00\r');
    await term.answer('Ends at (13:15) or lasts (1h15m)', '17:00');
    await term.waitForRejection('the session ends before it starts');
    term.type('\x7f'.repeat(5) + '1h30m\r');
    await term.answer('Seats (20)', '');
    await term.answer('Will it be recorded?', '');
    await term.answer('Platform', 'Zoom');
    await term.answer('Meeting link', '');
    await term.answer('Sign-up form link', 'https://forms.example.org/budgets');
    await term.answer('Add a Spanish translation?', 'y');
    await term.answer('Translated title', 'Presupuestos abiertos en la práctica');
    await term.answer('Translated summary', '');
    await term.answer('Translated "We will cover" item', '');
    await term.waitFor('id: open-budgets-in-practice');
    await term.answer('Write circles/open-budgets-in-practice.yaml?', '');
    expect(await term.exited).toBe(0);
    expect(term.screen).toContain('wrote circles/open-budgets-in-practice.yaml');

    const text = readFileSync(join(dir, 'circles', 'open-budgets-in-practice.yaml'), 'utf8');
    expect(text).toContain('number: 5\ntitle: Open budgets in practice\n');
    expect(text).toContain('host:\n  name: Ana Example\n  email: ana@example.org\ninstigators:\n  - name: Bo Example\n    org: Example Org\n    role: Chair\n');
    expect(text).toContain('start: 2019-04-02T18:00\nduration: 1h30m\ntimezone: Europe/London\ncapacity: 20\nrecorded: true\nplatform: Zoom\n');
    expect(text).toContain('translations:\n  es:\n    title: Presupuestos abiertos en la práctica\n');
    expect(runCli(['validate', '--strict'], { cwd: dir }).code).toBe(0);
  });

  it('writes nothing when the user declines at the end', async () => {
    const dir = exampleWorkspace();
    const term = new Terminal(['add', '--title', 'Declined', '--start', '2020-01-15T16:00', '--duration', '1h', '--host-name', 'Ana', '--summary', 'x', '--topic', 'y',
      '--language', 'en', '--host-org', 'o', '--host-email', 'ana@example.org', '--instigator', 'B', '--timezone', 'GMT', '--capacity', '20', '--recorded',
      '--platform', 'Zoom', '--meeting-url', 'https://meet.example.org/x', '--signup-url', 'https://forms.example.org/x', '--es-title', 'Rechazado', '--id', 'declined', '--number', '7'], dir);
    await term.answer('Write circles/declined.yaml?', 'n');
    expect(await term.exited).toBe(0);
    expect(term.screen).toContain('nothing written');
    expect(existsSync(join(dir, 'circles', 'declined.yaml'))).toBe(false);
  });

  it('exits quietly with 130 on Ctrl-C and writes nothing', async () => {
    const dir = exampleWorkspace();
    const term = new Terminal(['add'], dir);
    await term.answer('Title', 'Interrupted');
    await term.waitFor('Id (file name)');
    term.type('\x03');
    expect(await term.exited).toBe(130);
    expect(term.screen).not.toMatch(/error|Error|at .*\.js/);
    expect(existsSync(join(dir, 'circles', 'interrupted.yaml'))).toBe(false);
  });
});
