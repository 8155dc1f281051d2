import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import { cleanWorkspace, server, to } from '../helpers/mail.js';
import { setCapacity } from '../helpers/signups.js';
import type { TestSmtp } from '../helpers/smtp.js';
import { CACHE_DIR } from '../../src/workspace/paths.js';

/* `circle run` in process, against the test SMTP server, with the clock of the run given. */

const BEFORE = new Date('2019-11-20T09:00:00Z');
const WAITLISTED = ['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org'];
const SEATED = ['ana@example.org', 'ben@example.org', 'chloe@example.org'];

const run = (dir: string, smtp: TestSmtp, args: string[], now = BEFORE) => circle(['run', ...args], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_IMAP_URL: undefined }, now });

/** Every file of the workspace with its contents, to show a run wrote nothing (the parse cache of what it read is not the workspace's). */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).filter((name) => name !== CACHE_DIR)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(path, readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** What a message is, from the start of its subject (English or Spanish). */
const KINDS: Array<[RegExp, string]> = [
  [/^(Your seat at|Tu plaza en)/, 'invitation'],
  [/^(Seat cancelled|Plaza cancelada)/, 'cancelled'],
  [/^(You are on the waitlist|Estás en la lista de espera)/, 'waitlist'],
  [/^(A seat opened for you|Se liberó una plaza para ti)/, 'seat'],
  [/^(Reminder|Recordatorio):/, 'reminder'],
];
const kind = (subject: string): string => KINDS.find(([pattern]) => pattern.test(subject))?.[1] ?? subject;

describe('circle run', () => {
  it('sends the invitations and the waitlist mail once; a second run sends nothing', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const first = await run(dir, smtp, ['--yes']);
    expect(first.code).toBe(0);
    expect(to(smtp.received)).toEqual([...SEATED, ...WAITLISTED].sort());
    expect(first.stderr).toContain('circle run at 2019-11-20T09:00:00.000Z');
    // Both mail steps find CIRCLE_SECRET unset: the log says it once.
    expect(first.stderr.split('warning: CIRCLE_SECRET is not set')).toHaveLength(2);
    expect(first.stderr).toContain('== inbox\nskipped: CIRCLE_IMAP_URL is not set');
    expect(first.stderr).toContain('== signups promote\nno free seat with someone waiting');
    expect(first.stderr).toMatch(/== waitlist notify\n[\s\S]*sent 4, failed 0, unconfirmed 0/);
    expect(first.stderr).toMatch(/== invites send\n[\s\S]*sent 3, failed 0, unconfirmed 0/);
    expect(first.stdout).toBe('');

    const second = await run(dir, smtp, ['--yes', '--json']);
    expect(second.code).toBe(0);
    expect(smtp.received).toHaveLength(7);
    const shown = JSON.parse(second.stdout) as { ok: boolean; steps: Array<{ step: string; ok: boolean; result?: Array<{ circle: string; results: unknown[] }> }> };
    expect(shown.ok).toBe(true);
    expect(shown.steps.map((s) => s.step)).toEqual(['inbox', 'offers expire', 'signups promote', 'waitlist notify', 'invites send', 'remind', 'followup']);
    expect(shown.steps.map((s) => s.ok)).toEqual([true, true, true, true, true, true, true]);
    expect(shown.steps[6]).toEqual({ step: 'followup', ok: true, skipped: '1 circle over has no recording_url (making-a-case): set recording_url in a circle file once its recording is up, and the next run sends it' });
    // The mail commands' --json: per circle, the messages sent, none here.
    for (const step of shown.steps.slice(3, 6)) {
      expect(step.result?.map((r) => r.circle)).toContain('health-outcomes');
      expect(step.result?.flatMap((r) => r.results)).toEqual([]);
    }
  });

  it('--dry-run sends nothing and writes nothing', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const before = snapshot(dir);
    const dry = await run(dir, smtp, ['--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('(dry run: nothing sent, nothing written)');
    expect(dry.stderr).toContain('diego@example.org');
    expect(smtp.received).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('--dry-run plans each step from what the steps before it would have done: a freed seat is given and mailed once, as the run that sends then does', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    expect((await run(dir, smtp, ['--yes'])).code).toBe(0);
    const sentBefore = smtp.received.length;
    setCapacity(dir, 'health-outcomes', 4);
    const before = snapshot(dir);
    const dry = await run(dir, smtp, ['--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const steps = (JSON.parse(dry.stdout) as { steps: Array<{ step: string; result?: Array<Record<string, unknown>> }> }).steps;
    const byStep = Object.fromEntries(steps.map((s) => [s.step, s.result]));
    expect(byStep['signups promote']).toContainEqual({ id: 'health-outcomes', promoted: ['diego@example.org'] });
    // The seat email once, from the step that sends it; not again from `invites send`.
    expect(byStep['waitlist notify']).toEqual([{ circle: 'health-outcomes', kind: 'seat', to: 'diego@example.org', name: 'Diego Ruiz', language: 'es', sequence: 0 }]);
    expect(byStep['invites send']).toEqual([]);
    expect(dry.stderr).toContain('health-outcomes: nothing to send; 4 already sent');
    expect(smtp.received).toHaveLength(sentBefore);
    expect(snapshot(dir)).toEqual(before);

    const real = await run(dir, smtp, ['--yes']);
    expect(real.code).toBe(0);
    expect(smtp.received.slice(sentBefore).map((m) => [m.to[0], kind(m.mail.subject ?? '')])).toEqual([['diego@example.org', 'seat']]);
  });

  it('names a calendar file its steps left out of date once, after them, and forgets a folder given to invites --out that is gone', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    for (const out of ['public/calendar', 'site']) expect((await circle(['invites', '--out', out], { cwd: dir })).code).toBe(0);
    expect((await run(dir, smtp, ['--yes'])).code).toBe(0);
    const file = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('start: 2019-12-04T12:00', 'start: 2019-12-05T15:00').replace('end: 13:15', 'end: 16:15'));
    rmSync(join(dir, 'site'), { recursive: true });
    const folders = () => (JSON.parse(readFileSync(join(dir, 'journals', 'calendar-folders.json'), 'utf8')) as { folders: string[] }).folders;

    const dry = await run(dir, smtp, ['--dry-run']);
    expect(dry.stderr).toContain('site no longer exists: the next mail run stops looking there');
    expect(folders()).toEqual(['public/calendar', 'site']);

    // Both mail steps publish the change; the file is named once, where a person is asked to act.
    const changed = await run(dir, smtp, ['--yes']);
    expect(changed.code).toBe(1);
    const warning = 'public/calendar/health-outcomes.ics is out of date: health-outcomes changed since it was written';
    expect(changed.stderr.split(warning)).toHaveLength(2);
    expect(changed.stderr.split('== needs a person')[1]).toContain(`stale files:\n  ${warning}`);
    expect(changed.stderr).toContain('site no longer exists: circle no longer looks there for out-of-date calendar files');
    expect(folders()).toEqual(['public/calendar']);
  });

  it('refuses to send off a terminal without --yes, naming it', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const refused = await run(dir, smtp, []);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(smtp.received).toEqual([]);
  });

  it('on a terminal without --yes, each mail step asks after showing its plan', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const asking = await circle(['run'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_IMAP_URL: undefined }, now: BEFORE, answers: [false, true] });
    expect(asking.code).toBe(0);
    expect(asking.asked).toEqual(['Send 4 messages?', 'Send 3 messages?']);
    expect(to(smtp.received)).toEqual(SEATED);
    expect(asking.stderr.indexOf('health-outcomes')).toBeLessThan(asking.stderr.indexOf('circle run at'));
  });

  it('a circle that has ended gets no mail', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const after = await run(dir, smtp, ['--yes'], new Date('2019-12-04T13:15:00Z'));
    expect(after.code).toBe(0);
    expect(after.stderr).toContain('== invites send\nocds-field-mapping: nothing to send');
    // Named only where the follow-up says why it has none.
    expect(after.stderr.split('== followup')[0]).not.toContain('health-outcomes');
    expect(after.stderr).toContain('== followup\nskipped: 3 circles over have no recording_url (making-a-case, supplier-engagement, health-outcomes)');
    expect(smtp.received).toEqual([]);
  });

  it('a step that fails is shown in its block, the others still run, and the exit code is 1', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const failed = await circle(['run', '--yes'], { cwd: dir, env: { CIRCLE_SMTP_URL: undefined, CIRCLE_IMAP_URL: undefined }, now: BEFORE });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/== waitlist notify \(needs a person\)\n[\s\S]*error: [\s\S]*CIRCLE_SMTP_URL/);
    expect(failed.stderr).toMatch(/== invites send \(needs a person\)\n/);
    expect(smtp.received).toEqual([]);
    expect(existsSync(join(dir, 'journals', '.run.lock'))).toBe(false);
  });

  it('two runs started together: one does the work, the other says so and exits 0; each message goes out once', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const [a, b] = await Promise.all([run(dir, smtp, ['--yes']), run(dir, smtp, ['--yes'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const notes = [a, b].filter((r) => /another circle run \(pid \d+ on .+\) is still going: this one did nothing/.test(r.stderr));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.stderr.trim().split('\n')).toHaveLength(1);
    expect(to(smtp.received)).toEqual([...SEATED, ...WAITLISTED].sort());
  });

  it('run every simulated 10 minutes for a day, with a cancellation and a raised capacity: each person gets each message exactly once', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const start = new Date('2019-12-03T13:00:00Z').getTime();
    for (let minutes = 0; minutes <= 24 * 60; minutes += 10) {
      const now = new Date(start + minutes * 60_000);
      if (minutes === 6 * 60) expect((await circle(['signups', 'cancel', 'health-outcomes', 'ana@example.org'], { cwd: dir, now })).code).toBe(0);
      if (minutes === 12 * 60) setCapacity(dir, 'health-outcomes', 5);
      const step = await run(dir, smtp, ['--yes'], now);
      expect(step.code, step.stderr).toBe(0);
    }
    const got = new Map<string, string[]>();
    for (const message of smtp.received) got.set(message.to[0]!, [...(got.get(message.to[0]!) ?? []), message.mail.subject ?? '']);
    const kinds = Object.fromEntries([...got].sort().map(([person, subjects]) => [person, subjects.map(kind)]));
    // The circle starts 23 hours after the first run: everyone seated then gets the 24h reminder once,
    // Ana before she cancelled; those seated later get it with their seat; Gus, still waiting, none.
    expect(kinds).toEqual({
      'ana@example.org': ['invitation', 'reminder', 'cancelled'],
      'ben@example.org': ['invitation', 'reminder'],
      'chloe@example.org': ['invitation', 'reminder'],
      'diego@example.org': ['waitlist', 'seat', 'reminder'],
      'emma@example.org': ['waitlist', 'seat', 'reminder'],
      'farah@example.org': ['waitlist', 'seat', 'reminder'],
      'gus@example.org': ['waitlist'],
    });
  }, 120_000);
});
