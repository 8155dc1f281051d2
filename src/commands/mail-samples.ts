import { Readable } from 'node:stream';
import { EXIT } from '../errors.js';
import { buildMessages, type CirclePlan, type Mailing, type MailingRequest } from '../mail/mailing.js';
import { pickSamples, type Sample } from '../mail/samples.js';
import type { MailTransport } from '../mail/deliver.js';
import { LANGUAGES, type Language } from '../model/schema.js';
import { circleText } from '../templates/local-text.js';
import { note, paint, printJson, warn } from '../ui/terminal.js';
import { scrub } from '../mail/address.js';

/** `--test-to`: one sample of each kind the plan holds, in `--lang` or else in every language. */
export function samplesOf(mailing: Mailing, lang: Language | undefined): Sample<CirclePlan>[] {
  return pickSamples(
    mailing.circles.map((circle) => ({ circle, send: circle.plan.send })),
    lang ? [lang] : LANGUAGES,
  );
}

/** A sample in another language than the circle's shows the circle's own title where no translation gives it. */
function warnUntranslated(samples: readonly Sample<CirclePlan>[]): void {
  const warned = new Set<string>();
  for (const { circle, message } of samples) {
    const { circle: c, file } = circle.resolved;
    const lang = message.signup.language;
    const id = `${c.id} ${lang}`;
    if (warned.has(id) || !circleText(c, lang, file).missing.some((m) => m.field.endsWith('.title'))) continue;
    warned.add(id);
    warn(`${c.id} has no translations.${lang}.title: the ${lang} samples show the ${c.language} title`);
  }
}

/** Sends the samples to `to` only; the journal is not touched. */
export async function sendSamples(
  mailing: Mailing,
  request: MailingRequest,
  samples: readonly Sample<CirclePlan>[],
  options: { to: string; json: boolean; transport: MailTransport; settings: { pass?: string } },
): Promise<number> {
  const { to, transport, settings } = options;
  warnUntranslated(samples);
  const results = [];
  for (const { circle, message, outgoing } of await buildMessages(mailing, request, samples, to)) {
    const language = message.signup.language;
    const result = await transport
      .sendMail({ envelope: { from: outgoing.from, to: [to] }, raw: Readable.from([outgoing.raw]) })
      .then((info) => ({ state: 'sent' as const, response: scrub(info.response, settings) }))
      .catch((cause: Error) => ({ state: 'failed' as const, response: scrub(cause.message, settings) }));
    results.push({ circle, kind: message.kind, language, to, ...result });
    if (result.state === 'sent') note(`sent a sample ${message.kind} message in ${language} to ${to}`);
    else note(`${paint.red('failed:')} ${message.kind} in ${language}: ${result.response}`);
  }
  if (options.json) printJson(results);
  note('the journal is unchanged: nobody on the roster was mailed');
  return results.some((r) => r.state === 'failed') ? EXIT.invalid : EXIT.ok;
}
