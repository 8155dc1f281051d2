import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliver, rateLimiter, type MailTransport, type Queued } from '../../src/mail/deliver.js';
import { JournalWriter, readJournal } from '../../src/mail/journal.js';
import { signupId } from '../../src/mail/messages.js';
import { readRoster } from '../../src/roster/store.js';
import { startCli, tempDir } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { calendarOf, mail, mailCli, server, to, workspace } from '../helpers/mail.js';

/* Mail runs under faults: a roster that fails its checks, a kill -9 during seat mail, two runs at once, --rate. */

async function addCrowd(dir: string, count: number): Promise<void> {
  const crowd = Array.from({ length: count }, (_, i) => `10/29/2019 10:${String(i).padStart(2, '0')}:00,person${i}@example.org,Person ${i},English`);
  writeFileSync(join(dir, 'crowd.csv'), `Timestamp,Email Address,Full name,Preferred language\n${crowd.join('\n')}\n`);
  expect((await circle(['signups', 'import', 'health-outcomes', 'crowd.csv'], { cwd: dir })).code).toBe(0);
}

describe('a hand-edited roster that fails its checks', () => {
  it('holding one address twice: waitlist notify, invites send and followup refuse it, naming the problem, and send nothing', async () => {
    const dir = await workspace();
    const file = join(dir, 'rosters', 'health-outcomes.yaml');
    // Emma's entry now holds Diego's address: Diego is on the waitlist twice.
    writeFileSync(file, readFileSync(file, 'utf8').replace('email: emma@example.org', 'email: diego@example.org'));
    const smtp = await server();
    for (const command of [['waitlist', 'notify'], ['invites', 'send'], ['followup', '--recording', 'https://video.example.org/3']]) {
      const result = await mail(dir, smtp, [...command, 'health-outcomes']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/error: rosters\/health-outcomes\.yaml:\d+:\d+: diego@example\.org is on the roster twice \(also signups\[\d+\]\); nothing was sent/);
      expect(result.stderr).toContain('hint: cancel one of them');
    }
    expect(smtp.received).toEqual([]);
  }, 90_000);
});

describe('kill -9 while promoted people are told of their seat', () => {
  it('the next run settles the "owed a seat email" marks with the journal and tells nobody twice', async () => {
    const dir = await workspace();
    await addCrowd(dir, 40);
    const circleFile = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(circleFile, readFileSync(circleFile, 'utf8').replace('capacity: 3', 'capacity: 40'));
    expect((await circle(['signups', 'promote', 'health-outcomes'], { cwd: dir })).code).toBe(0);
    const owedBefore = (await readRoster(dir, 'health-outcomes')).signups.filter((s) => s.seatEmailOwed);
    expect(owedBefore).toHaveLength(37);

    let run: ReturnType<typeof startCli> | undefined;
    // The 10th message reaches the server: the run is killed there, mid-way through the seat mail.
    const smtp = await server((_, count) => {
      if (count === 9) run?.child.kill('SIGKILL');
      return 'accept';
    });
    run = startCli(['waitlist', 'notify', 'health-outcomes', '--rate', '20/s'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url } });
    const killed = await run.done;
    expect(killed.code).toBe(-1);
    const told = to(smtp.received);
    expect(told.length).toBeGreaterThan(0);
    expect(told.length).toBeLessThan(44);

    const rerun = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    const all = to(smtp.received);
    expect(all.length).toBe(new Set(all).size);
    const { state } = await readJournal(join(dir, 'journals', 'health-outcomes.jsonl'));
    const roster = await readRoster(dir, 'health-outcomes');
    const seatState = (signup: (typeof roster.signups)[number]) => state.get(`seat:${signupId(signup)}`)?.state;
    // The mark and the journal agree: sent means no mark; a mark only where the journal cannot tell (held back as unconfirmed).
    for (const signup of roster.signups.filter((s) => s.status === 'confirmed')) {
      if (seatState(signup) === 'sent') expect(signup.seatEmailOwed).toBeUndefined();
      if (signup.seatEmailOwed) expect(seatState(signup)).toMatch(/^(sending|unconfirmed)$/);
    }
    // The one the kill cut off may have arrived: held back, never sent again; everybody else told once.
    const unknown = roster.signups.filter((s) => s.seatEmailOwed).map((s) => s.email);
    expect(rerun.code).toBe(unknown.length ? 1 : 0);
    expect(new Set([...all, ...unknown]).size).toBe(44);
  }, 90_000);
});

describe('a crash after the seat mail went and before its mark was cleared', () => {
  it('a run with nothing to send clears the mark the journal shows as sent, and sends nothing again', async () => {
    const dir = await workspace();
    const circleFile = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(circleFile, readFileSync(circleFile, 'utf8').replace('capacity: 3', 'capacity: 4'));
    expect((await circle(['signups', 'promote', 'health-outcomes'], { cwd: dir })).code).toBe(0);
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    const file = join(dir, 'rosters', 'health-outcomes.yaml');
    expect((await readRoster(dir, 'health-outcomes')).signups.find((s) => s.email === 'diego@example.org')).toMatchObject({ status: 'confirmed' });
    // What the roster looked like had the run been killed before it cleared the mark.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(  - name: Diego[^\n]*\n(?:    [^\n]*\n)*?    email: diego@example\.org\n)/, '$1    seat_email_owed: true\n'));
    expect((await readRoster(dir, 'health-outcomes')).signups.find((s) => s.email === 'diego@example.org')?.seatEmailOwed).toBe(true);
    const before = smtp.received.length;
    const again = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to send');
    expect(smtp.received.length).toBe(before);
    expect((await readRoster(dir, 'health-outcomes')).signups.find((s) => s.email === 'diego@example.org')?.seatEmailOwed).toBeUndefined();
  }, 90_000);
});

describe('a roster that cannot be written once the seat mail went (needs root: a read-only bind mount)', () => {
  it.skipIf(process.getuid?.() !== 0)('says what was sent and that the next run clears the marks; the next run does, sending nothing again', async () => {
    const dir = await workspace();
    const circleFile = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(circleFile, readFileSync(circleFile, 'utf8').replace('capacity: 3', 'capacity: 5'));
    expect((await circle(['signups', 'promote', 'health-outcomes'], { cwd: dir })).code).toBe(0);
    const rosters = join(dir, 'rosters');
    expect(spawnSync('mount', ['--bind', rosters, rosters]).status).toBe(0);
    try {
      expect(spawnSync('mount', ['-o', 'remount,ro,bind', rosters]).status).toBe(0);
      const smtp = await server();
      const first = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
      expect(first.code).toBe(1);
      expect(first.stderr).toContain('error: cannot create the lock rosters/.health-outcomes.lock: the file system is read-only (EROFS)');
      expect(first.stderr).toContain('health-outcomes: sent 4, all recorded in the journal; the "owed a seat email" marks of those told are cleared by the next run');
      expect(smtp.received).toHaveLength(4);
      spawnSync('umount', [rosters]);
      const again = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
      expect(again.code).toBe(0);
      expect(smtp.received).toHaveLength(4);
      expect((await readRoster(dir, 'health-outcomes')).signups.filter((s) => s.seatEmailOwed)).toEqual([]);
    } finally {
      spawnSync('umount', [rosters]);
    }
  }, 90_000);
});

describe('two mail runs at once in a workspace without circles/.published.yaml', () => {
  it('wait for each other: both succeed, and every calendar carries the one UID recorded', async () => {
    for (let round = 0; round < 2; round++) {
      const dir = await workspace();
      const smtp = await server();
      const [notify, invites] = await Promise.all([mailCli(dir, smtp, ['waitlist', 'notify', 'health-outcomes']), mailCli(dir, smtp, ['invites', 'send', 'health-outcomes'])]);
      expect(notify.stderr).not.toContain('changed while');
      expect([notify.code, invites.code]).toEqual([0, 0]);
      expect(to(smtp.received)).toHaveLength(7);
      const published = readFileSync(join(dir, 'circles', '.published.yaml'), 'utf8');
      const uid = /uid: (\S+)/.exec(published)?.[1];
      for (const message of smtp.received.filter((r) => r.mail.attachments.length > 0)) expect(calendarOf(message).event.getFirstPropertyValue('uid')).toBe(uid);
    }
  }, 90_000);
});

describe('--rate', () => {
  /** A transport that takes every message, and the run's send slots on a simulated clock. */
  async function paced(perSecond: number, count: number) {
    const clock = { now: 0 };
    const wakeUps: number[] = [];
    const sent: number[] = [];
    const transport: MailTransport = {
      async sendMail(message) {
        for await (const _chunk of message.raw) void _chunk;
        sent.push(clock.now);
        return { accepted: message.envelope.to, rejected: [], response: '250 OK' };
      },
    };
    const pace = rateLimiter({
      perSecond,
      clock: () => clock.now,
      sleep: async (ms) => {
        wakeUps.push(clock.now + ms);
      },
    });
    const messages: Queued[] = Array.from({ length: count }, (_, i) => {
      const address = `person${i}@example.org`;
      return { key: `waitlisted:${address}`, kind: 'waitlisted', to: address, build: async () => ({ key: `waitlisted:${address}`, kind: 'waitlisted', to: address, from: 'circles@example.org', raw: Buffer.from('Subject: hi\r\n\r\nhi\r\n'), messageId: `<${i}@example.org>` }) };
    });
    const journal = await JournalWriter.open(join(tempDir(), 'journals', 'circle.jsonl'));
    const report = await deliver(messages, { journal, transport, pace, inFlight: 20 });
    await journal.close();
    return { report, wakeUps };
  }

  it('is a ceiling over the whole run, however many messages are in flight at once: each send gets its own slot 1/rate apart', async () => {
    for (const [rate, gap] of [
      [0.2, 5000],
      [1, 1000],
      [2, 500],
    ] as const) {
      const { report, wakeUps } = await paced(rate, 12);
      expect(report.outcomes.filter((o) => o.outcome.state === 'sent')).toHaveLength(12);
      // The first goes at once; the other 11 wait for slots gap, 2 gap, ... 11 gap.
      expect(wakeUps.sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, i) => (i + 1) * gap));
    }
  });
});
