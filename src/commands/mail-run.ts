import { Readable } from 'node:stream';
import { EXIT, inputError, usageError } from '../errors.js';
import { isValidEmail } from '../model/email.js';
import type { MailCommand } from '../mail/messages.js';
import type { Outcome } from '../mail/outcome.js';
import { buildAll, planMailing, sendMailing, writePreviews, type Mailing, type MailingRequest, type Planner } from '../mail/mailing.js';
import { redact, smtpSettings } from '../mail/smtp-settings.js';
import { openTransport } from '../mail/transport.js';
import { isInteractive, note, paint, printJson } from '../ui/terminal.js';

/** The options every mail command shares. */
export interface MailOptions {
  dir: string;
  ids: string[];
  all?: boolean;
  dryRun?: boolean;
  preview?: string;
  testTo?: string;
  resendUnconfirmed?: boolean;
  retryFailed?: boolean;
  rate?: string;
  yes?: boolean;
  json?: boolean;
}

/** `ana@example.org` -> `a…@example.org`: enough to recognise in a summary, not a list of addresses in a log. */
const mask = (email: string) => email.replace(/^(.)[^@]*/, '$1…');

/** Server answers often repeat the address (`550 <ana@example.org>: rejected`): shown masked, never with the password. */
const scrub = (text: string, settings: { pass?: string }) =>
  redact(text, settings).replace(/[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, mask);

function parseRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(text.trim());
  if (!match || Number(match[1]) <= 0) throw usageError(`--rate "${text}" is not a rate`, 'give messages per second, e.g. --rate 5/s');
  return Number(match[1]);
}

function describePlan(mailing: Mailing): string[] {
  return mailing.circles.map(({ resolved, plan, alreadySent }) => {
    const kinds = new Map<string, number>();
    for (const m of plan.send) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
    const parts = [...kinds].map(([kind, n]) => `${n} ${kind}`);
    const held = [
      alreadySent ? `${alreadySent} already sent` : '',
      plan.unconfirmed.length ? `${plan.unconfirmed.length} unconfirmed held back (--resend-unconfirmed)` : '',
      plan.failed.length ? `${plan.failed.length} failed earlier (--retry-failed)` : '',
    ].filter(Boolean);
    return `${resolved.circle.id}: ${parts.length ? `to send: ${parts.join(', ')}` : 'nothing to send'}${held.length ? `; ${held.join('; ')}` : ''}`;
  });
}

function dryRunRows(mailing: Mailing) {
  return mailing.circles.flatMap(({ resolved, plan }) =>
    plan.send.map((m) => ({
      circle: resolved.circle.id,
      kind: m.kind,
      to: m.signup.email,
      name: m.signup.name ?? null,
      language: m.signup.language,
      ...(m.position !== undefined ? { position: m.position } : {}),
      ...(m.sequence !== undefined ? { sequence: m.sequence } : {}),
    })),
  );
}

const heldBack = (mailing: Mailing) => mailing.circles.reduce((n, c) => n + c.plan.unconfirmed.length + c.plan.failed.length, 0);

/** Plans, then lists, previews, samples or sends: the shared flow of waitlist notify, invites send and followup. */
export async function runMail(options: MailOptions, what: { command: MailCommand; planner: Planner; invitations: boolean; recordingUrl?: string }): Promise<number> {
  const rate = parseRate(options.rate);
  if (options.testTo !== undefined && !isValidEmail(options.testTo)) throw usageError(`--test-to "${options.testTo}" is not an email address`);
  const request: MailingRequest = {
    workspace: options.dir,
    ids: options.ids,
    all: options.all ?? false,
    command: what.command,
    planner: what.planner,
    invitations: what.invitations,
    ...(what.recordingUrl ? { recordingUrl: what.recordingUrl } : {}),
    ...(options.resendUnconfirmed ? { resendUnconfirmed: true } : {}),
    ...(options.retryFailed ? { retryFailed: true } : {}),
  };
  const mailing = await planMailing(request);
  for (const line of describePlan(mailing)) note(line);
  const total = mailing.circles.reduce((n, c) => n + c.plan.send.length, 0);

  if (options.dryRun) {
    const rows = dryRunRows(mailing);
    if (options.json) printJson(rows);
    else for (const r of rows) process.stdout.write(`${r.circle}\t${r.kind}\t${r.to}\t${r.name ?? ''}\t${r.language}${r.position ? `\tposition ${r.position}` : ''}\n`);
    return EXIT.ok;
  }
  if (options.preview !== undefined) {
    const files = await writePreviews(mailing, request, options.preview);
    for (const file of files) process.stdout.write(`${file}\n`);
    note(`wrote ${files.length} message${files.length === 1 ? '' : 's'} to open in a mail client; nothing was sent`);
    return EXIT.ok;
  }
  if (total === 0) {
    note('nothing to send');
    return heldBack(mailing) ? EXIT.invalid : EXIT.ok;
  }
  if (isInteractive() && !options.yes) {
    const { askYesNo } = await import('../ui/prompt.js');
    const count = options.testTo ? 'one sample of each kind' : `${total} message${total === 1 ? '' : 's'}`;
    if (!(await askYesNo(`Send ${count}${options.testTo ? ` to ${options.testTo}` : ''}?`, true))) {
      note('nothing sent');
      return EXIT.ok;
    }
  }

  const settings = smtpSettings();
  const transport = await openTransport(settings, rate ? { ratePerSecond: rate } : {});
  try {
    await transport.verify().catch((cause: { code?: string; message?: string }) => {
      const reason = redact(String(cause.message ?? cause), settings);
      if (cause.code === 'EAUTH') throw inputError(`${settings.label} refused the login: ${reason}`, 'check the user and password in CIRCLE_SMTP_URL; nothing was sent');
      throw inputError(`cannot reach ${settings.label}: ${reason}`, 'check CIRCLE_SMTP_URL and the network; nothing was sent');
    });
    if (options.testTo) return await sendSamples(mailing, request, options.testTo, transport, settings);

    let done = 0;
    const progress = process.stderr.isTTY ? (text: string) => process.stderr.write(`\r${text}`) : undefined;
    const outcomes = await sendMailing(mailing, request, transport, () => {
      done++;
      progress?.(`${paint.dim('sending')} ${done}/${total}`);
    });
    if (progress) process.stderr.write('\n');
    return summarise(outcomes, mailing, options.json ?? false, settings);
  } finally {
    transport.close();
  }
}

async function sendSamples(mailing: Mailing, request: MailingRequest, to: string, transport: Awaited<ReturnType<typeof openTransport>>, settings: { pass?: string }): Promise<number> {
  const samples = (await buildAll(mailing, request, { to, onePerKind: true })).map((b) => b.outgoing);
  let failed = 0;
  for (const outgoing of samples) {
    const info = await transport.sendMail({ envelope: { from: outgoing.from, to: [to] }, raw: Readable.from([outgoing.raw]) }).catch((cause: Error) => {
      failed++;
      note(`${paint.red('failed:')} ${outgoing.kind}: ${scrub(cause.message, settings)}`);
      return undefined;
    });
    if (info) note(`sent a sample ${outgoing.kind} message to ${to}`);
  }
  note('the journal is unchanged: nobody on the roster was mailed');
  return failed ? EXIT.invalid : EXIT.ok;
}

function summarise(outcomes: Awaited<ReturnType<typeof sendMailing>>, mailing: Mailing, json: boolean, settings: { pass?: string }): number {
  const count = (state: Outcome['state']) => outcomes.reduce((n, o) => n + o.report.outcomes.filter((x) => x.outcome.state === state).length, 0);
  const sent = count('sent');
  const failed = count('failed');
  const unconfirmed = count('unconfirmed');
  const deferred = count('deferred');
  const notTried = outcomes.reduce((n, o) => n + o.report.notTried.length, 0);
  const stopped = outcomes.find((o) => o.report.stopped)?.report.stopped;
  const held = heldBack(mailing);
  if (json) {
    printJson(
      outcomes.map(({ circle, report }) => ({
        circle,
        results: report.outcomes.map(({ message, outcome }) => ({ kind: message.kind, to: message.to, state: outcome.state, response: redact(outcome.response, settings) })),
        notTried: report.notTried.map((m) => ({ kind: m.kind, to: m.to })),
        stopped: report.stopped ? { reason: report.stopped.reason, response: redact(report.stopped.response, settings) } : null,
      })),
    );
  }
  for (const { report } of outcomes) {
    for (const { message, outcome } of report.outcomes) {
      if (outcome.state === 'sent') continue;
      const label = outcome.state === 'unconfirmed' ? paint.yellow('unconfirmed') : paint.red(outcome.state);
      note(`${label}: ${message.kind} to ${mask(message.to)}: ${scrub(outcome.response, settings)}`);
    }
  }
  if (stopped) {
    note(paint.red(stopped.reason === 'auth' ? 'stopped: the server refused the login' : 'stopped: the server went away'));
    note('run the same command again to send the rest; nobody who was sent a message gets it twice');
  }
  note(`sent ${sent}, failed ${failed}, unconfirmed ${unconfirmed}, deferred ${deferred}, not tried ${notTried}${held ? `, held back from earlier runs ${held}` : ''}`);
  if (unconfirmed) note('unconfirmed messages may have arrived; check with the people, then use --resend-unconfirmed if needed');
  return failed || unconfirmed || deferred || notTried || held || stopped ? EXIT.invalid : EXIT.ok;
}
