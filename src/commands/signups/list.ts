import { DateTime } from 'luxon';
import type { ChalkInstance } from 'chalk';
import type { Context, Outcome, Shown, Style } from '../../context.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { readRoster } from '../../roster/store.js';
import { statusCounts, type Reply, type Status } from '../../roster/types.js';
import { REPLY_WORDS } from '../../roster/replies.js';
import { rosterLines, type RosterLine } from '../../roster/view.js';
import { readJournal } from '../../mail/journal.js';
import { journalFile } from '../../workspace/paths.js';
import { named } from '../../mail/address.js';
import { mailTrouble, resolveHint, type MailTrouble } from '../../mail/summary.js';
import { circleById } from './circles.js';
import { origin } from '../../signups/import-tally.js';

export interface ListSignupsOptions {
  id: string;
  status?: Status;
  json?: boolean;
}

export interface SignupRow {
  status: Status;
  position?: number;
  name?: string;
  email: string;
  language: string;
  organisation?: string;
  country?: string;
  signedUp: string;
  statusChanged: string;
  source: string;
  seatEmailOwed: boolean;
  /** The last answer to the calendar invitation, and when it was given. */
  reply?: Reply;
  replied?: string;
  note?: string;
  /** Messages to this signup that did not certainly arrive: each with the command that resolves it. */
  mail?: MailTrouble[];
}

export interface ListSignupsResult extends Outcome {
  circle: ResolvedCircle;
  rows: SignupRow[];
  /** Of the whole roster, whatever --status shows. */
  seated: number;
  waiting: number;
}

export function signupRow({ signup, position }: RosterLine): SignupRow {
  return {
    status: signup.status,
    ...(position !== undefined ? { position } : {}),
    ...(signup.name ? { name: signup.name } : {}),
    email: signup.email,
    language: signup.language,
    ...(signup.organisation ? { organisation: signup.organisation } : {}),
    ...(signup.country ? { country: signup.country } : {}),
    signedUp: signup.signedUp,
    statusChanged: signup.statusChanged,
    source: origin(signup),
    seatEmailOwed: Boolean(signup.seatEmailOwed),
    ...(signup.reply ? { reply: signup.reply, replied: signup.replied } : {}),
    ...(signup.note ? { note: signup.note } : {}),
  };
}

/** A time in the circle's zone, as the organiser reads it. */
export function localTime(iso: string, circle: ResolvedCircle): string {
  return DateTime.fromISO(iso, { zone: circle.zone }).toFormat('yyyy-MM-dd HH:mm:ss');
}

function table(rows: SignupRow[], circle: ResolvedCircle, paint: ChalkInstance): string {
  const header = ['STATUS', '#', 'NAME', 'EMAIL', 'LANG', `SIGNED UP (${circle.zoneLabel})`, 'NOTE'];
  const answer = (r: SignupRow) => (r.reply && r.replied ? `${REPLY_WORDS[r.reply]} (${localTime(r.replied, circle)})` : '');
  const note = (r: SignupRow) => [r.seatEmailOwed ? 'owed a seat email' : '', answer(r), r.note ?? '', ...(r.mail ?? []).map((m) => `${m.kind} email ${m.state}`)].filter(Boolean).join('; ');
  const cells = rows.map((r) => [r.status, r.position === undefined ? '' : String(r.position), r.name ?? '', r.email, r.language, localTime(r.signedUp, circle), note(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [paint.bold(line(header)), ...cells.map(line)].join('\n');
}

export async function run(options: ListSignupsOptions, { dir }: Context): Promise<ListSignupsResult> {
  const { circle } = await circleById(dir, options.id);
  const roster = await readRoster(dir, options.id);
  const { state: journal } = await readJournal(journalFile(dir, options.id));
  const troubleOf = mailTrouble(journal, options.id);
  const rows = rosterLines(roster, options.status).map((line): SignupRow => {
    const trouble = troubleOf(line.signup);
    return { ...signupRow(line), ...(trouble.length ? { mail: trouble } : {}) };
  });
  const { confirmed: seated, waitlisted: waiting } = statusCounts(roster.signups);
  return { ok: true, circle, rows, seated, waiting };
}

export function present({ circle, rows, seated, waiting }: ListSignupsResult, { json, colour }: Style): Shown {
  if (json) return {};
  const { id, capacity } = circle.circle;
  const warn = (text: string) => `${colour.err.yellow('warning:')} ${text}\n`;
  const free = capacity - seated;
  const err = [
    `${id}: ${seated}/${capacity} seated, ${waiting} waitlisted\n`,
    free > 0 && waiting > 0 ? warn(`${Math.min(free, waiting)} free seat(s) and people waiting: run \`circle signups promote ${id}\``) : '',
    ...rows.flatMap((row) => (row.mail ?? []).map((m) => warn(`${m.state}: ${m.kind} email to ${named(row.name, m.to)}: ${m.response}\n  ${resolveHint(m.state)}: ${m.command}`))),
    free < 0 ? warn(`capacity ${capacity} is below the ${seated} seated: nobody is unseated`) : '',
  ];
  return { ...(rows.length ? { out: `${table(rows, circle, colour.out)}\n` } : {}), err: err.join('') };
}

/** --json: the rows, as documented. */
export const json = ({ rows }: ListSignupsResult): SignupRow[] => rows;
