import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { makeFolder, refusal, shownPath as shown } from '../workspace/file-errors.js';
import { join } from 'node:path';
import type { DateTime } from 'luxon';
import { preparePublishing, type Publishing } from '../invites/publish.js';
import type { ResolvedCircle } from '../model/circle.js';
import { isValidEmail } from '../model/email.js';
import { rosterFindings, rosterProblems } from '../roster/checks.js';
import { acquireLock, type LockEvents } from '../roster/lock.js';
import { clearSeatEmailOwed, owedSeatEmails } from '../roster/seats.js';
import { readRoster, updateRoster } from '../roster/store.js';
import type { Roster } from '../roster/types.js';
import { loadCircles } from '../workspace/load.js';
import { journalFile, journalsDir, mailLockFile } from '../workspace/paths.js';
import { circlesNamed } from '../workspace/select.js';
import { deliver, type DeliveryOptions, type DeliveryReport, type MailTransport, type Queued } from './deliver.js';
import { JournalWriter, readJournal, type JournalState } from './journal.js';
import { COMMAND_KINDS, type MailCommand } from './kinds.js';
import { signupId, type WantedMessage } from './messages.js';
import { buildOutgoing, senderFor } from './outgoing.js';
import { templateLoader, type Template } from '../templates/engine.js';
import { planDelivery, sentCount, type DeliveryPlan, type PlanFlags } from './plan.js';
import { failure, refused, Refused, success, unwrap, type Result } from '../failure.js';


/** A roster that fails its checks (one person twice, say) is not mailed from: which entry is meant is the organiser's call. */
async function refuseFailingRoster(dir: string, resolved: ResolvedCircle, roster: Roster): Promise<void> {
  const id = resolved.circle.id;
  if (!rosterFindings(roster, id, resolved.circle.capacity).some((f) => f.severity === 'error')) return;
  const errors = (await rosterProblems(dir, id, resolved.circle.capacity)).filter((p) => p.severity === 'error');
  const [first] = errors;
  if (!first) return;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length === 2 ? '' : 's'})` : '';
  throw refused(
    'input',
    `${shown(first.file)}:${first.line}:${first.col}: ${first.message}${more}; nothing was sent`,
    `${first.hint ? `${first.hint}, ` : ''}run \`circle validate\` until it passes, then run this again`,
  );
}

export type Planner = (input: { resolved: ResolvedCircle; roster: Roster; journal: JournalState; sequence: number }) => WantedMessage[];

export interface MailingRequest extends PlanFlags {
  dir: string;
  ids: string[];
  all?: boolean;
  command: MailCommand;
  planner: Planner;
  /** Messages carry calendar invitations: SEQUENCE comes from the published state. */
  invitations: boolean;
  recordingUrl?: string;
  /** The run's clock: the DTSTAMP of its invitations and of the published state. */
  now: DateTime;
  /** Where CIRCLE_FROM is read, for circles without an organizer. */
  env: Readonly<Record<string, string | undefined>>;
  /** Only listing who gets what (a dry run): no sender is needed yet. */
  listOnly?: boolean;
}

export interface CirclePlan {
  resolved: ResolvedCircle;
  roster: Roster;
  /** Who the mail of this circle comes from, known before anything is recorded or sent; unknown only in a list. */
  sender: { name: string; email: string } | undefined;
  plan: DeliveryPlan<WantedMessage>;
  /** Messages of the command's kinds that the journal holds as sent. */
  alreadySent: number;
}

export interface Mailing {
  circles: CirclePlan[];
  templates: (name: string) => Promise<Template>;
  publishing?: Publishing;
  now: DateTime;
}

/** The circles a mail run is for: those named, or all with --all. */
export function circlesToMail(circles: readonly ResolvedCircle[], ids: readonly string[], all: boolean): Result<ResolvedCircle[]> {
  if (all) return success([...circles]);
  if (ids.length === 0) return failure('usage', 'name a circle, or pass --all', `circles here: ${circles.map((c) => c.circle.id).join(', ')}`);
  return circlesNamed(circles, ids);
}

/** What was read of one circle for its plan. */
interface Loaded {
  resolved: ResolvedCircle;
  roster: Roster;
  journal: JournalState;
  sequence: number;
}

/** Which of the messages the circle owes go in this run, from what was read: a pure rule, used to plan and again under the lock. */
function planCircle({ resolved, roster, journal, sequence }: Loaded, request: MailingRequest): Result<DeliveryPlan<WantedMessage>> {
  const wanted = request.planner({ resolved, roster, journal, sequence });
  // Mail goes only to roster addresses that pass the one email rule; a hand-edited roster may not.
  const invalid = wanted.filter((m) => !isValidEmail(m.signup.email));
  if (invalid.length) {
    return failure(
      'input',
      `the roster of ${resolved.circle.id} has ${invalid.length} address${invalid.length === 1 ? '' : 'es'} that mail cannot go to: ${invalid.map((m) => JSON.stringify(m.signup.email)).join(', ')}`,
      'correct or cancel them in the roster, then run `circle validate`',
    );
  }
  return success(planDelivery(wanted, journal, request));
}

/** What each chosen circle owes whom, and what the journal says of it. Reads only. */
export async function planMailing(request: MailingRequest): Promise<Mailing> {
  const { now } = request;
  const { circles } = await loadCircles(request.dir);
  const chosen = unwrap(circlesToMail(circles, request.ids, request.all ?? false));
  const publishing = request.invitations ? await preparePublishing(request.dir, circles, chosen, now) : undefined;
  const planned: CirclePlan[] = [];
  for (const resolved of chosen) {
    const roster = await readRoster(request.dir, resolved.circle.id);
    await refuseFailingRoster(request.dir, resolved, roster);
    const { state } = await readJournal(journalFile(request.dir, resolved.circle.id));
    const sequence = publishing?.publications.get(resolved.circle.id)?.sequence ?? 0;
    const plan = unwrap(planCircle({ resolved, roster, journal: state, sequence }, request));
    const sender = request.listOnly ? await senderFor(resolved, request.env).catch(() => undefined) : await senderFor(resolved, request.env);
    planned.push({ resolved, roster, sender, plan, alreadySent: sentCount(state, COMMAND_KINDS[request.command]) });
  }
  return { circles: planned, templates: templateLoader(request.dir), ...(publishing ? { publishing } : {}), now };
}

/** These messages of the plan, built to go (to `to` instead, for --test-to); nothing is journaled. */
export async function buildMessages(mailing: Mailing, request: MailingRequest, chosen: ReadonlyArray<{ circle: CirclePlan; message: WantedMessage }>, to?: string) {
  const built = [];
  for (const { circle, message } of chosen) {
    const { resolved } = circle;
    const publication = mailing.publishing?.publications.get(resolved.circle.id);
    const sender = circle.sender ?? (await senderFor(resolved, request.env));
    built.push({ circle: resolved.circle.id, message, outgoing: await buildOutgoing(message, { templates: mailing.templates, resolved, publication, sender, now: mailing.now, recordingUrl: request.recordingUrl, to }) });
  }
  return built;
}

/** Every message of the plan as an .eml file in `folder`, in plan order; nothing is journaled. */
export async function writePreviews(mailing: Mailing, request: MailingRequest, folder: string): Promise<Array<{ circle: string; message: WantedMessage; file: string }>> {
  await makeFolder(folder, 0o700); // personal data: a new folder is the owner's alone
  const all = mailing.circles.flatMap((circle) => circle.plan.send.map((message) => ({ circle, message })));
  const written = [];
  for (const [index, { circle, message, outgoing }] of (await buildMessages(mailing, request, all)).entries()) {
    const file = join(folder, `${String(index + 1).padStart(3, '0')}-${circle}-${message.kind}.eml`);
    await writeFileAtomic(file, outgoing.raw.toString('utf8'), { overwrite: true, access: 'private' });
    written.push({ circle, message, file: shown(file) });
  }
  return written;
}

export interface CircleOutcome {
  circle: string;
  report: DeliveryReport;
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

/**
 * Clears the "owed a seat email" mark of each person whose seat email the journal shows as sent,
 * so the mark and the journal agree after any crash. One shown as unconfirmed keeps its mark: it
 * stays held back and reported until --resend-unconfirmed. Runs under the circle's mail lock.
 */
async function settleSeatEmails(dir: string, id: string, journal: JournalState): Promise<void> {
  const sent = (roster: Roster) => owedSeatEmails(roster).filter((signup) => journal.get(`seat:${signupId(signup)}`)?.state === 'sent');
  if (sent(await readRoster(dir, id)).length === 0) return;
  await updateRoster(dir, id, (current) => ({ roster: sent(current).reduce((roster, signup) => clearSeatEmailOwed(roster, signup.email), current), result: undefined }));
}

/** Settles the seat email marks of these circles with their journals, for a run that has nothing to send. */
export async function settleMailing(mailing: Mailing, request: MailingRequest, events?: LockEvents): Promise<void> {
  for (const { resolved, roster } of mailing.circles) {
    const id = resolved.circle.id;
    // Nobody marked, or no journal (so no mail sent): nothing to settle, and no lock to take.
    if (owedSeatEmails(roster).length === 0 || !existsSync(journalFile(request.dir, id))) continue;
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
      const { state } = await readJournal(path);
      // A seat email a crashed run sent: its mark goes, and the plan below skips it.
      await settleSeatEmails(request.dir, id, state);
      const sequence = mailing.publishing?.publications.get(id)?.sequence ?? 0;
      const plan = unwrap(planCircle({ resolved, roster, journal: state, sequence }, request));
      const publication = mailing.publishing?.publications.get(id);
      const context = { templates: mailing.templates, resolved, publication, sender, now: mailing.now, recordingUrl: request.recordingUrl };
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
      outcomes.push({ circle: id, report });
      if (report.stopped) break;
    } finally {
      await lock.release();
    }
  }
  return { outcomes };
}
