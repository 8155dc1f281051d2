import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleWorkspace, runCliAsync, type RunResult } from '../helpers/cli.js';
import { imapSkipReason, startDovecot, type TestDovecot } from '../helpers/imap.js';
import { server } from '../helpers/mail.js';
import { kindOf } from '../helpers/received.js';
import { calendarReply, linkMail, mailtoLinks, type Sender } from '../helpers/replies.js';
import { formExport, type SignupJson } from '../helpers/signups.js';
import type { Received, TestSmtp } from '../helpers/smtp.js';

/*
 * A series' life run by `circle run` on the built CLI every simulated 10 minutes (issue 15), with the
 * test SMTP server, and the replies people send put where `circle run` reads them: the IMAP mailbox of
 * a real Dovecot when there is one (CI installs it), else a folder that `circle inbox --from` reads
 * just before the run. Quiet stretches are jumped over; the minutes around each deadline are run.
 *
 * making-a-case: 2 seats, offer_hours 6, its recording_url set from the start. Ben declines, Cai takes
 * an offer with a calendar ACCEPT, Ana is cancelled by the organiser, Dee lets her offer lapse, Eve
 * declines hers, Fay claims hers with the claim link; on the day, Cai leaves with the leave link, Gil's
 * offer is cut to end an hour before the start and lapses, and Hal, in the last hour, gets the seat outright.
 * health-outcomes: 3 seats, no offers. Mia signs up late, Jon leaves with the leave link and Kim gets
 * his seat; after the 24 h reminder the circle moves a day later; its recording_url is set after it ends.
 * The series reminds at 24 h and 1 h.
 */

const SECRET = 'a workspace secret for the life test';
const VIDEO_A = 'https://video.example.org/lift-1';
const VIDEO_B = 'https://video.example.org/lift-3';

const at = (text: string) => new Date(`2019-${text.replace(' ', 'T')}:00Z`);
const label = (date: Date) => date.toISOString().slice(5, 16).replace('T', ' ');

/** Every 10 minutes from `from` to `to` (both run), in each window around what happens and what falls due: "MM-DD HH:MM". */
const WINDOWS: Array<[string, string]> = [
  ['12-02 09:00', '12-02 10:50'],
  ['12-02 16:20', '12-02 17:00'],
  ['12-02 17:50', '12-02 18:30'],
  ['12-02 23:40', '12-03 00:30'],
  ['12-03 07:50', '12-03 09:20'],
  ['12-03 11:40', '12-03 12:20'],
  ['12-04 08:50', '12-04 09:30'],
  ['12-04 10:30', '12-04 11:30'],
  ['12-04 13:00', '12-04 13:40'],
  ['12-04 14:30', '12-04 15:20'],
  ['12-04 19:50', '12-04 20:20'],
  ['12-05 13:40', '12-05 14:20'],
  ['12-05 14:40', '12-05 15:20'],
  ['12-06 13:40', '12-06 14:20'],
  ['12-06 16:00', '12-06 16:30'],
  ['12-06 16:50', '12-06 17:20'],
];
const RUNS = WINDOWS.flatMap(([from, to]) => {
  const times: string[] = [];
  for (let t = at(from).getTime(); t <= at(to).getTime(); t += 10 * 60_000) times.push(label(new Date(t)));
  return times;
});

/**
 * What each person should get, and at which run, worked out by hand from the story above and the
 * rules of issue 15 (a lapsed or declined offer cancels the invitation the offer carried; a reminder
 * run late sends only the latest one due; a moved circle is reminded of again; the recording goes to
 * everyone who did not cancel).
 */
const EXPECTED: Record<string, string[]> = {
  ana: ['invitation 12-02 09:00', 'seat-cancelled 12-02 10:40'],
  ben: ['invitation 12-02 09:00', 'seat-cancelled 12-02 09:30'],
  cai: ['waitlisted 12-02 09:00', 'offer 12-02 09:30', 'reminder 12-03 12:00', 'seat-cancelled 12-04 09:10'],
  dee: ['waitlisted 12-02 09:00', 'offer 12-02 10:40', 'seat-cancelled 12-02 16:40'],
  eve: ['waitlisted 12-02 09:00', 'offer 12-02 16:40', 'seat-cancelled 12-02 18:10'],
  fay: ['waitlisted 12-02 09:00', 'offer 12-02 18:10', 'reminder 12-03 12:00', 'reminder 12-04 11:00', 'recording 12-04 13:20'],
  gil: ['waitlisted 12-02 09:00', 'offer 12-04 09:10', 'seat-cancelled 12-04 11:00'],
  hal: ['waitlisted 12-02 09:00', 'seat 12-04 11:00', 'reminder 12-04 11:00', 'recording 12-04 13:20'],
  hana: ['invitation 12-02 09:00', 'reminder 12-04 15:00', 'update 12-04 20:00', 'reminder 12-05 15:00', 'reminder 12-06 14:00', 'recording 12-06 17:00'],
  ivan: ['invitation 12-02 09:00', 'reminder 12-04 15:00', 'update 12-04 20:00', 'reminder 12-05 15:00', 'reminder 12-06 14:00', 'recording 12-06 17:00'],
  jon: ['invitation 12-02 09:00', 'seat-cancelled 12-03 09:00'],
  kim: ['waitlisted 12-02 09:00', 'seat 12-03 09:00', 'reminder 12-04 15:00', 'update 12-04 20:00', 'reminder 12-05 15:00', 'reminder 12-06 14:00', 'recording 12-06 17:00'],
  lea: ['waitlisted 12-02 09:00', 'waitlisted-update 12-04 20:00', 'recording 12-06 17:00'],
  mia: ['waitlisted 12-03 08:00', 'waitlisted-update 12-04 20:00', 'recording 12-06 17:00'],
};

/**
 * What a run's summary says needs a person, besides the example.org settings this workspace keeps
 * on purpose (each run exits 1 for those): a step that needs one, an item of the closing block.
 * Nothing, for a run that exits 1 with no such block.
 */
function needsPerson(stderr: string): string[] {
  const steps = stderr.match(/^== .+ \(needs a person\)$/gm) ?? [];
  const block = /\n== needs a person\n([\s\S]*?)(?:\n== |$)/.exec(stderr)?.[1];
  if (block === undefined) return [...steps, 'exit 1 with no "== needs a person" block'];
  const items = block.split('\n').filter((line) => /^\s+\S/.test(line) && !/^\s+placeholder: .* is under example\.org, a domain reserved for examples/.test(line));
  return [...steps, ...items];
}

const person = (name: string): Sender => ({ name: `${name[0]?.toUpperCase()}${name.slice(1)} Example`, address: `${name}@example.org` });

function edit(dir: string, id: string, from: string | RegExp, into: string): void {
  const file = join(dir, 'circles', `${id}.yaml`);
  const text = readFileSync(file, 'utf8');
  if (!text.match(from)) throw new Error(`${id}.yaml has no ${String(from)}`);
  writeFileSync(file, text.replace(from, into));
}

/** The example workspace cut to two circles of the series, as the story needs them. */
function lifeWorkspace(): string {
  const dir = exampleWorkspace();
  for (const id of ['ocds-field-mapping', 'supplier-engagement']) rmSync(join(dir, 'circles', `${id}.yaml`));
  const series = join(dir, 'circles', 'lift.series.yaml');
  writeFileSync(series, `${readFileSync(series, 'utf8').trimEnd()}\nreminders: [24h, 1h]\n`);
  edit(dir, 'making-a-case', /start: .*\nend: .*/, 'start: 2019-12-04T12:00\nend: 13:15');
  edit(dir, 'making-a-case', /capacity: \d+/, `capacity: 2\noffer_hours: 6\nrecording_url: ${VIDEO_A}`);
  edit(dir, 'health-outcomes', /start: .*\nend: .*/, 'start: 2019-12-05T15:00\nend: 16:15');
  edit(dir, 'health-outcomes', /capacity: \d+/, 'capacity: 3');
  return dir;
}

describe(`a series' life, run by circle run every 10 simulated minutes; replies read ${imapSkipReason ? 'by circle inbox --from a folder before each run (Dovecot is not installed)' : 'from the IMAP mailbox (Dovecot)'}`, () => {
  let dovecot: TestDovecot | undefined;
  beforeAll(async () => {
    if (!imapSkipReason) dovecot = await startDovecot();
  });
  afterAll(async () => dovecot?.close());

  it('each person gets what they should, each message once, at the run it is due', async () => {
    const dir = lifeWorkspace();
    const smtp: TestSmtp = await server();
    const env = (now: string) => ({
      CIRCLE_NOW: at(now).toISOString(),
      CIRCLE_SMTP_URL: smtp.url,
      CIRCLE_SECRET: SECRET,
      CIRCLE_IMAP_URL: dovecot ? dovecot.url({ mailbox: 'INBOX' }) : undefined,
    });
    const cli = (args: string[], now: string) => runCliAsync(args, { cwd: dir, env: env(now) });
    const ok = async (args: string[], now: string) => {
      const result = await cli(args, now);
      if (result.code !== 0) throw new Error(`circle ${args.join(' ')} at ${now}: exit ${result.code}\n${result.stderr}`);
    };
    /** The received messages with the run that sent them. */
    const sent: Array<{ message: Received; run: string }> = [];
    const lastTo = (name: string) => {
      const found = sent.filter(({ message }) => message.to[0] === `${name}@example.org`).at(-1);
      if (!found) throw new Error(`${name} was sent nothing`);
      return found.message;
    };
    // Without Dovecot, the mailbox is a folder of .eml files.
    const folder = join(dir, 'mailbox');
    if (!dovecot) mkdirSync(folder);
    /** A person's mail reaches the mailbox `circle run` reads. */
    const deliver = async (raw: string, id: string) => {
      if (dovecot) await dovecot.append(raw);
      else writeFileSync(join(folder, `${id}.eml`), raw);
    };
    const reply = (name: string, partstat: 'ACCEPTED' | 'DECLINED', now: string) => deliver(calendarReply(lastTo(name), person(name), partstat, at(now), `${name}-${partstat}`), `${name}-${partstat}`);
    const leave = (name: string, now: string) => {
      const link = mailtoLinks(lastTo(name)).leave;
      if (!link) throw new Error(`${name}'s last mail has no leave link`);
      return deliver(linkMail(link, person(name), at(now), `${name}-leave`), `${name}-leave`);
    };
    const claim = (name: string, now: string) => {
      const links = mailtoLinks(lastTo(name)).others;
      if (links.length !== 1) throw new Error(`${name}'s last mail has ${links.length} claim links: ${links.join(' ')}`);
      return deliver(linkMail(links[0]!, person(name), at(now), `${name}-claim`), `${name}-claim`);
    };

    /** What happens just before the run at that time: imports, replies, the organiser's edits. */
    const EVENTS: Record<string, () => Promise<void> | void> = {
      '12-02 09:00': async () => {
        const a = formExport(dir, 'a.csv', ['ana', 'ben', 'cai', 'dee', 'eve', 'fay', 'gil', 'hal'].map((name, i) => [name, i + 1]));
        const b = formExport(dir, 'b.csv', ['hana', 'ivan', 'jon', 'kim', 'lea'].map((name, i) => [name, i + 11]));
        await ok(['signups', 'import', 'making-a-case', a], '12-02 09:00');
        await ok(['signups', 'import', 'health-outcomes', b], '12-02 09:00');
      },
      '12-02 09:30': () => reply('ben', 'DECLINED', '12-02 09:30'),
      '12-02 10:20': () => reply('cai', 'ACCEPTED', '12-02 10:20'),
      '12-02 10:40': () => ok(['signups', 'cancel', 'making-a-case', 'ana@example.org'], '12-02 10:40'),
      '12-02 18:10': () => reply('eve', 'DECLINED', '12-02 18:10'),
      '12-03 00:00': () => claim('fay', '12-03 00:00'),
      '12-03 08:00': () => ok(['signups', 'import', 'health-outcomes', formExport(dir, 'late.csv', [['mia', 30]])], '12-03 08:00'),
      '12-03 09:00': () => leave('jon', '12-03 09:00'),
      '12-04 09:10': () => leave('cai', '12-04 09:10'),
      '12-04 20:00': () => edit(dir, 'health-outcomes', 'start: 2019-12-05T15:00', 'start: 2019-12-06T15:00'),
      '12-06 17:00': () => edit(dir, 'health-outcomes', /capacity: 3/, `capacity: 3\nrecording_url: ${VIDEO_B}`),
    };

    // A step of the story that cannot be taken (a link missing from a mail) is noted and the life goes on: the table then shows what followed.
    const untaken: string[] = [];
    const failed: Array<{ run: string; result: RunResult }> = [];
    for (const now of RUNS) {
      await (async () => EVENTS[now]?.())().catch((error: unknown) => untaken.push(`${now}: ${error instanceof Error ? error.message : String(error)}`));
      // `circle inbox` refuses a folder with no mail in it yet.
      if (!dovecot && readdirSync(folder).length > 0) {
        const read = await cli(['inbox', '--from', folder], now);
        if (read.code !== 0) failed.push({ run: `${now} (inbox)`, result: read });
      }
      const before = smtp.received.length;
      const result = await cli(['run', '--yes'], now);
      if (result.code !== 0 && (result.code !== 1 || needsPerson(result.stderr).length > 0)) failed.push({ run: now, result });
      for (const message of smtp.received.slice(before)) sent.push({ message, run: now });
    }
    expect(Object.keys(EVENTS).filter((time) => !RUNS.includes(time))).toEqual([]);

    const got: Record<string, string[]> = {};
    for (const { message, run } of sent) (got[message.to[0]!.replace('@example.org', '')] ??= []).push(`${kindOf(message)} ${run}`);
    expect.soft(got).toEqual(EXPECTED);
    expect.soft(untaken).toEqual([]);
    expect.soft(failed.map(({ run, result }) => `${run}: exit ${result.code}\n${result.stderr}`)).toEqual([]);

    // The offer window shrinks to end an hour before the start: Gil's said 11:00 (GMT, the circle's zone and UTC), not 15:10.
    const gil = sent.find(({ message }) => message.to[0] === 'gil@example.org' && kindOf(message) === 'offer')?.message.mail.text ?? '';
    expect.soft(gil).toContain('11:00');
    expect.soft(gil).not.toContain('15:10');
    // After the move, the reminders tell the new time.
    const lastReminder = sent.filter(({ message }) => message.to[0] === 'kim@example.org' && kindOf(message) === 'reminder').at(-1)?.message.mail.text ?? '';
    expect.soft(lastReminder).toContain('When: Friday, 6 December 2019, 15:00–16:15 GMT\n');
    expect.soft(sent.find(({ message }) => message.to[0] === 'fay@example.org' && kindOf(message) === 'recording')?.message.mail.text ?? '').toContain(VIDEO_A);
    expect.soft(sent.find(({ message }) => message.to[0] === 'mia@example.org' && kindOf(message) === 'recording')?.message.mail.text ?? '').toContain(VIDEO_B);

    // Where everyone stands at the end, as the roster says.
    const standing = async (id: string) => {
      const listed = await cli(['signups', 'list', id, '--json'], '12-06 17:20');
      expect(listed.code, listed.stderr).toBe(0);
      return (JSON.parse(listed.stdout) as SignupJson[]).map((s) => `${s.email.replace('@example.org', '')}:${s.status}${s.note ? ` (${s.note})` : ''}`).sort();
    };
    expect.soft(await standing('making-a-case')).toEqual([
      'ana:cancelled',
      'ben:cancelled (declined the calendar invitation)',
      'cai:cancelled (left by the link in a mail)',
      'dee:cancelled (seat offer lapsed)',
      'eve:cancelled (declined the calendar invitation)',
      'fay:confirmed',
      'gil:cancelled (seat offer lapsed)',
      'hal:confirmed',
    ]);
    expect.soft(await standing('health-outcomes')).toEqual([
      'hana:confirmed',
      'ivan:confirmed',
      'jon:cancelled (left by the link in a mail)',
      'kim:confirmed',
      'lea:waitlisted',
      'mia:waitlisted',
    ]);
  }, 900_000);
});
