import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { refused, Refused, unwrap } from '../failure.js';
import { acquireLock, type LockEvents } from '../roster/lock.js';
import { clearSeatEmailOwed, owedSeatEmails } from '../roster/seats.js';
import { readRoster, updateRoster } from '../roster/store.js';
import type { Roster } from '../roster/types.js';
import { refusal, shownPath as shown } from '../workspace/file-errors.js';
import { journalFile, journalsDir, mailLockFile } from '../workspace/paths.js';
import { deliver, type DeliveryOptions, type DeliveryReport, type MailTransport, type Queued } from './deliver.js';
import { JournalWriter, readJournal, type JournalState } from './journal.js';
import { planCircle, type Mailing, type MailingRequest } from './mailing.js';
import { signupId, type WantedMessage } from './messages.js';
import type { Bounced } from './bounces.js';
import { owedOffers } from './offers.js';
import { buildOutgoing, senderFor } from './outgoing.js';

/*
 * Sending a plan: the published state recorded first, then each circle under its mail lock, every
 * message journaled as `sending` before it goes and with its answer after; the "owed a seat email"
 * marks settled with the journal, also after a crash.
 */

export interface CircleOutcome {
  circle: string;
  report: DeliveryReport;
  /** Held back under the lock: mail to these addresses bounced. */
  bounced: Array<Bounced<WantedMessage>>;
}

/** The mail of a circle went and is journaled, but its "owed a seat email" marks could not be cleared: why, and how many went. */
export interface Unsettled {
  circle: string;
  sent: number;
  error: unknown;
}

export interface Sent {
  outcomes: CircleOutcome[];
  /** Set when the run stopped there: the next run clears the marks. */
  unsettled?: Unsettled;
}

export interface SendHooks {
  onOutcome?: DeliveryOptions['onOutcome'];
  /** Waiting for another run's mail lock, and recovering one left by a dead run. */
  events?: LockEvents;
  /** The run's send slots (a rateLimiter), shared by every circle. */
  pace?: () => Promise<void>;
}

/** Signups marked as owed their seat mail (`seat:`) or their offer mail (`offer:`): the same mark, by status. */
const marked = (roster: Roster) => [...owedSeatEmails(roster).map((s) => ['seat', s] as const), ...owedOffers(roster).map((s) => ['offer', s] as const)];

/**
 * Clears the "owed a seat email" mark of each person whose seat or offer mail the journal shows as
 * sent, so the mark and the journal agree after any crash. One shown as unconfirmed keeps its mark:
 * it stays held back and reported until --resend-unconfirmed. Runs under the circle's mail lock.
 */
async function settleSeatEmails(dir: string, id: string, journal: JournalState): Promise<void> {
  const sent = (roster: Roster) => marked(roster).filter(([kind, signup]) => journal.get(`${kind}:${signupId(signup)}`)?.state === 'sent').map(([, signup]) => signup);
  if (sent(await readRoster(dir, id)).length === 0) return;
  await updateRoster(dir, id, (current) => ({ roster: sent(current).reduce((roster, signup) => clearSeatEmailOwed(roster, signup.email), current), result: undefined }));
}

/** Settles the seat email marks of these circles with their journals, for a run that has nothing to send. */
export async function settleMailing(mailing: Mailing, request: MailingRequest, events?: LockEvents): Promise<void> {
  for (const { resolved, roster } of mailing.circles) {
    const id = resolved.circle.id;
    // Nobody marked, or no journal (so no mail sent): nothing to settle, and no lock to take.
    if (marked(roster).length === 0 || !existsSync(journalFile(request.dir, id))) continue;
    const lock = await acquireLock(mailLockFile(request.dir, id), events);
    try {
      await settleSeatEmails(request.dir, id, (await readJournal(journalFile(request.dir, id))).state);
    } finally {
      await lock.release();
    }
  }
}

/** What a message the journal could not answer for became, in words for the organiser. */
const UNRECORDED: Record<string, string> = {
  sent: 'the server accepted it: do not resend',
  unconfirmed: 'no answer from the server: it may have arrived',
  failed: 'the server refused it: not delivered',
  deferred: 'the server said later: not delivered',
  auth: 'login refused: not delivered',
};

const person = (message: Queued) => (message.name ? `${message.name} <${message.to}>` : message.to);

/** A journal that cannot be opened: an environment error before any message of its circle goes. */
function cannotJournal(path: string, cause: NodeJS.ErrnoException): Error {
  const words = refusal(cause, 'write');
  if (!words) return cause;
  return refused('input', `cannot write the mail journal ${shown(path)}: ${words.reason}; sending stopped before it`, `${words.hint}: nobody already told gets the mail again`);
}

/** The hint a lost lock's error gives (the lock module's own wording). */
const hintOf = (error: Error): string | undefined => (error instanceof Refused ? error.failure.hint : (error as { hint?: string }).hint);

/** The run stopped because the journal could not be written or the lock was lost: an environment error that says where things stand. */
function stoppedError(id: string, report: DeliveryReport, journalPath: string): Refused | undefined {
  const stopped = report.stopped;
  if (!stopped || (stopped.reason !== 'journal' && stopped.reason !== 'lock')) return undefined;
  const unrecorded = new Set(report.unrecorded.map((u) => u.message));
  const recorded = report.outcomes.filter((o) => o.outcome.state === 'sent' && !unrecorded.has(o.message)).length;
  const lines = [`${id}: sent and recorded ${recorded}, not sent ${report.notTried.length}`];
  if (report.unrecorded.length) {
    lines.push(`unknown to the journal (handed to the server, the answer not recorded; later runs hold them back as unconfirmed): ${report.unrecorded.length}`);
    for (const { message, outcome } of report.unrecorded) lines.push(`  ${message.kind} to ${person(message)}: ${UNRECORDED[outcome.state]}`);
  }
  if (stopped.reason === 'lock') {
    return refused('input', `${stopped.error.message}\n${lines.join('\n')}`, hintOf(stopped.error));
  }
  const code = (stopped.error as { reason?: NodeJS.ErrnoException }).reason?.code;
  const why = refusal((stopped.error as { reason?: NodeJS.ErrnoException }).reason, 'write')?.reason ?? `the disk refused it (${code ?? stopped.response})`;
  return refused(
    'input',
    `cannot write the mail journal ${shown(journalPath)}: ${why}; sending stopped\n${lines.join('\n')}`,
    `${code === 'EFBIG' ? 'raise the file size limit (ulimit -f)' : 'free space on that disk'}, then run the same command again: nobody recorded as sent gets mail twice; the unknown ones are held back (check with them, then --resend-unconfirmed)`,
  );
}

/**
 * Sends what each circle owes, one circle at a time under its mail lock, re-reading the journal
 * under the lock so that two runs at once cannot both send a message. The lock is checked before
 * each message goes: a run that lost it stops at once.
 */
export async function sendMailing(mailing: Mailing, request: MailingRequest, transport: MailTransport, hooks: SendHooks = {}): Promise<Sent> {
  await mailing.publishing?.commit();
  const outcomes: CircleOutcome[] = [];
  const journals = journalsDir(request.dir);
  await mkdir(journals, { recursive: true, mode: 0o700 }).catch((cause: NodeJS.ErrnoException) => {
    throw cannotJournal(journals, cause);
  });
  for (const { resolved, roster, sender: planned } of mailing.circles) {
    const id = resolved.circle.id;
    const sender = planned ?? (await senderFor(resolved, request.env));
    const lock = await acquireLock(mailLockFile(request.dir, id), hooks.events);
    try {
      // Another run may have sent since the plan was made: the journal is read again under the lock.
      // The roster is the one planned with; a change to it since is for the next run.
      const path = journalFile(request.dir, id);
      const { state } = await readJournal(path, { fresh: true });
      // A seat email a crashed run sent: its mark goes, and the plan below skips it.
      await settleSeatEmails(request.dir, id, state);
      const sequence = mailing.publishing?.publications.get(id)?.sequence ?? 0;
      const plan = unwrap(planCircle({ resolved, roster, journal: state, sequence }, request));
      const publication = mailing.publishing?.publications.get(id);
      const context = { templates: mailing.templates, resolved, publication, sender, now: mailing.now, secret: request.env.CIRCLE_SECRET };
      const messages = plan.send.map((message) => ({ key: message.key, kind: message.kind, to: message.signup.email, ...(message.signup.name ? { name: message.signup.name } : {}), build: () => buildOutgoing(message, context) }));
      const journal = await JournalWriter.open(path).catch((cause: NodeJS.ErrnoException) => {
        throw cannotJournal(path, cause);
      });
      let report: DeliveryReport;
      try {
        report = await deliver(messages, { journal, transport, lock, ...(hooks.onOutcome ? { onOutcome: hooks.onOutcome } : {}), ...(hooks.pace ? { pace: hooks.pace } : {}) });
      } finally {
        await journal.close().catch(() => undefined);
      }
      const stopped = stoppedError(id, report, path);
      if (stopped) throw stopped;
      try {
        await settleSeatEmails(request.dir, id, (await readJournal(path)).state);
      } catch (error) {
        // The journal holds every answer: only the marks wait, and the next run clears them.
        return { outcomes, unsettled: { circle: id, sent: report.outcomes.filter((o) => o.outcome.state === 'sent').length, error } };
      }
      outcomes.push({ circle: id, report, bounced: plan.bounced });
      if (report.stopped) break;
    } finally {
      await lock.release();
    }
  }
  return { outcomes };
}
