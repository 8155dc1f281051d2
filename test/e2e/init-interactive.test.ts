import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { Terminal } from '../helpers/pty.js';

describe('circle init on a terminal', () => {
  it('asks for the organizer on a terminal', async () => {
    const dir = tempDir();
    const term = new Terminal(['init', '--series', 'lift'], dir);
    await term.answer('Organizer name (who invitations and mail come from; empty for none)', 'Lift Team');
    await term.answer('Organizer email', 'team@');
    await term.waitForRejection('"team@" is not a valid email address');
    term.type('example.org\r');
    await term.answer('Mailing list link for news of the series (empty for none)', 'lists.example.org');
    await term.waitForRejection('"lists.example.org" is not an http:// or https:// link');
    term.type('\u0015https://lists.example.org/lift\r'); // Ctrl-U clears the line
    await term.answer('Domain for calendar invitation UIDs', ''); // the default: the organizer's domain
    expect(await term.exited).toBe(0);
    const series = readFileSync(join(dir, 'circles', 'lift.series.yaml'), 'utf8');
    expect(series).toContain('organizer:\n  name: Lift Team\n  email: team@example.org\n');
    expect(series).toContain('mailing_list_url: https://lists.example.org/lift\n');
    expect(series).toContain('uid_domain: example.org\n');
    expect(runCli(['validate'], { cwd: dir }).code).toBe(0);
  });

  it('on a terminal, an empty organizer name means none', async () => {
    const dir = tempDir();
    const term = new Terminal(['init'], dir);
    await term.answer('Organizer name', '');
    await term.answer('Mailing list link', '');
    await term.answer('Domain for calendar invitation UIDs', 'circles.example.org');
    expect(await term.exited).toBe(0);
    expect(readFileSync(join(dir, 'circles', 'my-circles.series.yaml'), 'utf8')).toContain('uid_domain: circles.example.org\n');
    expect(term.screen).toContain('No organizer: mail will come from CIRCLE_FROM');
    expect(readFileSync(join(dir, 'circles', 'my-circles.series.yaml'), 'utf8')).not.toContain('organizer');
  });
});
