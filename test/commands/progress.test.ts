import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import { server, workspace } from '../helpers/mail.js';

// Set, so the runs say nothing about leave links: stderr holds only what is tested here.
const SECRET = 'progress-test-secret-0123456789abcdef';

/*
 * The progress line of a mail run on a terminal (`\rsending 3/4`): each replaces the one before,
 * and whatever comes after it on stderr (the summary, a failure, the error that stopped the run)
 * starts on a line of its own. Off a terminal there is no progress line at all.
 */

/** The lines of stderr that hold a progress line: each must hold nothing else. */
const progressLines = (stderr: string) => stderr.split('\n').filter((line) => line.includes('\r'));

describe('the progress line on a terminal', () => {
  it('is replaced as the run goes, and the summary and the failures start below it', async () => {
    const dir = await workspace();
    const smtp = await server((address) => (address === 'farah@example.org' ? { code: 550, message: '5.1.1 No such mailbox' } : 'accept'));
    const run = await circle(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_SECRET: SECRET }, terminal: true });
    expect(run.code).toBe(1);
    expect(progressLines(run.stderr)).toEqual(['\rsending 1/4\rsending 2/4\rsending 3/4\rsending 4/4']);
    expect(run.stderr).toContain('\rsending 4/4\nfailed: waitlisted to Farah "FJ" Khan <farah@example.org>');
    expect(run.stderr).toMatch(/\nsent 3, failed 1/);
  });

  it('is ended before the error that stops the run', async () => {
    const dir = await workspace();
    const crowd = Array.from({ length: 40 }, (_, i) => `10/29/2019 10:${String(i).padStart(2, '0')}:00,person${i}@example.org,Person ${i},English`);
    writeFileSync(join(dir, 'crowd.csv'), `Timestamp,Email Address,Full name,Preferred language\n${crowd.join('\n')}\n`);
    expect((await circle(['signups', 'import', 'health-outcomes', 'crowd.csv'], { cwd: dir })).code).toBe(0);
    const lock = join(dir, 'journals', '.health-outcomes.lock');
    const foreign = { pid: 4242, host: 'other-host.example.org', since: new Date().toISOString(), renewed: new Date().toISOString(), token: 'theirs' };
    // Once a few messages are through, the lock becomes another host's: the run stops with an error.
    const smtp = await server((_, count) => {
      if (count === 3) {
        writeFileSync(`${lock}.new`, JSON.stringify(foreign));
        renameSync(`${lock}.new`, lock);
      }
      return 'accept';
    });
    const run = await circle(['waitlist', 'notify', 'health-outcomes', '--rate', '20/s'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_SECRET: SECRET }, terminal: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^health-outcomes: to send: 44 waitlisted\n(\rsending \d+\/44)+\nerror: this run lost its lock journals\/\.health-outcomes\.lock/);
    expect(progressLines(run.stderr)).toHaveLength(1);
  });

  it('is not written off a terminal', async () => {
    const dir = await workspace();
    const smtp = await server();
    const run = await circle(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_SECRET: SECRET } });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).not.toContain('sending');
    expect(run.stderr).toContain('health-outcomes: to send: 4 waitlisted\nsent 4, failed 0');
  });
});
