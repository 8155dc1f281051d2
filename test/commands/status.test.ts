import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanWorkspace, editCircles as edit, server, workspace } from '../helpers/mail.js';
import { circle } from '../helpers/in-process.js';
import type { TestSmtp } from '../helpers/smtp.js';
import { CACHE_DIR } from '../../src/workspace/paths.js';

/* `circle status`: what is pending per circle, and what needs a person (issue 15). */

const BEFORE = new Date('2019-11-01T00:00:00Z');
const status = (dir: string, args: string[] = [], now = BEFORE) => circle(['status', ...args], { cwd: dir, now });
const FROM = 'Lift Learning Circles <circles@example.org>';
const mail = (dir: string, smtp: TestSmtp, args: string[]) => circle(args, { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_FROM: FROM } });

/** Makes a signup of the health-outcomes roster an offer of a seat until `expires`, as a freed seat under offer_hours is. */
function offer(dir: string, email: string, expires: string): void {
  const file = join(dir, 'rosters', 'health-outcomes.yaml');
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(new RegExp(`(email: ${email.replace('.', '\\.')}\\n(?:    .*\\n)*?    status: )confirmed\\n`), `$1offered\n    offer_expires: ${expires}\n`);
  if (changed === text) throw new Error(`no confirmed ${email} in ${file}`);
  writeFileSync(file, changed);
}

/** Every file of the workspace with its size and modification time (the parse cache of what it read is not the workspace's). */
const snapshot = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((path) => !path.startsWith(CACHE_DIR)).sort().map((path) => {
    const info = statSync(join(dir, path));
    return `${path} ${info.size} ${info.mtimeMs}`;
  });

describe('circle status', () => {
  it('shows the mail an import owes, which needs no person, and writes nothing', async () => {
    const dir = await cleanWorkspace();
    const before = snapshot(dir);
    const shown = await status(dir, ['--check']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(
      [
        'making-a-case: 0/20 seats, 0 waitlisted',
        'supplier-engagement: 0/20 seats, 0 waitlisted',
        'health-outcomes: 3/3 seats, 4 waitlisted',
        '  owed: 4 waitlisted; send with `circle waitlist notify health-outcomes`',
        '  owed: 3 invitation; send with `circle invites send health-outcomes`',
        '  next reminder: 24h before the start, Tuesday 3 December 2019, 12:00 GMT',
        'ocds-field-mapping: 0/20 seats, 0 waitlisted',
        'nothing needs a person',
        '',
      ].join('\n'),
    );
    expect(shown.stderr).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });

  it('names a failed message in full with the command that resolves it, and --check exits 1', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server((address) => (address === 'farah@example.org' ? { code: 550, message: '5.1.1 <farah@example.org>: No such mailbox' } : 'accept'));
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(1);

    const shown = await status(dir, ['health-outcomes']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(
      [
        'health-outcomes: 3/3 seats, 4 waitlisted',
        '  failed: waitlisted to Farah "FJ" Khan <farah@example.org>: 550 5.1.1 <farah@example.org>: No such mailbox; once the address is right (`circle signups edit`), send it again: `circle waitlist notify health-outcomes --retry-failed`',
        '  owed: 3 invitation; send with `circle invites send health-outcomes`',
        '  next reminder: 24h before the start, Tuesday 3 December 2019, 12:00 GMT',
        'needs a person: 1 thing above',
        '',
      ].join('\n'),
    );
    expect((await status(dir, ['health-outcomes', '--check'])).code).toBe(1);
    expect((await status(dir, ['making-a-case', '--check'])).code).toBe(0);
  });

  it('says which circles are past their start but still scheduled, which needs no person (most took place)', async () => {
    const dir = await cleanWorkspace();
    edit(dir, 'supplier-engagement.yaml', (text) => text.replace('status: scheduled', 'status: cancelled'));
    const shown = await status(dir, ['--check'], new Date('2019-11-22T00:00:00Z'));
    expect(shown.code).toBe(0);
    const lines = shown.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'making-a-case: 0/20 seats, 0 waitlisted',
      '  past: started Wednesday 6 November 2019, 08:30 GMT and is still scheduled; if it took place, nothing to do; if it moved, change start:; if it did not take place, set status: cancelled',
      'supplier-engagement: 0/20 seats, 0 waitlisted, cancelled',
    ]);
    expect(lines.filter((line) => line.startsWith('  past:'))).toHaveLength(1);
    expect(lines.at(-2)).toBe('nothing needs a person');
  });

  it('names the placeholder settings of the example workspace', async () => {
    const dir = await workspace();
    const shown = await status(dir, ['health-outcomes', '--check']);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toContain('  placeholder: circles/health-outcomes.yaml: signup_url https://forms.example.org/lift-3 is under example.org, a domain reserved for examples: nobody can sign up there; put the real sign-up form link here\n');
    expect(shown.stdout).toContain('settings:\n  placeholder: circles/lift.series.yaml: organizer.email circles@example.org is under example.org');
    expect(shown.stdout).toContain('  placeholder: circles/health-outcomes.yaml: meeting_url https://meet.example.org/lift-3 is under example.org, a domain reserved for examples: nobody can join the session there; put the real meeting link here before invitations go out\n');
    expect(shown.stdout).toContain('\nneeds a person: 5 things above\n');
  });

  it('names CIRCLE_FROM when it is a placeholder', async () => {
    const dir = await cleanWorkspace();
    const shown = await circle(['status', 'health-outcomes', '--check'], { cwd: dir, now: BEFORE, env: { CIRCLE_FROM: FROM } });
    expect(shown.code).toBe(1);
    expect(shown.stdout).toContain(
      '\nsettings:\n  placeholder: environment: CIRCLE_FROM Lift Learning Circles <circles@example.org> is under example.org, a domain reserved for examples: replies to mail from it could never arrive; set CIRCLE_FROM to the organiser\'s real address\nneeds a person: 1 thing above\n',
    );
  });

  it('names a calendar file a published change left out of date', async () => {
    const dir = await cleanWorkspace();
    expect((await circle(['invites', 'health-outcomes'], { cwd: dir })).code).toBe(0);
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    edit(dir, 'health-outcomes.yaml', (text) => text.replace('start: 2019-12-04T12:00', 'start: 2019-12-05T15:00').replace('end: 13:15', 'end: 16:15'));
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);

    const shown = await status(dir, ['--check']);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toContain('stale files:\n  invites/health-outcomes.ics is out of date: health-outcomes changed since it was written, and calendars that read it keep the old details; run `circle invites health-outcomes` to rewrite it\n');
  });

  it('prints the documented --json shape', async () => {
    const dir = await cleanWorkspace();
    const shown = await status(dir, ['health-outcomes', '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual({
      needsPerson: false,
      circles: [
        {
          id: 'health-outcomes',
          series: 'lift',
          start: '2019-12-04T12:00:00.000Z',
          status: 'scheduled',
          capacity: 3,
          confirmed: 3,
          offered: 0,
          waitlisted: 4,
          owed: [
            { command: 'circle waitlist notify health-outcomes', count: 4, kinds: { waitlisted: 4 } },
            { command: 'circle invites send health-outcomes', count: 3, kinds: { invitation: 3 } },
          ],
          offers: [],
          nextReminder: { at: '2019-12-03T12:00:00.000Z', before: '24h', when: 'Tuesday 3 December 2019, 12:00 GMT' },
          mail: [],
          placeholders: [],
          past: null,
          problems: [],
          needsPerson: false,
        },
      ],
      settings: [],
      stale: [],
      mailbox: null,
    });
  });

  it('shows open seat offers and when they expire; --check exits 1 only once one is past its deadline and not passed on', async () => {
    const dir = await cleanWorkspace();
    offer(dir, 'ben@example.org', '2019-12-02T09:00:00.000Z');
    const open = await status(dir, ['health-outcomes', '--check'], new Date('2019-12-01T00:00:00Z'));
    expect(open.code).toBe(0);
    expect(open.stdout.split('\n').slice(0, 1)).toEqual(['health-outcomes: 2/3 seats, 1 offered, 4 waitlisted']);
    expect(open.stdout).toContain('\n  offers: 1 seat offered, the first until Monday 2 December 2019, 09:00 GMT\n');
    expect(open.stdout.endsWith('nothing needs a person\n')).toBe(true);

    const lapsed = await status(dir, ['health-outcomes', '--check'], new Date('2019-12-02T09:00:00Z'));
    expect(lapsed.code).toBe(1);
    expect(lapsed.stdout).toContain(
      '\n  offer expired: Ben Okafor <ben@example.org> had until Monday 2 December 2019, 09:00 GMT and the seat was not passed on; `circle run` passes it to the next person waiting\n',
    );
    expect(lapsed.stdout).not.toContain('  offers:');
    expect(lapsed.stdout.endsWith('needs a person: 1 thing above\n')).toBe(true);
    const json = JSON.parse((await status(dir, ['health-outcomes', '--json'], new Date('2019-12-02T09:00:00Z'))).stdout) as { circles: Array<{ offered: number; offers: unknown[] }> };
    expect(json.circles[0]?.offered).toBe(1);
    expect(json.circles[0]?.offers).toEqual([{ email: 'ben@example.org', name: 'Ben Okafor', expires: '2019-12-02T09:00:00.000Z', when: 'Monday 2 December 2019, 09:00 GMT', expired: true }]);
  });

  it('shows the reminders due now and the next one; then the follow-up owed once recording_url is set and the session is over', async () => {
    const dir = await cleanWorkspace();
    edit(dir, 'health-outcomes.yaml', (text) => text.replace('capacity: 3', 'capacity: 3\nreminders: [24h, 1h]'));
    const due = await status(dir, ['health-outcomes', '--check'], new Date('2019-12-03T12:30:00Z'));
    expect(due.code).toBe(0);
    expect(due.stdout).toContain('\n  owed: 3 reminder; send with `circle remind health-outcomes`\n  next reminder: 1h before the start, Wednesday 4 December 2019, 11:00 GMT\n');

    // Over, without recording_url: nothing owed, no reminder to come.
    const over = await status(dir, ['health-outcomes', '--json'], new Date('2019-12-04T13:15:00Z'));
    const shape = (text: string) => (JSON.parse(text) as { circles: Array<{ owed: Array<{ command: string }>; nextReminder: unknown }> }).circles[0]!;
    expect(shape(over.stdout).owed.map((o) => o.command)).toEqual(['circle waitlist notify health-outcomes', 'circle invites send health-outcomes']);
    expect(shape(over.stdout).nextReminder).toBeNull();

    edit(dir, 'health-outcomes.yaml', (text) => `${text}recording_url: https://video.example.org/lift-3\n`);
    const before = await status(dir, ['health-outcomes'], new Date('2019-12-04T13:14:00Z'));
    expect(before.stdout).not.toContain('recording');
    const owed = await status(dir, ['health-outcomes', '--check'], new Date('2019-12-04T13:15:00Z'));
    expect(owed.code).toBe(0);
    expect(owed.stdout).toContain('\n  owed: 7 recording; send with `circle followup health-outcomes`\n');

    const smtp = await server();
    expect((await circle(['followup', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url }, now: new Date('2019-12-04T13:20:00Z') })).code).toBe(0);
    expect(smtp.received).toHaveLength(7);
    expect((await status(dir, ['health-outcomes'], new Date('2019-12-04T13:30:00Z'))).stdout).not.toContain('recording');
  });

  it('refuses an unknown circle with the nearest name', async () => {
    const dir = await cleanWorkspace();
    const shown = await status(dir, ['helth-outcomes']);
    expect(shown.code).toBe(2);
    expect(shown.stderr).toBe('error: no circle "helth-outcomes"\n  hint: did you mean "health-outcomes"?\n');
    expect(shown.stdout).toBe('');
  });

  it('reports a damaged roster instead of failing', async () => {
    const dir = await cleanWorkspace();
    writeFileSync(join(dir, 'rosters', 'health-outcomes.yaml'), 'circle: [\n');
    const shown = await status(dir, ['health-outcomes', '--check']);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toMatch(/^health-outcomes: roster unreadable\n {2}problem: rosters\/health-outcomes\.yaml: .+\nneeds a person: 1 thing above\n$/);
  });
});
