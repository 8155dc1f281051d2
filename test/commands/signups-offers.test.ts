import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { cleanWorkspace, server } from '../helpers/mail.js';
import { formExport, rosterText, setCapacity } from '../helpers/signups.js';
import type { TestSmtp } from '../helpers/smtp.js';

/* Timed seat offers (`offer_hours`) through the signups commands and `circle run`, with the clock given. */

/** Turns timed seat offers on for one circle, as an organiser edits its file. */
function offerHours(dir: string, id: string, hours: number): void {
  const path = join(dir, 'circles', `${id}.yaml`);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/^(capacity: \d+)$/m, `$1\noffer_hours: ${hours}`));
}

interface Row {
  status: string;
  email: string;
  position?: number;
  seatEmailOwed: boolean;
  offerExpires?: string;
  note?: string;
}
const rowsOf = async (dir: string, id: string, now: Date): Promise<Row[]> => {
  const listed = await circle(['signups', 'list', id, '--json'], { cwd: dir, now });
  expect(listed.code, listed.stderr).toBe(0);
  return JSON.parse(listed.stdout) as Row[];
};
const brief = (rows: Row[]) => rows.map((r) => `${r.email.split('@')[0]}:${r.status}${r.offerExpires ? `@${r.offerExpires}` : ''}${r.seatEmailOwed ? '+owed' : ''}${r.note ? ` (${r.note})` : ''}`);
/** Without the mail owed: in a run, the mail steps after it send it. */
const placed = (rows: Row[]) => rows.map((r) => `${r.email.split('@')[0]}:${r.status}${r.offerExpires ? `@${r.offerExpires}` : ''}${r.note ? ` (${r.note})` : ''}`);

describe('signups with timed seat offers (making-a-case starts 2019-11-06 08:30 GMT)', () => {
  const IMPORTED = new Date('2019-10-29T09:00:00Z');
  const CANCELLED = new Date('2019-11-01T10:00:00Z');

  async function offered(): Promise<string> {
    const dir = exampleWorkspace();
    setCapacity(dir, 'making-a-case', 2);
    offerHours(dir, 'making-a-case', 48);
    const file = formExport(dir, 'a.csv', [['ana', 1], ['ben', 2], ['cai', 3], ['dee', 4]]);
    expect((await circle(['signups', 'import', 'making-a-case', file], { cwd: dir, now: IMPORTED })).code).toBe(0);
    const cancelled = await circle(['signups', 'cancel', 'making-a-case', 'ana@example.org'], { cwd: dir, now: CANCELLED });
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stderr).toContain('next: circle waitlist notify making-a-case  (1 offered a seat, owed the offer email)\n');
    expect(cancelled.stdout).toBe(
      'cancelled Ana Example <ana@example.org> in making-a-case\n' +
        'Cai Example <cai@example.org> is offered a seat in making-a-case until 2019-11-03 10:00 UTC and is owed the offer email\n' +
        'making-a-case now has 1/2 seated, 1 offered, 1 waitlisted\n',
    );
    return dir;
  }

  it('a freed seat is offered to the first person waiting; list, --json and the roster file show the offer', async () => {
    const dir = await offered();
    expect(brief(await rowsOf(dir, 'making-a-case', CANCELLED))).toEqual([
      'ben:confirmed',
      'cai:offered@2019-11-03T10:00:00.000Z+owed',
      'dee:waitlisted',
      'ana:cancelled',
    ]);
    const text = await circle(['signups', 'list', 'making-a-case'], { cwd: dir, now: CANCELLED });
    // circle list counts the offered seat apart: 1/2 alone would read as a free seat.
    const circles = await circle(['list'], { cwd: dir, now: CANCELLED });
    expect(circles.stdout.split('\n').find((line) => line.startsWith('making-a-case'))).toMatch(/ 1\/2 \+1 offered {2}1 {9}scheduled$/);
    const json = JSON.parse((await circle(['list', '--json'], { cwd: dir, now: CANCELLED })).stdout) as Array<{ id: string; confirmed: number; offered: number; waitlisted: number }>;
    expect(json.find((c) => c.id === 'making-a-case')).toMatchObject({ confirmed: 1, offered: 1, waitlisted: 1 });
    expect(text.stderr).toBe('making-a-case: 1/2 seated, 1 offered, 1 waitlisted\n');
    expect(text.stdout.split('\n').find((line) => line.startsWith('offered'))).toMatch(/^offered\s+Cai Example\s+cai@example\.org\s+en\s+2019-10-28 09:03:00\s+offer open until 2019-11-03 10:00:00; owed the offer email$/);
    expect(rosterText(dir, 'making-a-case')).toContain('    status: offered\n    status_changed: 2019-11-01T10:00:00.000Z\n    offer_expires: 2019-11-03T10:00:00.000Z\n    seat_email_owed: true\n');
    // An open offer holds its seat: nothing to warn of.
    const checked = await circle(['validate', 'rosters/making-a-case.yaml'], { cwd: dir, now: CANCELLED });
    expect([checked.code, checked.stdout]).toEqual([0, '']);
    // Nor is it a free seat to announce.
    const announced = await circle(['announce', 'making-a-case', '--format', 'text'], { cwd: dir, now: CANCELLED });
    expect(announced.stdout).toContain('Seats: full; new sign-ups join the waitlist');
  });

  it('an offer past its deadline is reported by list and validate, naming the person, until promote lapses it and offers the seat to the next person', async () => {
    const dir = await offered();
    const deadline = new Date('2019-11-03T10:00:00Z');
    const listed = await circle(['signups', 'list', 'making-a-case'], { cwd: dir, now: deadline });
    expect(listed.stderr).toContain('warning: the seat offered to Cai Example <cai@example.org> lapsed at 2019-11-03 10:00:00: run `circle run` (or `circle signups promote making-a-case`) to pass it on\n');
    const checked = await circle(['validate', 'rosters/making-a-case.yaml'], { cwd: dir, now: deadline });
    expect(checked.stdout).toContain('warning: the seat offered to Cai Example <cai@example.org> lapsed at 2019-11-03T10:00:00.000Z and still holds the seat');
    expect(checked.stdout).toContain('run `circle run` (or `circle signups promote making-a-case`) to pass it on');

    const promoted = await circle(['signups', 'promote', 'making-a-case'], { cwd: dir, now: deadline });
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toBe(
      'Cai Example <cai@example.org> did not claim the seat offered in making-a-case in time: the offer lapsed\n' +
        // The offer window ends an hour before the start (08:30 on the 6th) at the latest.
        'Dee Example <dee@example.org> is offered a seat in making-a-case until 2019-11-05 10:00 UTC and is owed the offer email\n' +
        'making-a-case now has 1/2 seated, 1 offered, 0 waitlisted\n',
    );
    expect(promoted.stderr).toContain('next: circle waitlist notify making-a-case');
    expect(brief(await rowsOf(dir, 'making-a-case', deadline))).toEqual([
      'ben:confirmed',
      'dee:offered@2019-11-05T10:00:00.000Z+owed',
      'ana:cancelled',
      'cai:cancelled (seat offer lapsed)',
    ]);
  });

  it('an import after capacity was raised seats the newcomer outright and offers the seat to the first person waiting', async () => {
    const dir = await offered();
    setCapacity(dir, 'making-a-case', 4);
    const late = formExport(dir, 'b.csv', [['eve', 0]]);
    const imported = await circle(['signups', 'import', 'making-a-case', late], { cwd: dir, now: CANCELLED });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('  offered a seat from the waitlist, owed the offer email: a.csv row 5\n  now 2/4 seated, 2 offered, 0 waitlisted\n');
    expect(imported.stdout).not.toContain('promoted from the waitlist');
    expect(brief(await rowsOf(dir, 'making-a-case', CANCELLED))).toEqual([
      'eve:confirmed',
      'ben:confirmed',
      'cai:offered@2019-11-03T10:00:00.000Z+owed',
      'dee:offered@2019-11-03T10:00:00.000Z+owed',
      'ana:cancelled',
    ]);
  });

  it('in the last hour before the start a freed seat is given outright', async () => {
    const dir = await offered();
    const cancelled = await circle(['signups', 'cancel', 'making-a-case', 'ben@example.org'], { cwd: dir, now: new Date('2019-11-06T07:45:00Z') });
    expect(cancelled.stdout).toContain('Dee Example <dee@example.org> moves up from the waitlist to a seat in making-a-case and is owed a "you have a seat" email');
    expect(brief(await rowsOf(dir, 'making-a-case', new Date('2019-11-06T07:45:00Z'))).slice(0, 2)).toEqual(['dee:confirmed+owed', 'cai:offered@2019-11-03T10:00:00.000Z+owed']);
  });
});

describe('circle run with timed seat offers (health-outcomes: 3 seats, 4 waiting, starts 2019-12-04 12:00 GMT)', () => {
  const run = (dir: string, smtp: TestSmtp, now: Date) => circle(['run', '--yes', '--json'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_IMAP_URL: undefined }, now });
  type Shown = { ok: boolean; steps: Array<{ step: string; ok: boolean; skipped?: string; result?: unknown }> };
  /** What a step did in health-outcomes (the run acts on every circle to come). */
  const stepOf = (shown: Shown, name: string) => ({ result: (shown.steps.find((s) => s.step === name)?.result as Array<{ id: string }>).filter((r) => r.id === 'health-outcomes') });

  it('a dry run past a deadline says the offer would lapse, and does not call it something for a person; status --check does until a run passes it on', async () => {
    const dir = await cleanWorkspace();
    offerHours(dir, 'health-outcomes', 24);
    const smtp = await server();
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ana@example.org'], { cwd: dir, now: new Date('2019-12-01T09:00:00Z') })).code).toBe(0);
    await run(dir, smtp, new Date('2019-12-01T09:10:00Z'));
    const late = new Date('2019-12-02T09:10:00Z');
    const check = await circle(['status', '--check'], { cwd: dir, now: late });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('offer expired: Diego Ruiz <diego@example.org> had until Monday 2 December 2019, 09:00 GMT');
    const dry = await circle(['run', '--dry-run', '--yes', '--json'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_IMAP_URL: undefined }, now: late });
    expect(dry.code, dry.stderr).toBe(0);
    const shown = JSON.parse(dry.stdout) as Shown & { attention: { needsPerson: boolean } };
    expect(stepOf(shown, 'offers expire').result).toEqual([{ id: 'health-outcomes', lapsed: ['diego@example.org'], offered: 0 }]);
    expect(shown.attention.needsPerson).toBe(false);
  });

  it('an offer that lapses passes the seat to the next person, as an offer again; each run writes the lapse once', async () => {
    const dir = await cleanWorkspace();
    offerHours(dir, 'health-outcomes', 24);
    const smtp = await server();
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ana@example.org'], { cwd: dir, now: new Date('2019-12-01T09:00:00Z') })).code).toBe(0);

    const open = await run(dir, smtp, new Date('2019-12-02T08:59:00Z'));
    expect(open.code, open.stderr).toBe(0);
    const before = JSON.parse(open.stdout) as Shown;
    expect(before.steps.map((s) => s.step).slice(0, 3)).toEqual(['inbox', 'offers expire', 'signups promote']);
    expect(stepOf(before, 'offers expire').result).toEqual([{ id: 'health-outcomes', lapsed: [], offered: 1 }]);
    expect(open.stderr).toContain('== offers expire\n0 seat offers lapsed, 1 still open\n');

    const lapsed = await run(dir, smtp, new Date('2019-12-02T09:00:00Z'));
    expect(lapsed.code, lapsed.stderr).toBe(0);
    const after = JSON.parse(lapsed.stdout) as Shown;
    expect(stepOf(after, 'offers expire').result).toEqual([{ id: 'health-outcomes', lapsed: ['diego@example.org'], offered: 0 }]);
    expect(stepOf(after, 'signups promote').result).toEqual([{ id: 'health-outcomes', promoted: ['emma@example.org'] }]);
    expect(lapsed.stderr).toContain('== offers expire\nDiego');
    expect(lapsed.stderr).toContain('did not claim the seat offered in health-outcomes in time: the offer lapsed\n1 seat offer lapsed, 0 still open\n');
    expect(placed(await rowsOf(dir, 'health-outcomes', new Date('2019-12-02T09:00:00Z'))).filter((r) => /^(diego|emma|farah)/.test(r))).toEqual([
      'emma:offered@2019-12-03T09:00:00.000Z',
      'farah:waitlisted',
      'diego:cancelled (seat offer lapsed)',
    ]);

    // Inside offer_hours of the start, the window ends an hour before it.
    const next = JSON.parse((await run(dir, smtp, new Date('2019-12-03T09:00:00Z'))).stdout) as Shown;
    expect(stepOf(next, 'offers expire').result).toEqual([{ id: 'health-outcomes', lapsed: ['emma@example.org'], offered: 0 }]);
    expect(placed(await rowsOf(dir, 'health-outcomes', new Date('2019-12-03T09:00:00Z'))).find((r) => r.startsWith('farah'))).toBe('farah:offered@2019-12-04T09:00:00.000Z');
    const again = rosterText(dir, 'health-outcomes');
    expect(stepOf(JSON.parse((await run(dir, smtp, new Date('2019-12-03T09:10:00Z'))).stdout) as Shown, 'offers expire').result).toEqual([{ id: 'health-outcomes', lapsed: [], offered: 1 }]);
    expect(rosterText(dir, 'health-outcomes')).toBe(again);
  });

  it('an offer left open when offer_hours is removed still lapses at its deadline, and the seat is then given outright', async () => {
    const dir = await cleanWorkspace();
    offerHours(dir, 'health-outcomes', 24);
    const smtp = await server();
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ana@example.org'], { cwd: dir, now: new Date('2019-12-01T09:00:00Z') })).code).toBe(0);
    const file = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('offer_hours: 24\n', ''));
    const ran = await run(dir, smtp, new Date('2019-12-02T09:00:00Z'));
    const shown = JSON.parse(ran.stdout) as Shown;
    expect(shown.steps.find((s) => s.step === 'offers expire')?.skipped).toBe('no scheduled circle to come has offer_hours set');
    expect(stepOf(shown, 'signups promote').result).toEqual([{ id: 'health-outcomes', promoted: ['emma@example.org'], lapsed: ['diego@example.org'] }]);
    expect(ran.stderr).toMatch(/== signups promote\nDiego .* did not claim the seat offered in health-outcomes in time: the offer lapsed\nEmma .* moves up from the waitlist to a seat in health-outcomes/);
    expect(placed(await rowsOf(dir, 'health-outcomes', new Date('2019-12-02T09:00:00Z'))).filter((r) => /^(diego|emma)/.test(r))).toEqual(['emma:confirmed', 'diego:cancelled (seat offer lapsed)']);
  });

  it('with offers off, a run lapses nothing and seats are given outright as before', async () => {
    const dir = await cleanWorkspace();
    const smtp = await server();
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ana@example.org'], { cwd: dir, now: new Date('2019-12-01T09:00:00Z') })).code).toBe(0);
    const seated = rosterText(dir, 'health-outcomes');
    expect(seated).not.toContain('offered');
    const shown = JSON.parse((await run(dir, smtp, new Date('2019-12-03T09:00:00Z'))).stdout) as Shown;
    expect(shown.steps.find((s) => s.step === 'offers expire')).toMatchObject({ ok: true, skipped: 'no scheduled circle to come has offer_hours set' });
    expect(stepOf(shown, 'signups promote').result).toEqual([{ id: 'health-outcomes', promoted: [] }]);
    expect(placed(await rowsOf(dir, 'health-outcomes', new Date('2019-12-03T09:00:00Z'))).find((r) => r.startsWith('diego'))).toBe('diego:confirmed');
  });
});
