import { isValidEmail } from '../model/email.js';
import { LANGUAGES } from '../model/schema.js';
import { REPLIES, STATUSES, type RemovedNote, type Roster, type Signup, type SignupSource } from './types.js';
import { END_MARKER, header, scalar, TITLES } from './write.js';

/*
 * A fast reader for rosters exactly as rosterChunks() writes them. The yaml library and the schema
 * take 100-300 µs a signup, too slow for rosters of thousands; this takes the writer's lines in the
 * writer's order, only with values the schema passes unchanged, and returns the Roster the full
 * reader would. On any other line (a hand edit, a comment moved, single quotes, a key out of order)
 * it answers "not mine" and the full reader runs, so hand edits are still checked and placed at
 * file:line:col.
 */

class NotMine extends Error {}
const notMine = (): never => {
  throw new NotMine();
};

/** The file's lines, taken in order by the prefix the writer gives each. */
class Lines {
  at = 0;
  constructor(readonly text: string) {}

  /** The rest of the next line when it starts with `prefix` (and takes it), else undefined. */
  take(prefix: string): string | undefined {
    if (!this.text.startsWith(prefix, this.at)) return undefined;
    const end = this.text.indexOf('\n', this.at);
    if (end < 0) notMine();
    const rest = this.text.slice(this.at + prefix.length, end);
    this.at = end + 1;
    return rest;
  }

  need(prefix: string): string {
    return this.take(prefix) ?? notMine();
  }
}

/** Text as scalar() writes it: plain, or JSON's double quotes where plain would not read back the same. */
function scalarValue(raw: string, inFlow = false): string {
  let value: unknown = raw;
  if (raw.startsWith('"')) {
    try {
      value = JSON.parse(raw);
    } catch {
      notMine();
    }
  }
  return typeof value === 'string' && scalar(value, inFlow) === raw ? value : notMine();
}

/** The schema trims text fields and wants them non-empty: only text it leaves as it is is taken. */
function text(raw: string, inFlow = false): string {
  const value = scalarValue(raw, inFlow);
  return value !== '' && value.trim() === value ? value : notMine();
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const twoDigits = (text: string, at: number) => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/**
 * Times exactly as instant() writes them, which the full reader keeps as they are: the shape and
 * a real date and time, checked by hand because Date's round trip would cost more than the rest.
 */
function time(raw: string): string {
  if (!TIME.test(raw)) notMine();
  const [year, month, day] = [twoDigits(raw, 0) * 100 + twoDigits(raw, 2), twoDigits(raw, 5), twoDigits(raw, 8)];
  const leapDay = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  const real = month >= 1 && month <= 12 && day >= 1 && day <= (DAYS[month - 1] ?? 0) + leapDay;
  return real && twoDigits(raw, 11) < 24 && twoDigits(raw, 14) < 60 && twoDigits(raw, 17) < 60 ? raw : notMine();
}

const whole = (raw: string, min: number): number => (/^(?:0|[1-9]\d{0,14})$/.test(raw) && Number(raw) >= min ? Number(raw) : notMine());

function oneOf<T extends string>(values: readonly T[], raw: string): T {
  return values.includes(raw as T) ? (raw as T) : notMine();
}

const FLOW_TEXT = String.raw`"(?:[^"\\]|\\.)*"|[^",][^,]*`;
const SOURCE = new RegExp(
  String.raw`^\{ via: (import|walk-in|move)(?:, file: (${FLOW_TEXT}))?(?:, row: (\d+))?(, untimed: true)?(?:, from: (${FLOW_TEXT}))?, import: (\d+) \}$`,
);

function source(raw: string): { source: SignupSource; row: number | undefined } {
  const [, via, file, row, untimed, from, batch] = SOURCE.exec(raw) ?? notMine();
  const one: SignupSource = { via: via as SignupSource['via'], import: whole(batch, 1) };
  if (file !== undefined) one.file = text(file, true);
  if (untimed !== undefined) one.untimed = true;
  if (from !== undefined) one.from = text(from, true);
  return { source: one, row: row === undefined ? undefined : whole(row, 2) };
}

/** One signup: its keys in the writer's order, optional ones only where the writer puts them. */
function signup(lines: Lines): Signup {
  const name = lines.take('  - name: ');
  const email = scalarValue(lines.need(name === undefined ? '  - email: ' : '    email: '));
  const language = oneOf(LANGUAGES, lines.need('    language: '));
  const organisation = lines.take('    organisation: ');
  const country = lines.take('    country: ');
  const signedUp = time(lines.need('    signed_up: '));
  const origin = source(lines.need('    source: '));
  const status = oneOf(STATUSES, lines.need('    status: '));
  const statusChanged = time(lines.need('    status_changed: '));
  const offerText = lines.take('    offer_expires: ');
  const offerExpires = offerText === undefined ? undefined : time(offerText);
  const owed = lines.take('    seat_email_owed: ');
  const reply = lines.take('    reply: ');
  const replied = reply === undefined ? undefined : time(lines.need('    replied: '));
  const note = lines.take('    note: ');
  if (!isValidEmail(email) || (owed !== undefined && owed !== 'true')) notMine();
  // Keys in the order the full reader gives them, so signups print alike as JSON.
  const one: Signup = { email, language, signedUp, source: origin.source, status, statusChanged };
  if (origin.row !== undefined) one.row = origin.row;
  if (name !== undefined) one.name = text(name);
  if (organisation !== undefined) one.organisation = text(organisation);
  if (country !== undefined) one.country = text(country);
  if (offerExpires !== undefined) one.offerExpires = offerExpires;
  if (owed !== undefined) one.seatEmailOwed = true;
  if (reply !== undefined) {
    one.reply = oneOf(REPLIES, reply);
    one.replied = replied;
  }
  if (note !== undefined) one.note = text(note);
  return one;
}

const REMOVED = /^\{ removed: (\S+), status: (\S+), fingerprint: ([0-9a-f]{64}) \}$/;

/** Reads an entry its own way (the yaml library and the schema): its signup, or undefined when it has problems. */
export type EntryReader = (entry: string) => Signup | undefined;

// Between entries YAML gives no meaning to blank lines and comments, at any indent.
const SKIPPED = /^[ \t]*(?:#.*)?\r?$/;

/** Passes blank and comment lines; `at` is then at the next line with content, or the end. */
function skipComments(lines: Lines): void {
  while (lines.at < lines.text.length) {
    const end = lines.text.indexOf('\n', lines.at);
    if (!SKIPPED.test(lines.text.slice(lines.at, end < 0 ? undefined : end))) return;
    lines.at = end < 0 ? lines.text.length : end + 1;
  }
}

/** After an entry: the next line with content starts another entry or a top-level key, or the file ends. */
function atBoundary(lines: Lines): boolean {
  skipComments(lines);
  const { text, at } = lines;
  return at === text.length || text.startsWith('  - ', at) || (text[at] !== ' ' && text[at] !== '\t');
}

/** The lines of one entry: up to the next entry or top-level key (its comments and blank lines with it). */
function entryText(lines: Lines): string {
  const start = lines.at;
  let end = lines.text.indexOf('\n', start);
  while (end >= 0 && end + 1 < lines.text.length) {
    const next = end + 1;
    if (lines.text.startsWith('  - ', next) || /[^ \t\n#]/.test(lines.text[next] ?? '')) break;
    end = lines.text.indexOf('\n', next);
  }
  lines.at = end < 0 ? lines.text.length : end + 1;
  return lines.text.slice(start, lines.at);
}

/**
 * The signups as the writer lists them, under their group comments. With `careful`, a hand edit
 * costs only its own entries: any entry the fast reader declines is read by `careful`, and group
 * comments and counts (mere comments to YAML) are not checked.
 */
function entries(lines: Lines, careful: EntryReader | undefined): Signup[] {
  const signups: Signup[] = [];
  if (careful) {
    for (skipComments(lines); lines.text.startsWith('  - ', lines.at); skipComments(lines)) {
      const start = lines.at;
      let one: Signup | undefined;
      try {
        one = signup(lines);
        if (!atBoundary(lines)) one = undefined;
      } catch (cause) {
        if (!(cause instanceof NotMine)) throw cause;
      }
      if (one === undefined) {
        lines.at = start;
        one = careful(entryText(lines)) ?? notMine();
      }
      signups.push(one);
    }
    return signups;
  }
  // Each status group opens with its comment and count, in the writer's order of groups.
  let group = -1;
  for (let comment = lines.take('  # '); comment !== undefined; comment = lines.take('  # ')) {
    const title = comment;
    group = STATUSES.findIndex((status, index) => index > group && title.startsWith(`${TITLES[status]}: `));
    const status = STATUSES[group] ?? notMine();
    const count = whole(title.slice(TITLES[status].length + 2), 1);
    for (let i = 0; i < count; i++) {
      const one = signup(lines);
      if (one.status !== status) notMine();
      signups.push(one);
    }
  }
  return signups;
}

function read(lines: Lines, careful?: EntryReader): Roster {
  if (careful) skipComments(lines);
  else {
    lines.need('# ');
    lines.need('# ');
  }
  const start = lines.at;
  const circle = scalarValue(lines.need('circle: '));
  if (circle === '' || (!careful && lines.text.slice(0, start) !== header(circle))) notMine();
  const lastImport = whole(lines.need('last_import: '), 0);
  const list = lines.need('signups:');
  if (list !== '' && list !== ' []') notMine();
  const signups = entries(lines, careful);
  if ((list === '') !== signups.length > 0 && !(careful && list === '')) notMine();
  const removed: RemovedNote[] = [];
  if (lines.take('removed:') === '') {
    for (let note = lines.take('  - '); note !== undefined; note = lines.take('  - ')) {
      const [, at, status, fingerprint] = REMOVED.exec(note) ?? notMine();
      removed.push({ removed: time(at), status: oneOf(STATUSES, status), fingerprint });
    }
    if (removed.length === 0) notMine();
  }
  if (careful) {
    skipComments(lines);
    if (lines.at !== lines.text.length) notMine();
  } else if (lines.need(END_MARKER) !== '' || lines.at !== lines.text.length) notMine();
  return { circle, lastImport, signups, removed };
}

/** The roster in a file as the writer wrote it, or undefined for any other file. */
export function readWrittenRoster(text: string): Roster | undefined {
  return attempt(() => read(new Lines(text)));
}

/**
 * A roster the writer wrote and a person then edited here and there: the writer's entries are
 * read fast, the edited ones by `careful`. Undefined when the edit reaches beyond the entries
 * (keys moved, aliases, a removed note) or an entry has problems: then only the full reader will do.
 */
export function readEditedRoster(text: string, careful: EntryReader): Roster | undefined {
  // YAML reads CRLF as LF and ignores a byte order mark.
  const plain = text.replace(/^\ufeff/, '').replace(/\r\n/g, '\n');
  return attempt(() => read(new Lines(plain.endsWith('\n') ? plain : `${plain}\n`), careful));
}

function attempt(reader: () => Roster): Roster | undefined {
  try {
    return reader();
  } catch (cause) {
    if (cause instanceof NotMine) return undefined;
    throw cause;
  }
}
