import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { makeFolder } from '../workspace/file-errors.js';
import { join, relative } from 'node:path';
import { DateTime } from 'luxon';
import { inputError, usageError } from '../errors.js';
import { preparePublishing, type Publishing } from '../invites/publish.js';
import { circlesNamed, type ResolvedCircle } from '../model/circle.js';
import { isValidEmail } from '../model/email.js';
import { acquireLock } from '../roster/lock.js';
import { clearSeatEmailOwed } from '../roster/seats.js';
import { readRoster, updateRoster } from '../roster/store.js';
import type { Roster } from '../roster/types.js';
import { loadCircles } from '../workspace/load.js';
import { deliver, type DeliveryReport } from './deliver.js';
import { journalFile, JournalWriter, readJournal, type JournalState } from './journal.js';
import { COMMAND_KINDS, type MailCommand } from './kinds.js';
import type { WantedMessage } from './messages.js';
import { buildOutgoing, senderFor } from './outgoing.js';
import { templateLoader, type Template } from '../templates/engine.js';
import { planDelivery, sentCount, type DeliveryPlan, type PlanFlags } from './plan.js';

const mailLockFile = (workspace: string, id: string) => join(workspace, 'journals', `.${id}.lock`);

export type Planner = (input: { resolved: ResolvedCircle; roster: Roster; journal: JournalState; sequence: number }) => WantedMessage[];

export interface MailingRequest extends PlanFlags {
  workspace: string;
  ids: string[];
  all?: boolean;
  command: MailCommand;
  planner: Planner;
  /** Messages carry calendar invitations: SEQUENCE comes from the published state. */
  invitations: boolean;
  recordingUrl?: string;
  now?: DateTime;
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

function choose(circles: readonly ResolvedCircle[], ids: readonly string[], all: boolean): ResolvedCircle[] {
  if (all) return [...circles];
  if (ids.length === 0) throw usageError('name a circle, or pass --all', `circles here: ${circles.map((c) => c.circle.id).join(', ')}`);
  return circlesNamed(circles, ids);
}

/** What each chosen circle owes whom, and what the journal says of it. Reads only. */
export async function planMailing(request: MailingRequest): Promise<Mailing> {
  const now = request.now ?? DateTime.now();
  const { circles } = await loadCircles(request.workspace);
  const chosen = choose(circles, request.ids, request.all ?? false);
  const publishing = request.invitations ? await preparePublishing(request.workspace, circles, chosen, now) : undefined;
  const planned: CirclePlan[] = [];
  for (const resolved of chosen) {
    const roster = await readRoster(request.workspace, resolved.circle.id);
    const { state } = await readJournal(journalFile(request.workspace, resolved.circle.id));
    const sequence = publishing?.publications.get(resolved.circle.id)?.sequence ?? 0;
    const wanted = request.planner({ resolved, roster, journal: state, sequence });
    // Mail goes only to roster addresses that pass the one email rule; a hand-edited roster may not.
    const invalid = wanted.filter((m) => !isValidEmail(m.signup.email));
    if (invalid.length) {
      throw inputError(
        `the roster of ${resolved.circle.id} has ${invalid.length} address${invalid.length === 1 ? '' : 'es'} that mail cannot go to: ${invalid.map((m) => JSON.stringify(m.signup.email)).join(', ')}`,
        'correct or cancel them in the roster, then run `circle validate`',
      );
    }
    const sender = request.listOnly ? await senderFor(resolved).catch(() => undefined) : await senderFor(resolved);
    planned.push({ resolved, roster, sender, plan: planDelivery(wanted, state, request), alreadySent: sentCount(state, COMMAND_KINDS[request.command]) });
  }
  return { circles: planned, templates: templateLoader(request.workspace), ...(publishing ? { publishing } : {}), now };
}

/** These messages of the plan, built to go (to `to` instead, for --test-to); nothing is journaled. */
export async function buildMessages(mailing: Mailing, request: MailingRequest, chosen: ReadonlyArray<{ circle: CirclePlan; message: WantedMessage }>, to?: string) {
  const built = [];
  for (const { circle, message } of chosen) {
    const { resolved } = circle;
    const publication = mailing.publishing?.publications.get(resolved.circle.id);
    const sender = circle.sender ?? (await senderFor(resolved));
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
    written.push({ circle, message, file: relative(process.cwd(), file) || file });
  }
  return written;
}

export interface CircleOutcome {
  circle: string;
  report: DeliveryReport;
}

/**
 * Sends what each circle owes, one circle at a time under its mail lock, re-reading the journal
 * under the lock so that two runs at once cannot both send a message.
 */
export async function sendMailing(
  mailing: Mailing,
  request: MailingRequest,
  transport: Parameters<typeof deliver>[1]['transport'],
  onOutcome?: Parameters<typeof deliver>[1]['onOutcome'],
): Promise<CircleOutcome[]> {
  await mailing.publishing?.commit();
  const outcomes: CircleOutcome[] = [];
  await mkdir(join(request.workspace, 'journals'), { recursive: true, mode: 0o700 });
  for (const { resolved, roster, sender: planned } of mailing.circles) {
    const id = resolved.circle.id;
    const sender = planned ?? (await senderFor(resolved));
    const lock = await acquireLock(mailLockFile(request.workspace, id));
    try {
      // Another run may have sent since the plan was made: the journal is read again under the lock.
      // The roster is the one planned with; a change to it since is for the next run.
      const { state } = await readJournal(journalFile(request.workspace, id));
      const sequence = mailing.publishing?.publications.get(id)?.sequence ?? 0;
      const plan = planDelivery(request.planner({ resolved, roster, journal: state, sequence }), state, request);
      const publication = mailing.publishing?.publications.get(id);
      const context = { templates: mailing.templates, resolved, publication, sender, now: mailing.now, recordingUrl: request.recordingUrl };
      const messages = plan.send.map((message) => ({ key: message.key, kind: message.kind, to: message.signup.email, build: () => buildOutgoing(message, context) }));
      const journal = await JournalWriter.open(journalFile(request.workspace, id));
      let report: DeliveryReport;
      try {
        report = await deliver(messages, { journal, transport, ...(onOutcome ? { onOutcome } : {}) });
      } finally {
        await journal.close();
      }
      const seated = report.outcomes.filter((o) => o.message.kind === 'seat' && o.outcome.state === 'sent').map((o) => o.message.to);
      if (seated.length) {
        await updateRoster(request.workspace, id, (current) => ({ roster: seated.reduce(clearSeatEmailOwed, current), result: undefined }));
      }
      outcomes.push({ circle: id, report });
      if (report.stopped) break;
    } finally {
      await lock.release();
    }
  }
  return outcomes;
}
