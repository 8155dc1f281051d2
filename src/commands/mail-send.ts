import type { Events } from '../context.js';
import { inputError } from '../errors.js';
import { Refused, refused } from '../failure.js';
import { rateLimiter } from '../mail/deliver.js';
import type { Mailing, MailingRequest } from '../mail/mailing.js';
import { sendMailing, type Unsettled } from '../mail/sending.js';
import { redact, type SmtpSettings } from '../mail/smtp-settings.js';
import { runCounts, runResults, unsentMessages } from '../mail/summary.js';
import { openTransport, type PooledTransport } from '../mail/transport.js';
import type { LockEvents } from '../roster/lock.js';
import type { MailRun } from './mail-results.js';

/** What the organiser sees while another mail run holds a circle's journal. */
export const lockEvents = (events: Events): LockEvents => ({
  waiting: (owner, waited) =>
    events.note(waited < 1000 ? `waiting for another mail run (pid ${owner.pid} on ${owner.host}) to finish with this circle…` : `still waiting (${Math.round(waited / 1000)} s): the other mail run is still sending`),
  recovered: (owner) => events.note(`recovered a mail lock left by a run that stopped (pid ${owner.pid || 'unknown'}, since ${owner.since})`),
});

/** A transport whose server answered: a refused login or no server at all stops the run before anything is recorded. */
export async function verified(settings: SmtpSettings): Promise<PooledTransport> {
  const transport = await openTransport(settings);
  await transport.verify().catch((cause: { code?: string; message?: string }) => {
    transport.close();
    const reason = redact(String(cause.message ?? cause), settings);
    if (cause.code === 'EAUTH') throw inputError(`${settings.label} refused the login: ${reason}`, 'check the user and password in CIRCLE_SMTP_URL; nothing was sent');
    throw inputError(`cannot reach ${settings.label}: ${reason}`, 'check CIRCLE_SMTP_URL and the network; nothing was sent');
  });
  return transport;
}

/** The error that stopped clearing the marks, with where the mail stands; a bug stays a bug. */
function unsettledError({ circle, sent, error }: Unsettled): unknown {
  const more = `\n${circle}: sent ${sent}, all recorded in the journal; the "owed a seat email" marks of those told are cleared by the next run`;
  if (error instanceof Refused) return refused(error.failure.kind, `${error.failure.message}${more}`, error.failure.hint);
  return error;
}

/** Sends what the plan owes, with progress; says what went. */
export async function send(
  mailing: Mailing,
  request: MailingRequest,
  transport: PooledTransport,
  run: { total: number; settings: SmtpSettings; events: Events; rate: number | undefined },
): Promise<MailRun> {
  let done = 0;
  const { outcomes, unsettled } = await sendMailing(mailing, request, transport, {
    onOutcome: () => run.events.progress(`sending ${++done}/${run.total}`),
    events: lockEvents(run.events),
    ...(run.rate ? { pace: rateLimiter({ perSecond: run.rate }) } : {}),
  });
  if (unsettled) throw unsettledError(unsettled);
  const counts = runCounts(outcomes, mailing);
  return { ok: counts.done, mode: 'sent', results: runResults(outcomes, run.settings), counts, unsent: unsentMessages(outcomes, mailing, run.settings) };
}
