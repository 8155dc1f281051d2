import { describe, expect, it } from 'vitest';
import { mail, server, workspace } from '../helpers/mail.js';
import { circle } from '../helpers/in-process.js';

/* A message that failed or may not have arrived names its person in full, with the command that resolves it (issue 11). */

describe('mail that needs the organiser', () => {
  it('is named in full in the summary, in the next run and in signups list, with the command to run', async () => {
    const dir = await workspace();
    let drops = 0;
    const smtp = await server((address) => {
      if (address === 'farah@example.org') return { code: 550, message: '5.1.1 <farah@example.org>: No such mailbox' };
      return address === 'gus@example.org' && drops++ === 0 ? 'drop' : 'accept';
    });
    const run = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('failed: waitlisted to Farah "FJ" Khan <farah@example.org> in health-outcomes: 550 5.1.1 <farah@example.org>: No such mailbox\n');
    expect(run.stderr).toContain('  once the address is right (`circle signups edit`), send it again: circle waitlist notify health-outcomes --retry-failed\n');
    expect(run.stderr).toContain('unconfirmed: waitlisted to Gus Lee <gus@example.org> in health-outcomes: ');
    expect(run.stderr).toContain('  it may have arrived: ask the person, then if needed: circle waitlist notify health-outcomes --resend-unconfirmed\n');

    const again = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('  failed earlier: waitlisted to Farah "FJ" Khan <farah@example.org> in health-outcomes; once the address is right');
    expect(again.stderr).toContain('  unconfirmed: waitlisted to Gus Lee <gus@example.org> in health-outcomes; it may have arrived');

    const list = await circle(['signups', 'list', 'health-outcomes'], { cwd: dir });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/farah@example\.org .*waitlisted email failed/);
    expect(list.stdout).toMatch(/gus@example\.org .*waitlisted email unconfirmed/);
    expect(list.stderr).toContain('failed: waitlisted email to Farah "FJ" Khan <farah@example.org>: 550 5.1.1 <farah@example.org>: No such mailbox\n  once the address is right (`circle signups edit`), send it again: circle waitlist notify health-outcomes --retry-failed');
    const rows = JSON.parse((await circle(['signups', 'list', 'health-outcomes', '--json'], { cwd: dir })).stdout) as Array<{ email: string; mail?: unknown }>;
    expect(rows.find((r) => r.email === 'farah@example.org')?.mail).toEqual([
      { kind: 'waitlisted', state: 'failed', to: 'farah@example.org', response: '550 5.1.1 <farah@example.org>: No such mailbox', command: 'circle waitlist notify health-outcomes --retry-failed' },
    ]);
    expect(rows.filter((r) => r.mail).map((r) => r.email)).toEqual(['farah@example.org', 'gus@example.org']);

    // Resolved: the list no longer names them.
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--resend-unconfirmed'])).code).toBe(1);
    const after = JSON.parse((await circle(['signups', 'list', 'health-outcomes', '--json'], { cwd: dir })).stdout) as Array<{ email: string; mail?: unknown }>;
    expect(after.filter((r) => r.mail).map((r) => r.email)).toEqual(['farah@example.org']);
  });
});
