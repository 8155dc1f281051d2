import { describe, expect, it } from 'vitest';
import { exampleWorkspace, runCli } from '../helpers/cli.js';

/* `circle run` on the built CLI: the clock CIRCLE_NOW sets, and the usage error for one that is not an instant. */

describe('circle run with CIRCLE_NOW', () => {
  it('runs as at the instant given', () => {
    const dir = exampleWorkspace();
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
