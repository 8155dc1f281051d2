import type { Context, Outcome, Shown, Style } from '../../context.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { readRoster } from '../../roster/store.js';
import { statusCounts, type Reply, type Status } from '../../roster/types.js';
import { rosterLines, type RosterLine } from '../../roster/view.js';
import { readJournal } from '../../mail/journal.js';
import { journalFile } from '../../workspace/paths.js';
import { named } from '../../mail/address.js';
import { mailTrouble, resolveHint, type MailTrouble } from '../../mail/summary.js';
import { isLapsed } from '../../roster/offers.js';
import { nowInstant } from '../../roster/seats.js';
import { circleById } from './circles.js';
import { localTime, table } from './list-table.js';
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
  /** For an offered seat: when the offer lapses unless claimed (ISO instant). */
  offerExpires?: string;
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
  offered: number;
  waiting: number;
  /** Offers past their deadline that no run has lapsed yet. */
  lapsed: SignupRow[];
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
    ...(signup.offerExpires ? { offerExpires: signup.offerExpires } : {}),
    ...(signup.reply ? { reply: signup.reply, replied: signup.replied } : {}),
    ...(signup.note ? { note: signup.note } : {}),
  };
}

export async function run(options: ListSignupsOptions, { dir, now }: Context): Promise<ListSignupsResult> {
  const { circle } = await circleById(dir, options.id);
  const roster = await readRoster(dir, options.id);
  const { state: journal } = await readJournal(journalFile(dir, options.id));
  const troubleOf = mailTrouble(journal, options.id);
  const rows = rosterLines(roster, options.status).map((line): SignupRow => {
    const trouble = troubleOf(line.signup);
    return { ...signupRow(line), ...(trouble.length ? { mail: trouble } : {}) };
  });
  const { confirmed: seated, offered, waitlisted: waiting } = statusCounts(roster.signups);
  const at = nowInstant(now());
  const lapsed = roster.signups.filter((signup) => isLapsed(signup, at)).map((signup) => signupRow({ signup }));
  return { ok: true, circle, rows, seated, offered, waiting, lapsed };
}

export function present({ circle, rows, seated, offered, waiting, lapsed }: ListSignupsResult, { json, colour }: Style): Shown {
  if (json) return {};
  const { id, capacity } = circle.circle;
  const warn = (text: string) => `${colour.err.yellow('warning:')} ${text}\n`;
  const free = capacity - seated - offered;
  const err = [
    `${id}: ${seated}/${capacity} seated, ${offered ? `${offered} offered, ` : ''}${waiting} waitlisted\n`,
    ...lapsed.map((row) => warn(`the seat offered to ${named(row.name, row.email)} lapsed at ${localTime(row.offerExpires ?? '', circle)}: run \`circle run\` (or \`circle signups promote ${id}\`) to pass it on`)),
    free > 0 && waiting > 0 ? warn(`${Math.min(free, waiting)} free seat(s) and people waiting: run \`circle signups promote ${id}\``) : '',
    ...rows.flatMap((row) => (row.mail ?? []).map((m) => warn(`${m.state}: ${m.kind} email to ${named(row.name, m.to)}: ${m.response}\n  ${resolveHint(m.state)}: ${m.command}`))),
    free < 0 ? warn(`capacity ${capacity} is below the ${seated + offered} ${offered ? 'seated or offered a seat' : 'seated'}: nobody is unseated`) : '',
  ];
  return { ...(rows.length ? { out: `${table(rows, circle, colour.out)}\n` } : {}), err: err.join('') };
}

/** --json: the rows, as documented. */
export const json = ({ rows }: ListSignupsResult): SignupRow[] => rows;
