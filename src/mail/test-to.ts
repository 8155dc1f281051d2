import { Readable } from 'node:stream';
import { LANGUAGES, type Language } from '../model/schema.js';
import { circleText } from '../templates/local-text.js';
import { scrub } from './address.js';
import type { MailTransport } from './deliver.js';
import type { CirclePlan, Mailing, MailingRequest } from './mailing.js';
import { buildMessages } from './previews.js';
import type { MessageKind } from './kinds.js';
import { pickSamples, type Sample } from './samples.js';

/*
 * `--test-to`: samples of the plan's messages sent to the organiser's own address, the journal untouched.
 */

/** One sample of each kind the plan holds, in `lang` or else in every language. */
export function samplesOf(mailing: Mailing, lang: Language | undefined): Sample<CirclePlan>[] {
  return pickSamples(
    mailing.circles.map((circle) => ({ circle, send: circle.plan.send })),
    lang ? [lang] : LANGUAGES,
  );
}

/** A sample in another language than the circle's shows the circle's own title where no translation gives it: one warning per circle and language. */
export function untranslated(samples: readonly Sample<CirclePlan>[]): string[] {
  const warned = new Map<string, string>();
  for (const { circle, message } of samples) {
    const { circle: c, file } = circle.resolved;
    const lang = message.signup.language;
    const id = `${c.id} ${lang}`;
    if (warned.has(id) || !circleText(c, lang, file).missing.some((m) => m.field.endsWith('.title'))) continue;
    warned.set(id, `${c.id} has no translations.${lang}.title: the ${lang} samples show the ${c.language} title`);
  }
  return [...warned.values()];
}

export interface SampleResult {
  circle: string;
  kind: MessageKind;
  language: Language;
  to: string;
  state: 'sent' | 'failed';
  response: string;
}

/** Sends the samples to `to` only, one after the other; the server's answers never show the password. */
export async function sendSamples(
  mailing: Mailing,
  request: MailingRequest,
  samples: readonly Sample<CirclePlan>[],
  options: { to: string; transport: MailTransport; settings: { pass?: string } },
): Promise<SampleResult[]> {
  const { to, transport, settings } = options;
  const results: SampleResult[] = [];
  for (const { circle, message, outgoing } of await buildMessages(mailing, request, samples, to)) {
    const result = await transport
      .sendMail({ envelope: { from: outgoing.from, to: [to] }, raw: Readable.from([outgoing.raw]) })
      .then((info) => ({ state: 'sent' as const, response: scrub(info.response, settings) }))
      .catch((cause: Error) => ({ state: 'failed' as const, response: scrub(cause.message, settings) }));
    results.push({ circle, kind: message.kind, language: message.signup.language, to, ...result });
  }
  return results;
}
