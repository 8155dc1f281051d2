import { describe, expect, it } from 'vitest';
import { exampleWorkspace, runCli, runCliAsync, startCli } from '../helpers/cli.js';
import { cleanWorkspace, server, to } from '../helpers/mail.js';

/* `circle run` on the built CLI: the clock CIRCLE_NOW sets, its usage error, and a run that holds the workspace while another starts, then is killed. */

describe('circle run with CIRCLE_NOW', () => {
  it('runs as at the instant given', async () => {
    const dir = await cleanWorkspace();
    const dry = runCli(['run', '--dry-run'], { cwd: dir, env: { CIRCLE_NOW: '2019-11-20T10:00:00+01:00', CIRCLE_IMAP_URL: undefined } });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('circle run at 2019-11-20T09:00:00.000Z (dry run: nothing sent, nothing written)');
  });

  it('refuses a CIRCLE_NOW without an offset, naming it, with an example', () => {
    const dir = exampleWorkspace();
    const wrong = runCli(['run', '--dry-run'], { cwd: dir, env: { CIRCLE_NOW: '2019-11-20 10:00' } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('CIRCLE_NOW="2019-11-20 10:00" is not an instant with an offset');
    expect(wrong.stderr).toContain('CIRCLE_NOW=2026-03-06T09:00:00+01:00');
  });
});

describe('circle run as processes', () => {
  it('a run started while another holds the workspace exits 0 saying so; after the first is killed, the next run does the work once', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const env = { CIRCLE_NOW: '2019-11-20T09:00:00Z', CIRCLE_SMTP_URL: smtp.url, CIRCLE_IMAP_URL: undefined };
    // Paused once it holds a roster lock in its promote step, with the run lock held.
    const first = startCli(['run', '--yes'], { cwd: dir, env }, new URL('../helpers/paused-cli.mjs', import.meta.url).pathname);
    await new Promise((resolve, reject) => {
      first.child.once('message', resolve);
      void first.done.then((ended) => reject(new Error(`the first run ended (exit ${ended.code}) before it paused: ${ended.stderr}`)));
    });
    const second = await runCliAsync(['run', '--yes'], { cwd: dir, env });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`^another circle run \\(pid ${first.child.pid} on .+, since .+\\) is still going: this one did nothing\n$`));
    expect(smtp.received).toEqual([]);

    first.child.kill('SIGKILL');
    await first.done;
    const third = await runCliAsync(['run', '--yes'], { cwd: dir, env });
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toContain('recovered the run lock left by a run that stopped');
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org', 'diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);
    const fourth = await runCliAsync(['run', '--yes'], { cwd: dir, env });
    expect(fourth.code, fourth.stderr).toBe(0);
    expect(smtp.received).toHaveLength(7);
  }, 60_000);
});
