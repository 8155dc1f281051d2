import { EXIT, inputError, usageError } from '../errors.js';
import { isValidEmail } from '../model/email.js';
import type { Language } from '../model/schema.js';
import type { MailCommand } from '../mail/kinds.js';
import { rateLimiter } from '../mail/deliver.js';
import { planMailing, sendMailing, settleMailing, writePreviews, type MailingRequest, type Planner } from '../mail/mailing.js';
import type { LockEvents } from '../roster/lock.js';
import { redact, smtpSettings } from '../mail/smtp-settings.js';
import { openTransport } from '../mail/transport.js';
import { exampleSender } from '../validate/senders.js';
import { isInteractive, note, paint, printJson, warn } from '../ui/terminal.js';
import { describePlan, heldBack, messageRow, plannedCount, plannedRows, withoutSender } from '../mail/summary.js';
import { summarise, unsentJson } from './mail-results.js';
import { samplesOf, sendSamples } from './mail-samples.js';

/** The options every mail command shares. */
export interface MailOptions {
  dir: string;
  ids: string[];
  all?: boolean;
  dryRun?: boolean;
  preview?: string;
  testTo?: string;
  /** The language of the --test-to samples (default: each language). */
  lang?: Language;
  resendUnconfirmed?: boolean;
  retryFailed?: boolean;
  rate?: string;
  yes?: boolean;
  json?: boolean;
}

function parseRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(text.trim());
  if (!match || Number(match[1]) <= 0) throw usageError(`--rate "${text}" is not a rate`, 'give messages per second, e.g. --rate 5/s');
  return Number(match[1]);
}

/** What the organiser sees while another mail run holds a circle's journal. */
const mailLockEvents: LockEvents = {
  waiting: (owner, waited) =>
    note(waited < 1000 ? `waiting for another mail run (pid ${owner.pid} on ${owner.host}) to finish with this circle…` : `still waiting (${Math.round(waited / 1000)} s): the other mail run is still sending`),
  recovered: (owner) => note(`recovered a mail lock left by a run that stopped (pid ${owner.pid || 'unknown'}, since ${owner.since})`),
};

/** Plans, then lists, previews, samples or sends: the shared flow of waitlist notify, invites send and followup. */
export async function runMail(options: MailOptions, what: { command: MailCommand; planner: Planner; invitations: boolean; recordingUrl?: string }): Promise<number> {
  const rate = parseRate(options.rate);
  if (options.testTo !== undefined && !isValidEmail(options.testTo)) throw usageError(`--test-to "${options.testTo}" is not an email address`);
  if (options.lang !== undefined && options.testTo === undefined) {
    throw usageError('--lang picks the language of the --test-to samples', 'add --test-to <your address>; without it, everyone gets mail in the language they signed up with');
  }
  const request: MailingRequest = {
    dir: options.dir,
    ids: options.ids,
    all: options.all ?? false,
    command: what.command,
    planner: what.planner,
    invitations: what.invitations,
    ...(what.recordingUrl ? { recordingUrl: what.recordingUrl } : {}),
    ...(options.resendUnconfirmed ? { resendUnconfirmed: true } : {}),
    ...(options.retryFailed ? { retryFailed: true } : {}),
    ...(options.dryRun ? { listOnly: true } : {}),
  };
  const mailing = await planMailing(request);
  for (const line of describePlan(mailing)) note(line);
  const total = plannedCount(mailing);

  if (options.dryRun) {
    for (const id of withoutSender(mailing)) {
      warn(`${id} has no organizer to send from: add organizer: {name, email} to the series file, or set CIRCLE_FROM, before sending`);
    }
    const rows = plannedRows(mailing);
    if (options.json) printJson(rows);
    else for (const r of rows) process.stdout.write(`${r.circle}\t${r.kind}\t${r.to}\t${r.name ?? ''}\t${r.language}${r.position ? `\tposition ${r.position}` : ''}\n`);
    return EXIT.ok;
  }
  if (options.preview !== undefined) {
    const written = await writePreviews(mailing, request, options.preview);
    if (options.json) printJson(written.map(({ circle, message, file }) => ({ ...messageRow(circle, message), file })));
    else for (const { file } of written) process.stdout.write(`${file}\n`);
    note(`wrote ${written.length} message${written.length === 1 ? '' : 's'} to open in a mail client; nothing was sent`);
    return EXIT.ok;
  }
  const samples = options.testTo ? samplesOf(mailing, options.lang) : [];
  // What --json prints when nothing goes out: the same shape as after sending.
  const nothingSent = () => (options.testTo ? printJson([]) : unsentJson(mailing));
  if (total === 0) {
    // A crashed run may have sent seat emails without clearing their marks: settled here too.
    await settleMailing(mailing, request, mailLockEvents);
    note('nothing to send');
    if (options.json) nothingSent();
    return heldBack(mailing) ? EXIT.invalid : EXIT.ok;
  }
  if (isInteractive() && !options.yes) {
    const { askYesNo } = await import('../ui/prompt.js');
    const count = options.testTo ? `${samples.length} sample${samples.length === 1 ? '' : 's'} to ${options.testTo}` : `${total} message${total === 1 ? '' : 's'}`;
    if (!(await askYesNo(`Send ${count}?`, true))) {
      note('nothing sent');
      if (options.json) nothingSent();
      return EXIT.ok;
    }
  }

  const settings = smtpSettings();
  const refusal = exampleSender(mailing.circles, settings.host, options.dir);
  if (refusal) throw inputError(refusal.message, refusal.hint);
  const transport = await openTransport(settings);
  try {
    await transport.verify().catch((cause: { code?: string; message?: string }) => {
      const reason = redact(String(cause.message ?? cause), settings);
      if (cause.code === 'EAUTH') throw inputError(`${settings.label} refused the login: ${reason}`, 'check the user and password in CIRCLE_SMTP_URL; nothing was sent');
      throw inputError(`cannot reach ${settings.label}: ${reason}`, 'check CIRCLE_SMTP_URL and the network; nothing was sent');
    });
    if (options.testTo) return await sendSamples(mailing, request, samples, { to: options.testTo, json: options.json ?? false, transport, settings });

    let done = 0;
    const progress = process.stderr.isTTY ? (text: string) => process.stderr.write(`\r${text}`) : undefined;
    const outcomes = await sendMailing(mailing, request, transport, {
      onOutcome: () => {
        done++;
        progress?.(`${paint.dim('sending')} ${done}/${total}`);
      },
      events: mailLockEvents,
      ...(rate ? { pace: rateLimiter({ perSecond: rate }) } : {}),
    });
    if (progress) process.stderr.write('\n');
    return summarise(outcomes, mailing, options.json ?? false, settings);
  } finally {
    transport.close();
  }
}

