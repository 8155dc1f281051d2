import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { EXAMPLE_WARNINGS } from '../helpers/organiser.js';

describe('validate: example domains in settings that reach people', () => {
  it('warns at each such setting of the shipped examples, and fails only with --strict', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['validate'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'circles/lift.series.yaml:14:19: warning: mailing_list_url https://lists.example.org/lift is under example.org, a domain reserved for examples: nobody can reach that link\n' +
        '  hint: put the real mailing-list link here\n' +
        'circles/lift.series.yaml:17:10: warning: organizer.email circles@example.org is under example.org, a domain reserved for examples: replies to mail from it could never arrive\n' +
        "  hint: put the organiser's real address here: the mail commands refuse to send from it through a real server\n" +
        'circles/lift.series.yaml:20:13: warning: uid_domain circles.example.org is under example.org, a domain reserved for examples: every copy of the examples shares these calendar event ids\n' +
        '  hint: set it to a domain of yours before the first invitations go out (never change it after)\n',
    );
    expect(result.stdout).toContain(
      'circles/making-a-case.yaml:24:14: warning: meeting_url https://meet.example.org/lift-1 is under example.org, a domain reserved for examples: nobody can join the session there\n' +
        '  hint: put the real meeting link here before invitations go out\n' +
        'circles/making-a-case.yaml:25:13: warning: signup_url https://forms.example.org/lift-1 is under example.org, a domain reserved for examples: nobody can sign up there\n',
    );
    expect(result.stderr).toContain(`5 files checked in circles: 0 errors, ${EXAMPLE_WARNINGS} warnings`);
    expect((await circle(['validate', '--strict'], { cwd: dir })).code).toBe(1);
  });

  it('warns about CIRCLE_FROM when it is set to an example address, with no file to point at', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['validate'], { cwd: dir, env: { CIRCLE_FROM: 'Lift <circles@lift.test>' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'CIRCLE_FROM: warning: CIRCLE_FROM Lift <circles@lift.test> is under .test, a domain reserved for examples: replies to mail from it could never arrive\n' +
        "  hint: set CIRCLE_FROM to the organiser's real address\n",
    );
    expect(result.stderr).toContain(`0 errors, ${EXAMPLE_WARNINGS + 1} warnings`);
    const json = JSON.parse((await circle(['validate', '--json'], { cwd: dir, env: { CIRCLE_FROM: 'circles@example.com' } })).stdout) as { problems: Array<{ file: string }> };
    expect(json.problems.filter((p) => p.file === 'CIRCLE_FROM')).toHaveLength(1);
  });

  it('says nothing once the settings are real and the circles are to come', async () => {
    const dir = exampleWorkspace();
    for (const name of readdirSync(join(dir, 'circles'))) {
      const file = join(dir, 'circles', name);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('example.org', 'lift-network.net').replace(/^start: 2019-/m, 'start: 2099-'));
    }
    const result = await circle(['validate', '--strict'], { cwd: dir, env: { CIRCLE_FROM: 'Lift <circles@lift-network.net>' } });
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('5 files checked in circles: 0 errors, 0 warnings');
    expect(result.code).toBe(0);
  });
});
