import { compareSignups, STATUSES, statusCounts, type Roster, type Signup, type SignupSource, type Status } from './types.js';

/*
 * Roster files: human-readable YAML, written by hand here (not by the yaml library) because a
 * roster can hold many thousands of signups and must be written in a blink. Reading (file.ts)
 * takes this exact shape fast and anything else, such as a hand edit, through YAML and the schema.
 */

/** Last line of every roster: a file without it was cut short (a crash, a full disk, a bad copy). */
export const END_MARKER = '# end of roster';

const SPECIAL = /^(?:true|false|yes|no|on|off|null|~|y|n|\.inf|\.nan|[-+]?\.inf)$/i;
const NEEDS_QUOTES = /^[\s\-?:,[\]{}#&*!|>'"%@`]|[\s:]$|: | #|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const FLOW_CHARS = /[,[\]{}]/;

// Most values (names, addresses, organisations) are plainly safe: decided without the checks below.
const SAFE = /^[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f ._@'-]*[A-Za-z0-9\u00c0-\u024f._@-]$/;
const SAFE_IN_BLOCK = /^[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f ,._@'-]*[A-Za-z0-9\u00c0-\u024f._@-]$/;

/** A plain scalar when YAML reads it back as the same text, else a double-quoted one (JSON's escapes are YAML's). */
export function scalar(value: string, inFlow = false): string {
  if ((inFlow ? SAFE : SAFE_IN_BLOCK).test(value) && (value.length > 5 || !SPECIAL.test(value))) return value;
  const quote = value === '' || NEEDS_QUOTES.test(value) || SPECIAL.test(value) || !Number.isNaN(Number(value)) || (inFlow && FLOW_CHARS.test(value));
  return quote ? JSON.stringify(value) : value;
}

// The signups of one import share their source and the time their status was set: the text
// around each row number, and their status lines, are made once for all of them.
let lastSource: SignupSource | undefined;
let sourceHead = '';
let sourceTail = '';
let lastStatus = '';
let lastChanged = '';
let statusText = '';

function sourceLine(source: SignupSource, row: number | undefined): string {
  if (source !== lastSource) {
    const { via, file, untimed, from, import: batch } = source;
    lastSource = source;
    sourceHead = `{ via: ${via}${file === undefined ? '' : `, file: ${scalar(file, true)}`}`;
    sourceTail = `${untimed ? ', untimed: true' : ''}${from === undefined ? '' : `, from: ${scalar(from, true)}`}, import: ${batch} }`;
  }
  return row === undefined ? `${sourceHead}${sourceTail}` : `${sourceHead}, row: ${row}${sourceTail}`;
}

function statusLines(status: Status, changed: string): string {
  if (status !== lastStatus || changed !== lastChanged) {
    lastStatus = status;
    lastChanged = changed;
    statusText = `    status: ${status}\n    status_changed: ${changed}\n`;
  }
  return statusText;
}

const line = (key: string, value: string | undefined) => (value === undefined ? '' : `    ${key}: ${scalar(value)}\n`);

/** One signup's lines, built as one string. Times are always instant()'s ISO text, plain in YAML. */
function signupText(signup: Signup): string {
  const { name, organisation, country, source } = signup;
  return (
    `${name === undefined ? '  - email: ' : `  - name: ${scalar(name)}\n    email: `}${scalar(signup.email)}\n    language: ${signup.language}\n` +
    `${line('organisation', organisation)}${line('country', country)}` +
    `    signed_up: ${signup.signedUp}\n    source: ${sourceLine(source, signup.row)}\n${statusLines(signup.status, signup.statusChanged)}` +
    `${signup.offerExpires === undefined ? '' : `    offer_expires: ${signup.offerExpires}\n`}${signup.seatEmailOwed ? '    seat_email_owed: true\n' : ''}${signup.reply === undefined ? '' : `    reply: ${signup.reply}\n    replied: ${signup.replied}\n`}` +
    line('note', signup.note)
  );
}

/** The two comment lines a roster starts with. */
export const header = (circle: string) =>
  `# Roster of circle ${circle}: personal data, keep it out of git (rosters/ is in .gitignore).\n` +
  '# Written by `circle signups`; edit with care and check with `circle validate`.\n';

export const TITLES = { confirmed: 'confirmed, in signup order', offered: 'offered a seat, in signup order', waitlisted: 'waitlist, in order', cancelled: 'cancelled' } as const;

// A roster can run to tens of megabytes: it goes to the file in pieces of about this size, never as one string.
const CHUNK = 256 * 1024;

const writerOrder = (a: Signup, b: Signup) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || compareSignups(a, b);

/** Seated people first, then the waitlist in order, then cancellations. After an import they mostly are already: checked, not sorted. */
function inWriterOrder(signups: readonly Signup[]): readonly Signup[] {
  for (let i = 1; i < signups.length; i++) if (writerOrder(signups[i - 1] as Signup, signups[i] as Signup) > 0) return [...signups].sort(writerOrder);
  return signups;
}

/** Texts encoded into pieces of about CHUNK bytes as they come: encoding one long string of thousands of signups costs half as much again. */
class Pieces {
  private chunk = Buffer.allocUnsafe(CHUNK);
  private at = 0;
  /** Pieces filled up, to be written. */
  full: Uint8Array[] = [];

  add(text: string): void {
    // UTF-8 takes at most 3 bytes for a UTF-16 unit: a text that might not fit starts the next piece.
    if (text.length * 3 > this.chunk.length - this.at) {
      this.end();
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK, text.length * 3));
    }
    this.at += this.chunk.write(text, this.at);
  }

  /** The piece being filled joins the full ones. */
  end(): void {
    if (this.at > 0) this.full.push(this.chunk.subarray(0, this.at));
    this.chunk = this.chunk.subarray(this.at);
    this.at = 0;
  }
}

/** The roster file in UTF-8 pieces, signup by signup: the file reads like the list. */
export function* rosterChunks(roster: Roster): Generator<Uint8Array> {
  const ordered = inWriterOrder(roster.signups);
  const counts = statusCounts(ordered);
  const pieces = new Pieces();
  pieces.add(`${header(roster.circle)}circle: ${scalar(roster.circle)}\nlast_import: ${roster.lastImport}\n${ordered.length ? 'signups:' : 'signups: []'}\n`);
  let group: string | undefined;
  for (const signup of ordered) {
    if (signup.status !== group) {
      group = signup.status;
      pieces.add(`  # ${TITLES[signup.status]}: ${counts[signup.status]}\n`);
    }
    pieces.add(signupText(signup));
    if (pieces.full.length) {
      yield* pieces.full;
      pieces.full = [];
    }
  }
  if (roster.removed.length) {
    pieces.add('removed:\n');
    for (const note of roster.removed) pieces.add(`  - { removed: ${note.removed}, status: ${note.status}, fingerprint: ${note.fingerprint} }\n`);
  }
  pieces.add(`${END_MARKER}\n`);
  pieces.end();
  yield* pieces.full;
}

export const renderRoster = (roster: Roster): string => Buffer.concat([...rosterChunks(roster)]).toString('utf8');
