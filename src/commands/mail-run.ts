import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { inputError } from '../errors.js';
import { unwrap } from '../failure.js';
import type { MailCommand } from '../mail/kinds.js';
import { loadMailing } from '../mail/loading.js';
import { planMailing, type MailingRequest, type Planner } from '../mail/mailing.js';
import { writePreviews } from '../mail/previews.js';
import { settleMailing } from '../mail/sending.js';
import { supposeSent } from '../mail/supposed-sent.js';
import { checkSamples, parseRate } from '../mail/run-options.js';
import { smtpSettings } from '../mail/smtp-settings.js';
import { bouncedBack, describePlan, heldBack, messageRow, plannedCount, plannedRows, unsentResults, withoutSender } from '../mail/summary.js';
import { samplesOf, sendSamples, untranslated } from '../mail/test-to.js';
import type { Language } from '../model/schema.js';
import { exampleSender } from '../validate/senders.js';
import { missingSecretWarning } from '../mail/leave-links.js';
import type { MailRun } from './mail-results.js';
import { lockEvents, send, verified } from './mail-send.js';

/** The options every mail command shares. */
export interface MailOptions {
  ids: string[];
  all?: boolean;
  dryRun?: boolean;
  preview?: string;
  testTo?: string;
  /** The language of the --test-to samples (default: each language). */
  lang?: Language;
  resendUnconfirmed?: boolean;
  retryFailed?: boolean;
  retryBounced?: boolean;
  rate?: string;
  yes?: boolean;
  json?: boolean;
}

export interface MailWhat {
  command: MailCommand;
  planner: Planner;
  invitations: boolean;
}

/** Plans, then lists, previews, samples or sends: the shared flow of waitlist notify, invites send and followup. */
export async function runMail(options: MailOptions, what: MailWhat, context: Context): Promise<MailRun> {
  const rate = unwrap(parseRate(options.rate));
  unwrap(checkSamples(options.testTo, options.lang));
  const request: MailingRequest = {
    dir: context.dir,
    ids: options.ids,
    all: options.all ?? false,
    ...what,
    now: DateTime.fromJSDate(context.now()),
    env: context.env,
    ...(options.resendUnconfirmed ? { resendUnconfirmed: true } : {}),
    ...(options.retryFailed ? { retryFailed: true } : {}),
    ...(options.retryBounced ? { retryBounced: true } : {}),
    ...(options.dryRun ? { listOnly: true } : {}),
  };
  const mailing = unwrap(planMailing(await loadMailing(request), request));
  for (const line of describePlan(mailing)) context.events.note(line);

  if (options.dryRun) {
    await supposeSent(mailing, context.dir);
    return { ok: true, mode: 'list', rows: plannedRows(mailing), withoutSender: withoutSender(mailing) };
  }
  const noSecret = missingSecretWarning(mailing, context.env);
  if (noSecret) context.events.warn(noSecret);
  if (options.preview !== undefined) {
    const written = await writePreviews(mailing, request, options.preview);
    return { ok: true, mode: 'preview', written: written.map(({ circle, message, file }) => ({ ...messageRow(circle, message), file })) };
  }
  const samples = options.testTo ? samplesOf(mailing, options.lang) : [];
  const unsent = (said: 'nothing to send' | 'nothing sent') => ({ mode: 'unsent' as const, said, results: options.testTo ? [] : unsentResults(mailing) });
  const total = plannedCount(mailing);
  if (total === 0) {
    // A crashed run may have sent seat emails without clearing their marks: settled here too.
    await settleMailing(mailing, request, lockEvents(context.events));
    return { ok: heldBack(mailing) + bouncedBack(mailing) === 0, ...unsent('nothing to send') };
  }
  if (context.interactive && !options.yes) {
    const count = options.testTo ? `${samples.length} sample${samples.length === 1 ? '' : 's'} to ${options.testTo}` : `${total} message${total === 1 ? '' : 's'}`;
    if (!(await context.prompter.askYesNo(`Send ${count}?`, true))) return { ok: true, ...unsent('nothing sent') };
  }

  const settings = unwrap(smtpSettings(context.env));
  const refusal = exampleSender(mailing.circles, settings.host, context.dir);
  if (refusal) throw inputError(refusal.message, refusal.hint);
  const transport = await verified(settings);
  try {
    if (options.testTo) {
      const results = await sendSamples(mailing, request, samples, { to: options.testTo, transport, settings });
      return { ok: !results.some((r) => r.state === 'failed'), mode: 'samples', untranslated: untranslated(samples), results };
    }
    return await send(mailing, request, transport, { total, settings, events: context.events, rate });
  } finally {
    transport.close();
  }
}
