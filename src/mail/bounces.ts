import { mkdir } from 'node:fs/promises';
import { emailKey } from '../model/email.js';
import { acquireLock, type LockEvents } from '../roster/lock.js';
import { journalFile, journalsDir, mailLockFile } from '../workspace/paths.js';
import { derivedOnce } from '../workspace/derived.js';
import { journalIds } from './journal-rewrite.js';
import { JournalWriter, readJournal, WENT, type JournalRecord, type JournalState } from './journal.js';

/*
 * Bounces: a delivery report (`circle inbox`) says a message the server had taken never arrived.
 * The journal gets a `bounced` record for that message, and mail to the address is held back
 * until the organiser corrects it or asks to send again (--retry-bounced).
 */

/**
 * The addresses (emailKey) that bounced, each with its latest bounce: an address counts as bounced
 * while its latest bounce is newer than every message sent to it since (a --retry-bounced run that
 * went out clears it; a bounce of that message marks it again). Erased records name no address.
 * Made once per read journal: each plan of the circle holds its mail back by it.
 */
export const bouncedAddresses = derivedOnce((journal: JournalState): ReadonlyMap<string, JournalRecord> => {
  const latest = new Map<string, JournalRecord>();
  for (const record of journal.values()) {
    if ((record.state !== 'bounced' && record.state !== 'sent') || record.to === '') continue;
    const address = emailKey(record.to);
    const before = latest.get(address);
    if (!before || before.at < record.at || (before.at === record.at && record.state === 'bounced')) latest.set(address, record);
  }
  return new Map([...latest].filter(([, record]) => record.state === 'bounced'));
});

/** A message held back because mail to its address bounced, with that bounce. */
export interface Bounced<T> {
  message: T;
  bounce: JournalRecord;
}

/** Takes out of `send` the messages to bounced addresses, unless they are to be sent again. */
export function holdBounced<T extends { signup: { email: string } }>(send: readonly T[], journal: JournalState, retry: boolean): { send: T[]; bounced: Array<Bounced<T>> } {
  // With nothing to send (the usual plan of a run with nothing due) the journal is not searched for bounces.
  const bounces = retry || send.length === 0 ? undefined : bouncedAddresses(journal);
  if (!bounces?.size) return { send: [...send], bounced: [] };
  const kept: T[] = [];
  const bounced: Array<Bounced<T>> = [];
  for (const message of send) {
    const bounce = bounces.get(emailKey(message.signup.email));
    if (bounce) bounced.push({ message, bounce });
    else kept.push(message);
  }
  return { send: kept, bounced };
}

/** What a delivery report says of one message of the journal. */
export interface BounceReport {
  /** The journal key of the message that bounced. */
  key: string;
  /** The RFC 3464 `Status`, e.g. `5.1.1`. */
  status?: string | undefined;
  /** The `Diagnostic-Code`, e.g. `smtp; 550 5.1.1 user unknown`. */
  diagnostic?: string | undefined;
  /** The Message-ID the report names, when it names one. */
  messageId?: string | undefined;
  /** When the bounce is recorded (default: now). */
  at?: Date | undefined;
}

const responseOf = (report: BounceReport) => [report.status, report.diagnostic].filter(Boolean).join(' ') || 'bounced';

/**
 * Appends a `bounced` record for the message `report.key` of circle `circle`'s journal, under the
 * circle's mail lock (waiting like the mail commands do). It keeps the message's kind, address and
 * details, so every reader knows whom it concerns. Returns the record written; undefined when the
 * journal has no such message (erased since) or already holds this bounce as its last word.
 */
export async function recordBounce(dir: string, circle: string, report: BounceReport, events?: LockEvents): Promise<JournalRecord | undefined> {
  await mkdir(journalsDir(dir), { recursive: true, mode: 0o700 });
  const lock = await acquireLock(mailLockFile(dir, circle), events);
  try {
    const path = journalFile(dir, circle);
    const last = (await readJournal(path, { fresh: true })).state.get(report.key);
    if (!last) return undefined;
    const messageId = report.messageId ?? last.messageId;
    if (last.state === 'bounced' && last.messageId === messageId) return undefined;
    // `state` right after the key: a line torn by a crash still says it was a bounce (journal.ts).
    const record: JournalRecord = {
      key: report.key,
      state: 'bounced',
      kind: last.kind,
      to: last.to,
      at: (report.at ?? new Date()).toISOString(),
      response: responseOf(report),
      ...(messageId ? { messageId } : {}),
      ...(last.detail ? { detail: last.detail } : {}),
    };
    const writer = await JournalWriter.open(path);
    try {
      await writer.write(record);
    } finally {
      await writer.close();
    }
    return record;
  } finally {
    await lock.release();
  }
}

/** A message the journals show went out (or may have), as a bounce is matched to it. */
export interface SentRecord {
  circle: string;
  key: string;
  to: string;
  /** When its last record was written. */
  at: string;
  messageId?: string;
}

/**
 * Every message of the workspace's journals that went out or may have (sent, unconfirmed, or bounced
 * already), once per Message-ID it went with: a message sent again has one for each time.
 * Records from before Message-IDs were journaled appear once per key, without one.
 */
export async function sentMessages(dir: string): Promise<SentRecord[]> {
  const all: SentRecord[] = [];
  for (const circle of await journalIds(dir)) {
    const { state, byMessageId } = await readJournal(journalFile(dir, circle));
    const entry = (r: JournalRecord): SentRecord => ({ circle, key: r.key, to: r.to, at: r.at, ...(r.messageId ? { messageId: r.messageId } : {}) });
    all.push(...[...byMessageId.values()].filter((r) => WENT.has(r.state) && r.to !== '').map(entry));
    for (const record of state.values()) if (!record.messageId && WENT.has(record.state) && record.to !== '') all.push(entry(record));
  }
  return all;
}
