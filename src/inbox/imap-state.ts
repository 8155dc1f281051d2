import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { refused } from '../failure.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { fileError, makePrivateFolder, shownPath } from '../workspace/file-errors.js';
import { journalsDir } from '../workspace/paths.js';

/*
 * How far `circle inbox` has read each IMAP mailbox, so a large mailbox is not read again: UIDs only
 * mean something within one UIDVALIDITY, so both are kept. Beside the mail journals (a .json, not a
 * circle's .jsonl): the same private folder, already kept out of git.
 */
export const imapStateFile = (dir: string) => join(journalsDir(dir), 'inbox.json');

/** Where one mailbox was left: UIDVALIDITY (a 32-bit number, kept as text as IMAP gives it) and the highest UID read. */
export interface MailboxMark {
  uidValidity: string;
  lastUid: number;
}

const State = z.object({ mailboxes: z.record(z.string(), z.object({ uidValidity: z.string(), lastUid: z.number().int().nonnegative() })) });
type State = z.infer<typeof State>;

/** The value, or undefined for text that is not JSON: the schema then refuses both alike. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readState(path: string): Promise<State> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { mailboxes: {} };
    throw fileError(cause, path, 'read');
  }
  const parsed = State.safeParse(parseJson(text));
  if (!parsed.success) {
    throw refused('input', `${shownPath(path)} is not a state file circle can read`, 'delete it: the next run reads the whole mailbox again, and what was already done is not done twice');
  }
  return parsed.data;
}

export async function readMark(dir: string, mailbox: string): Promise<MailboxMark | undefined> {
  return (await readState(imapStateFile(dir))).mailboxes[mailbox];
}

/** Replaces one mailbox's mark, keeping the others; the file is the organiser's alone (it names their mailboxes). */
export async function writeMark(dir: string, mailbox: string, mark: MailboxMark): Promise<void> {
  const path = imapStateFile(dir);
  await makePrivateFolder(journalsDir(dir));
  const state = await readState(path);
  state.mailboxes[mailbox] = mark;
  await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`, { overwrite: true, access: 'private' });
}
