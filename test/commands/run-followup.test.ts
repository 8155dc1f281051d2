import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import { byTo, cleanWorkspace, editCircles, server, to, workspace } from '../helpers/mail.js';
import type { TestSmtp } from '../helpers/smtp.js';

/* `circle run`: its follow-up step (recording_url), and its exit code, 1 when anything needs a person (issue 15). */

const EVERYONE = ['ana@example.org', 'ben@example.org', 'chloe@example.org', 'diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org'];
const BEFORE = new Date('2019-11-20T09:00:00Z');
/** health-outcomes ends 2019-12-04 13:15 GMT. */
const OVER = new Date('2019-12-04T13:15:00Z');

const run = (dir: string, smtp: TestSmtp, args: string[], now: Date) => circle(['run', ...args], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_IMAP_URL: undefined }, now });
const setRecording = (dir: string, url: string) => editCircles(dir, 'health-outcomes.yaml', (text) => `${text.replace(/^recording_url: .*\n/m, '')}recording_url: ${url}\n`);

describe('circle run: the follow-up step', () => {
  it('sends the recording_url of a circle over to everyone who signed up, once; a circle over without one is named as skipped', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    setRecording(dir, 'https://video.example.org/lift-3');
    // Before the end: the step has nothing to send for it.
    const during = await run(dir, smtp, ['--yes', '--json'], new Date('2019-12-04T13:14:00Z'));
    expect(during.code).toBe(0);
    expect((JSON.parse(during.stdout) as { steps: Array<{ step: string; skipped?: string }> }).steps.at(-1)?.skipped).toMatch(/^2 circles over have no recording_url \(making-a-case, supplier-engagement\)/);
    expect(smtp.received.filter((m) => m.mail.subject?.startsWith('Recording'))).toEqual([]);
    smtp.received.length = 0;

    const first = await run(dir, smtp, ['--yes'], OVER);
    expect(first.code).toBe(0);
    expect(to(smtp.received)).toEqual(EVERYONE);
    expect(byTo(smtp.received, 'gus@example.org')?.mail.subject).toBe('Recording: Learning Circle #3: Improving health outcomes through open contracting');
    expect(byTo(smtp.received, 'gus@example.org')?.mail.text).toContain('https://video.example.org/lift-3');
    expect(first.stderr).toMatch(/== followup\n[\s\S]*sent 7, failed 0, unconfirmed 0[\s\S]*\n2 circles over have no recording_url \(making-a-case, supplier-engagement\): set recording_url in a circle file once its recording is up, and the next run sends it\n/);

    smtp.received.length = 0;
    const again = await run(dir, smtp, ['--yes'], new Date('2019-12-04T13:25:00Z'));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);

    // A corrected link: those sent the old one get the correction, once.
    setRecording(dir, 'https://video.example.org/lift-3-fixed');
    smtp.received.length = 0;
    const fixed = await run(dir, smtp, ['--yes'], new Date('2019-12-05T09:00:00Z'));
    expect(fixed.code).toBe(0);
    expect(to(smtp.received)).toEqual(EVERYONE);
    expect(byTo(smtp.received, 'gus@example.org')?.mail.text).toContain('that we sent you earlier (https://video.example.org/lift-3) was not the right one. This is the recording:\n\nhttps://video.example.org/lift-3-fixed');
  });

  it('a first run in a fresh workspace, years after the example circles, mails nobody and needs no person', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const first = await run(dir, smtp, ['--yes'], new Date('2026-03-06T09:00:00Z'));
    expect(first.code).toBe(0);
    expect(smtp.attempts).toEqual([]);
    expect(first.stderr).toContain('== followup\nskipped: 4 circles over have no recording_url (making-a-case, supplier-engagement, health-outcomes, ocds-field-mapping)');
    expect(first.stderr).not.toContain('== needs a person');
  });

  it('a cancelled circle over gets no follow-up, even with a recording_url', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    setRecording(dir, 'https://video.example.org/lift-3');
    editCircles(dir, 'health-outcomes.yaml', (text) => text.replace('status: scheduled', 'status: cancelled'));
    const over = await run(dir, smtp, ['--yes', '--json'], new Date('2019-12-20T00:00:00Z'));
    expect(over.code).toBe(0);
    expect(smtp.attempts).toEqual([]);
    expect((JSON.parse(over.stdout) as { steps: Array<{ step: string; skipped?: string }> }).steps.at(-1)?.skipped).toMatch(/^3 circles over have no recording_url \(making-a-case, supplier-engagement, ocds-field-mapping\)/);
  });
});

describe('circle run: the exit code', () => {
  it('is 0 when nothing needs a person, and --json says so', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    const done = await run(dir, smtp, ['--yes', '--json'], BEFORE);
    expect(done.code).toBe(0);
    const shown = JSON.parse(done.stdout) as { ok: boolean; attention: unknown };
    expect(shown.ok).toBe(true);
    expect(shown.attention).toEqual({ needsPerson: false, circles: [], settings: [], stale: [] });
  });

  it('is 1 when a message is refused, naming the person in full with the command that resolves it, after every step ran', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server((address) => (address === 'farah@example.org' ? { code: 550, message: '5.1.1 <farah@example.org>: No such mailbox' } : 'accept'));
    const done = await run(dir, smtp, ['--yes'], BEFORE);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('== remind\n');
    expect(done.stderr).toContain(
      '== needs a person\nhealth-outcomes:\n  failed: waitlisted to Farah "FJ" Khan <farah@example.org>: 550 5.1.1 <farah@example.org>: No such mailbox; once the address is right (`circle signups edit`), send it again: `circle waitlist notify health-outcomes --retry-failed`\n',
    );
    // The next run sends nothing new, and the failure still needs a person.
    const next = await run(dir, smtp, ['--yes', '--json'], new Date('2019-11-20T09:10:00Z'));
    expect(next.code).toBe(1);
    const shown = JSON.parse(next.stdout) as { ok: boolean; steps: Array<{ step: string; ok: boolean }>; attention: { needsPerson: boolean; circles: Array<{ id: string; mail: Array<{ to: string; state: string }> }> } };
    expect(shown.steps.map((s) => s.ok)).toEqual([true, true, true, false, true, true, true]);
    expect(shown.attention.needsPerson).toBe(true);
    expect(shown.attention.circles.map((c) => [c.id, c.mail.map((m) => [m.state, m.to])])).toEqual([['health-outcomes', [['failed', 'farah@example.org']]]]);
  });

  it('is 1 while a setting is still a placeholder of the examples, naming it', async () => {
    const dir = await workspace();
    const smtp = await server();
    const done = await run(dir, smtp, ['--dry-run'], BEFORE);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('== needs a person\nmaking-a-case:\n  placeholder: circles/making-a-case.yaml: meeting_url https://meet.example.org/lift-1 is under example.org');
    expect(done.stderr).toContain('settings:\n  placeholder: circles/lift.series.yaml: organizer.email circles@example.org is under example.org');
  });

  it('is 1 when a roster is damaged', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    editCircles(dir, 'making-a-case.yaml', (text) => text.replace('start: 2019-11-06T08:30', 'start: 2019-12-06T08:30'));
    writeFileSync(join(dir, 'rosters', 'making-a-case.yaml'), 'circle: [\n');
    const done = await run(dir, smtp, ['--yes'], BEFORE);
    expect(done.code).toBe(1);
    expect(done.stderr).toMatch(/== needs a person\nmaking-a-case:\n {2}problem: rosters\/making-a-case\.yaml: /);
  });
});
