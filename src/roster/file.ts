import { parseYamlBytes } from '../workspace/yaml-file.js';
import { error, type Finding, type ParsedYaml } from '../validate/problem.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { rosterFileSchema, type SignupFile } from './schema.js';
import { compareSignups, instant, type Roster, type Signup } from './types.js';

/*
 * Roster files: human-readable YAML, written by hand here (not by the yaml library) because a
 * roster can hold many thousands of signups and must be written in a blink. Reading goes through
 * the yaml library and the schema, so hand edits are checked like circle files.
 */

/** Last line of every roster: a file without it was cut short (a crash, a full disk, a bad copy). */
export const END_MARKER = '# end of roster';

const SPECIAL = /^(?:true|false|yes|no|on|off|null|~|y|n|\.inf|\.nan|[-+]?\.inf)$/i;
const NEEDS_QUOTES = /^[\s\-?:,[\]{}#&*!|>'"%@`]|[\s:]$|: | #|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const FLOW_CHARS = /[,[\]{}]/;

// Most values (names, addresses) are plainly safe: decided without the checks below.
const SAFE = /^[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f ._@'-]*[A-Za-z0-9\u00c0-\u024f._@-]$/;

/** A plain scalar when YAML reads it back as the same text, else a double-quoted one (JSON's escapes are YAML's). */
function scalar(value: string, inFlow = false): string {
  if (SAFE.test(value) && (value.length > 5 || !SPECIAL.test(value))) return value;
  const quote = value === '' || NEEDS_QUOTES.test(value) || SPECIAL.test(value) || !Number.isNaN(Number(value)) || (inFlow && FLOW_CHARS.test(value));
  return quote ? JSON.stringify(value) : value;
}

function sourceLine(signup: Signup): string {
  const { via, file, row, untimed, from, import: batch } = signup.source;
  return (
    `{ via: ${via}${file === undefined ? '' : `, file: ${scalar(file, true)}`}${row === undefined ? '' : `, row: ${row}`}` +
    `${untimed ? ', untimed: true' : ''}${from === undefined ? '' : `, from: ${scalar(from, true)}`}, import: ${batch} }`
  );
}

const line = (key: string, value: string | undefined) => (value === undefined ? '' : `    ${key}: ${scalar(value)}\n`);

/** One signup's lines, built as one string. Times are always instant()'s ISO text, plain in YAML. */
function signupText(signup: Signup): string {
  const head = signup.name === undefined ? `  - email: ${scalar(signup.email)}\n` : `  - name: ${scalar(signup.name)}\n${line('email', signup.email)}`;
  return (
    `${head}    language: ${signup.language}\n${line('organisation', signup.organisation)}${line('country', signup.country)}` +
    `    signed_up: ${signup.signedUp}\n    source: ${sourceLine(signup)}\n    status: ${signup.status}\n` +
    `    status_changed: ${signup.statusChanged}\n${signup.seatEmailOwed ? '    seat_email_owed: true\n' : ''}${line('note', signup.note)}`
  );
}

const GROUP = { confirmed: 0, waitlisted: 1, cancelled: 2 } as const;
const TITLES = { confirmed: 'confirmed, in signup order', waitlisted: 'waitlist, in order', cancelled: 'cancelled' } as const;

// A roster can run to tens of megabytes: it goes to the file in pieces of about this size, never as one string.
const CHUNK = 256 * 1024;

/** Seated people first, then the waitlist in order, then cancellations: the file reads like the list. */
export function* rosterChunks(roster: Roster): Generator<string> {
  const ordered = [...roster.signups].sort((a, b) => GROUP[a.status] - GROUP[b.status] || compareSignups(a, b));
  const counts = { confirmed: 0, waitlisted: 0, cancelled: 0 };
  for (const signup of ordered) counts[signup.status]++;
  let out = `# Roster of circle ${roster.circle}: personal data, keep it out of git (rosters/ is in .gitignore).\n`;
  out += '# Written by `circle signups`; edit with care and check with `circle validate`.\n';
  out += `circle: ${scalar(roster.circle)}\nlast_import: ${roster.lastImport}\n`;
  out += ordered.length ? 'signups:\n' : 'signups: []\n';
  let group: string | undefined;
  for (const signup of ordered) {
    if (signup.status !== group) {
      group = signup.status;
      out += `  # ${TITLES[signup.status]}: ${counts[signup.status]}\n`;
    }
    out += signupText(signup);
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
  }
  if (roster.removed.length) {
    out += 'removed:\n';
    for (const note of roster.removed) out += `  - { removed: ${note.removed}, status: ${note.status}, fingerprint: ${note.fingerprint} }\n`;
  }
  yield `${out}${END_MARKER}\n`;
}

export const renderRoster = (roster: Roster): string => [...rosterChunks(roster)].join('');

export interface ParsedRoster {
  roster?: Roster;
  yaml?: ParsedYaml;
  findings: Finding[];
}

const damaged = (message: string): ParsedRoster => ({
  findings: [error([], message, 'restore the file from a backup; if the circle really has no signups, delete the file')],
});

function toSignup(raw: SignupFile): Signup {
  const signup: Signup = {
    email: raw.email,
    language: raw.language,
    signedUp: instant(Date.parse(raw.signed_up)),
    source: {
      via: raw.source.via,
      import: raw.source.import,
      ...(raw.source.file !== undefined ? { file: raw.source.file } : {}),
      ...(raw.source.row !== undefined ? { row: raw.source.row } : {}),
      ...(raw.source.untimed ? { untimed: true } : {}),
      ...(raw.source.from !== undefined ? { from: raw.source.from } : {}),
    },
    status: raw.status,
    statusChanged: instant(Date.parse(raw.status_changed)),
  };
  if (raw.name !== undefined) signup.name = raw.name;
  if (raw.organisation !== undefined) signup.organisation = raw.organisation;
  if (raw.country !== undefined) signup.country = raw.country;
  if (raw.seat_email_owed) signup.seatEmailOwed = true;
  if (raw.note !== undefined) signup.note = raw.note;
  return signup;
}

/**
 * Reads a roster file's bytes. An empty file or one without the end line is damaged, never
 * "no signups": losing a roster silently would give its seats away twice.
 */
export function parseRoster(bytes: Uint8Array): ParsedRoster {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.trim() === '') return damaged('roster file is empty: it was damaged (a crash or an interrupted copy)');
  if (!text.trimEnd().endsWith(END_MARKER)) {
    return damaged(`roster file is cut short: its last line should be "${END_MARKER}"`);
  }
  const file = parseYamlBytes(bytes);
  if (!file.data) return { ...(file.yaml ? { yaml: file.yaml } : {}), findings: file.findings };
  const checked = schemaFindings(rosterFileSchema, file.data);
  if (!checked.value) return { ...(file.yaml ? { yaml: file.yaml } : {}), findings: checked.findings };
  const value = checked.value;
  const roster: Roster = {
    circle: value.circle,
    lastImport: value.last_import,
    signups: (value.signups ?? []).map(toSignup),
    removed: (value.removed ?? []).map((note) => ({ removed: instant(Date.parse(note.removed)), status: note.status, fingerprint: note.fingerprint })),
  };
  return { roster, ...(file.yaml ? { yaml: file.yaml } : {}), findings: [] };
}
