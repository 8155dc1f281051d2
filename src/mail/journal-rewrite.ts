import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { acquireLock, type Lock } from '../roster/lock.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { journalFile, journalsDir, mailLockFile } from '../workspace/paths.js';
import { emailKey } from '../model/email.js';
import { readJournal, type JournalRecord, type JournalState } from './journal.js';
import { SEATED_KINDS, type MessageKind } from './kinds.js';

/*
 * Rewriting a circle's mail journal in place, for the two changes that must reach it: a corrected
 * address (the journal follows the person) and an erasure on request (the person leaves it). The
 * journal is otherwise append-only; a rewrite keeps every line it does not change, in order, and
 * replaces the file atomically under the circle's mail lock, so no mail run reads half of it.
 */

/** The mail lock of a circle: the one `waitlist notify`, `invites send` and `followup` hold while they send. */
export const mailLock = (dir: string, id: string): Promise<Lock> => acquireLock(mailLockFile(dir, id));

export interface LineRewrite {
  /** The new record, the same one for no change, or undefined to drop it. */
  record: (record: JournalRecord) => JournalRecord | undefined;
  /** A torn line (a crash mid-write) is kept unless this says to drop it. */
  dropDamaged?: (line: string) => boolean;
}

/** Rewrites the journal of `id` line by line; the caller holds its mail lock. Returns how many lines changed or went. */
export async function rewriteJournal(dir: string, id: string, rewrite: LineRewrite, options: { dryRun?: boolean } = {}): Promise<number> {
  const path = journalFile(dir, id);
  const text = await readFile(path, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') return undefined;
    throw cause;
  });
  if (text === undefined) return 0;
  let changed = 0;
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: JournalRecord | undefined;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      record = undefined;
    }
    if (record === undefined || typeof record.key !== 'string') {
      if (rewrite.dropDamaged?.(line)) changed++;
      else lines.push(line);
      continue;
    }
    const next = rewrite.record(record);
    if (next !== record) changed++;
    if (next) lines.push(JSON.stringify(next));
  }
  if (changed === 0 || options.dryRun) return changed;
  // Personal data: the journal stays readable by its owner only, as JournalWriter creates it, from the first byte.
  await writeFileAtomic(path, lines.map((line) => `${line}\n`).join(''), { overwrite: true, access: 'private' });
  return changed;
}

/** Journals of the workspace, by circle id. */
export async function journalIds(dir: string): Promise<string[]> {
  const names = await readdir(journalsDir(dir)).catch(() => [] as string[]);
  return names.filter((name) => !name.startsWith('.') && name.endsWith('.jsonl')).map((name) => name.slice(0, -'.jsonl'.length)).sort();
}

/** Where a key names the person: keys are `<kind>:<address key>` then ` <signup time>` or `:<more>`, or nothing. */
function namesPerson(text: string, key: string): boolean {
  return text.startsWith(key) && (text.length === key.length || text[key.length] === ' ' || text[key.length] === ':');
}

/** The key with the person's part replaced, or undefined when the key is not theirs. */
function rekey(key: string, from: string, to: string): string | undefined {
  const colon = key.indexOf(':');
  const rest = key.slice(colon + 1);
  return colon > 0 && namesPerson(rest, from) ? `${key.slice(0, colon + 1)}${to}${rest.slice(from.length)}` : undefined;
}

/**
 * The records of a person whose address was corrected, as if every message had gone to the new one;
 * except a bounce, which stays with the address that bounced, so the new one is not held back and
 * the message that bounced goes to it on the next run.
 */
export function followAddress(oldEmail: string, newEmail: string): LineRewrite {
  const from = emailKey(oldEmail);
  const to = emailKey(newEmail);
  return {
    record: (record) => {
      const key = rekey(record.key, from, to);
      const signup = typeof record.detail?.signup === 'string' && namesPerson(record.detail.signup, from) ? `${to}${record.detail.signup.slice(from.length)}` : undefined;
      const addressed = emailKey(record.to) === from && record.state !== 'bounced';
      if (key === undefined && signup === undefined && !addressed) return record;
      return {
        ...record,
        ...(key !== undefined ? { key } : {}),
        ...(addressed ? { to: newEmail } : {}),
        ...(signup !== undefined ? { detail: { ...record.detail, signup } } : {}),
      };
    },
  };
}

/**
 * The records of an erased person, made anonymous: kind, state and time stay (the counts of what
 * was sent), the key becomes a one-way fingerprint, and the address and every detail go.
 * `keep` says which records must stay whole for now (see eraseFromJournals).
 */
export function eraseAddress(email: string, keep: (record: JournalRecord) => boolean = () => false): LineRewrite {
  const key = emailKey(email);
  const theirs = (record: JournalRecord) => rekey(record.key, key, '') !== undefined || emailKey(record.to) === key;
  return {
    record: (record) => {
      if (!theirs(record) || keep(record)) return record;
      const { kind, state, at } = record;
      return { key: `erased:${createHash('sha256').update(record.key).digest('hex')}`, kind, to: '', state, at };
    },
    dropDamaged: (line) => line.toLowerCase().includes(key),
  };
}

const CANCELLATIONS: ReadonlySet<string> = new Set<MessageKind>(['seat-cancelled', 'cancelled']);

/**
 * The journal keys that must stay whole while an erased person's calendar still holds the event:
 * for each of their signups, the last seat, invitation or update sent, when no cancellation went
 * after it. `invites send` sends the cancellation to the address that record names.
 */
export function liveInvitations(state: JournalState, email: string): Set<string> {
  const key = emailKey(email);
  const invited = new Map<string, JournalRecord>();
  const cancelled = new Map<string, string>();
  for (const record of state.values()) {
    if (record.state !== 'sent') continue;
    const signup = record.key.slice(record.key.indexOf(':') + 1);
    if (!namesPerson(signup, key)) continue;
    if (SEATED_KINDS.has(record.kind as MessageKind) && typeof record.detail?.signup === 'string') {
      const last = invited.get(record.detail.signup);
      if (!last || last.at <= record.at) invited.set(record.detail.signup, record);
    } else if (CANCELLATIONS.has(record.kind)) {
      // `seat-cancelled:<signup>`, or `cancelled:<signup>:<sequence>` for a cancelled circle.
      const id = signup.replace(/:\d+$/, '');
      if ((cancelled.get(id) ?? '') < record.at) cancelled.set(id, record.at);
    }
  }
  return new Set([...invited].filter(([id, record]) => (cancelled.get(id) ?? '') < record.at).map(([, record]) => record.key));
}

/**
 * Erases a person from one circle's journal (the caller holds its mail lock), keeping whole only
 * what the calendar cancellation still needs. Returns the records erased and the messages kept.
 */
export async function eraseFromJournal(dir: string, id: string, email: string, options: { dryRun?: boolean } = {}): Promise<{ erased: number; kept: number }> {
  const { state } = await readJournal(journalFile(dir, id), { fresh: true });
  const keep = liveInvitations(state, email);
  const erased = await rewriteJournal(dir, id, eraseAddress(email, (record) => keep.has(record.key)), options);
  return { erased, kept: keep.size };
}
