import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/cli.js';
import { mailCli, server, workspace } from '../helpers/mail.js';

/* A few runs of the mail commands on the built CLI: the exit codes and the --json a script reads. */

describe('the mail commands on the built CLI', () => {
  it('a dry run prints parseable JSON and exits 0; no SMTP settings is exit 2; a refused message is exit 1', async () => {
    const dir = await workspace();
    const listed = await runCliAsync(['waitlist', 'notify', 'health-outcomes', '--dry-run', '--json'], { cwd: dir, env: { CIRCLE_SMTP_URL: undefined } });
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ to: string }>).map((row) => row.to)).toEqual(['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);
    const unset = await runCliAsync(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: undefined } });
    expect([unset.code, unset.stderr]).toEqual([2, expect.stringContaining('error: CIRCLE_SMTP_URL is not set')]);
    const smtp = await server((address) => (address === 'gus@example.org' ? { code: 550, message: '5.1.1 no such mailbox' } : 'accept'));
    const sent = await mailCli(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--json']);
    expect(sent.code).toBe(1);
    expect((JSON.parse(sent.stdout) as Array<{ results: Array<{ state: string }> }>)[0]?.results.map((r) => r.state).sort()).toEqual(['failed', 'sent', 'sent', 'sent']);
  });
});
