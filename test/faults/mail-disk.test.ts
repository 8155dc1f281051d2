import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalWriter, readJournal } from '../../src/mail/journal.js';
import { planDelivery } from '../../src/mail/plan.js';
import { BIN, tempDir, type RunResult } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { mail, server, to, workspace } from '../helpers/mail.js';

/*
 * A full disk or a file size limit in the middle of a mail run: the run stops with an environment
 * error that says who is unknown, and the rerun after freeing space mails nobody twice.
 */

const isRoot = process.getuid?.() === 0;
const JOURNAL = (dir: string) => join(dir, 'journals', 'health-outcomes.jsonl');

/** The example workspace with 64 people waitlisted on health-outcomes (4 from the fixture, 60 more). */
async function crowdedWorkspace(): Promise<string> {
  const dir = await workspace();
  const crowd = Array.from({ length: 60 }, (_, i) => `10/29/2019 10:${String(i).padStart(2, '0')}:00,person${i}@example.org,Person ${i},English`);
  writeFileSync(join(dir, 'crowd.csv'), `Timestamp,Email Address,Full name,Preferred language\n${crowd.join('\n')}\n`);
  expect((await circle(['signups', 'import', 'health-outcomes', 'crowd.csv'], { cwd: dir })).code).toBe(0);
  return dir;
}

/** The built CLI under a shell's `ulimit -f` (KiB): the kernel refuses writes past it (EFBIG; Node ignores SIGXFSZ). */
function runLimited(kib: number, args: string[], cwd: string, env: Record<string, string>): Promise<RunResult> {
  const child = spawn('bash', ['-c', `ulimit -f ${kib} && exec "$0" "$@"`, process.execPath, BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr })));
}

/** The addresses the journal holds as unknown: `sending` with no answer, or a cut-off line. */
async function unknowns(dir: string): Promise<string[]> {
  const { state } = await readJournal(JOURNAL(dir));
  return [...state.values()].filter((r) => r.state === 'sending' || r.state === 'unconfirmed').map((r) => r.to);
}

/** After the fault: the first run's error, then a rerun with room again. Nobody gets the mail twice; nobody is lost. */
async function expectNobodyTwice(dir: string, first: RunResult, smtp: Awaited<ReturnType<typeof server>>, cause: RegExp, free: () => void) {
  expect(first.code).toBe(1);
  expect(first.stderr).toMatch(cause);
  expect(first.stderr).not.toContain('this is a bug');
  expect(first.stderr).toMatch(/health-outcomes: sent and recorded \d+, not sent [1-9]\d*/);
  const firstTo = to(smtp.received);
  expect(new Set(firstTo).size).toBe(firstTo.length);
  const unknown = await unknowns(dir);
  // Each unknown one is named in full in the error.
  for (const address of unknown) expect(first.stderr).toContain(`<${address}>`);

  free();
  const rerun = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
  const all = to(smtp.received);
  expect(all.length - new Set(all).size).toBe(0);
  expect(new Set([...all, ...unknown]).size).toBe(64);
  expect(rerun.code).toBe(unknown.length ? 1 : 0);
  if (unknown.length) expect(rerun.stderr).toContain(`${unknown.length} unconfirmed held back`);
  return firstTo;
}

describe('a full disk during a mail run (needs root: mounts a tmpfs)', () => {
  it.skipIf(!isRoot)('stops with the file, the counts and the unknown people named, and the rerun after freeing space mails nobody twice', async () => {
    const dir = await crowdedWorkspace();
    const journals = join(dir, 'journals');
    mkdirSync(journals, { mode: 0o700 });
    // 16 KiB: a page for the lock, a few for the journal: about a third of the 64 records fit.
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k,mode=0700', 'tmpfs', journals]).status).toBe(0);
    try {
      const smtp = await server();
      const first = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
      const free = () => expect(spawnSync('mount', ['-o', 'remount,size=1m', journals]).status).toBe(0);
      const sent = await expectNobodyTwice(dir, first, smtp, /cannot write the mail journal journals\/health-outcomes\.jsonl: the disk is full \(ENOSPC\); sending stopped/, free);
      expect(first.stderr).toContain('hint: free space on that disk, then run the same command again');
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.length).toBeLessThan(64);
    } finally {
      spawnSync('umount', ['-l', journals]);
    }
  }, 90_000);
});

describe('a file size limit during a mail run', () => {
  it('ulimit -f: the same clear error (EFBIG, no crash by SIGXFSZ), and the rerun without the limit mails nobody twice', async () => {
    const dir = await crowdedWorkspace();
    const smtp = await server();
    const first = await runLimited(12, ['waitlist', 'notify', 'health-outcomes'], dir, { CIRCLE_SMTP_URL: smtp.url });
    const sent = await expectNobodyTwice(dir, first, smtp, /cannot write the mail journal journals\/health-outcomes\.jsonl: it would pass the file-size limit of this process \(EFBIG\); sending stopped/, () => undefined);
    expect(first.stderr).toContain('hint: raise the file size limit (ulimit -f), then run the same command again');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.length).toBeLessThan(64);
  }, 90_000);
});

describe('reading a journal whose last line was cut off', () => {
  it('reads a cut-off line whose key is whole as unconfirmed, never as not sent, whatever record it was', async () => {
    const path = join(tempDir(), 'journals', 'circle.jsonl');
    const journal = await JournalWriter.open(path);
    await journal.write({ key: 'waitlisted:ana@example.org', kind: 'waitlisted', to: 'ana@example.org', state: 'sending', at: '2019-11-01T10:00:00.000Z', attempt: 1 });
    await journal.close();
    // Ana's answer cut off, and the `sending` of Bo cut off after its key.
    appendFileSync(path, '{"key":"waitlisted:ana@example.org","kind":"waitlisted","to":"ana@example.org","state":"se\n{"key":"waitlisted:bo@example.org","kind":"wait');
    const read = await readJournal(path);
    expect(read.damaged).toEqual([2, 3]);
    const wanted = ['ana@example.org', 'bo@example.org', 'cy@example.org'].map((address) => ({ key: `waitlisted:${address}`, to: address }));
    const plan = planDelivery(wanted, read.state);
    expect(plan.unconfirmed.map((m) => m.to)).toEqual(['ana@example.org', 'bo@example.org']);
    expect(plan.send.map((m) => m.to)).toEqual(['cy@example.org']);
    expect(read.state.get('waitlisted:bo@example.org')).toMatchObject({ kind: 'waitlisted', state: 'sending' });
  });
});
