import { isUtf8 } from 'node:buffer';
import { parseYamlBytes } from '../workspace/yaml-file.js';
import { error, type Finding, type ParsedYaml } from '../validate/problem.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { rosterFileSchema, type RosterFile, type SignupFile } from './schema.js';
import { instant, type Roster, type Signup } from './types.js';
import { END_MARKER } from './write.js';
import { readEditedRoster, readWrittenRoster } from './written.js';

/*
 * Reading roster files. Those the tool wrote (write.ts) take the fast reader; a hand edit here and
 * there costs only the entries it touched, each read by the yaml library and the schema; anything
 * else, and any file with a problem, goes through them whole, like circle files, so its problems are
 * placed at file:line:col.
 */

interface ParsedRoster {
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
      ...(raw.source.untimed ? { untimed: true } : {}),
      ...(raw.source.from !== undefined ? { from: raw.source.from } : {}),
    },
    status: raw.status,
    statusChanged: instant(Date.parse(raw.status_changed)),
  };
  if (raw.source.row !== undefined) signup.row = raw.source.row;
  if (raw.name !== undefined) signup.name = raw.name;
  if (raw.organisation !== undefined) signup.organisation = raw.organisation;
  if (raw.country !== undefined) signup.country = raw.country;
  if (raw.offer_expires !== undefined) signup.offerExpires = instant(Date.parse(raw.offer_expires));
  if (raw.seat_email_owed) signup.seatEmailOwed = true;
  // The schema lets neither come alone.
  if (raw.reply !== undefined && raw.replied !== undefined) {
    signup.reply = raw.reply;
    signup.replied = instant(Date.parse(raw.replied));
  }
  if (raw.note !== undefined) signup.note = raw.note;
  return signup;
}

const toRoster = (value: RosterFile): Roster => ({
  circle: value.circle,
  lastImport: value.last_import,
  signups: (value.signups ?? []).map(toSignup),
  removed: (value.removed ?? []).map((note) => ({ removed: instant(Date.parse(note.removed)), status: note.status, fingerprint: note.fingerprint })),
});

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
  // Bytes that are not UTF-8 were replaced in `text`: the full reader reports them.
  const written = isUtf8(bytes) ? (readWrittenRoster(text) ?? readEditedRoster(text, carefulEntry)) : undefined;
  return written ? { roster: written, findings: [] } : parseRosterYaml(bytes);
}

/** One hand-edited entry of the signups list, read alone as the full reader reads it in the file. */
function carefulEntry(entry: string): Signup | undefined {
  const parsed = parseRosterYaml(Buffer.from(`circle: x\nlast_import: 0\nsignups:\n${entry}`));
  const [one, other] = parsed.roster?.signups ?? [];
  return parsed.findings.length === 0 && other === undefined ? one : undefined;
}

/** The full reader: YAML and the schema, with the positions needed to place problems at file:line:col. */
export function parseRosterYaml(bytes: Uint8Array): ParsedRoster {
  const file = parseYamlBytes(bytes);
  if (!file.data) return { ...(file.yaml ? { yaml: file.yaml } : {}), findings: file.findings };
  const checked = schemaFindings(rosterFileSchema, file.data);
  if (!checked.value) return { ...(file.yaml ? { yaml: file.yaml } : {}), findings: checked.findings };
  return { roster: toRoster(checked.value), ...(file.yaml ? { yaml: file.yaml } : {}), findings: [] };
}
