import type { Language } from '../model/schema.js';
import type { WantedMessage } from './messages.js';

export interface Sample<C> {
  circle: C;
  message: WantedMessage;
}

/**
 * What --test-to sends: one message of each kind the plan holds, in each language asked for,
 * kinds in the order they first come. Each is written as its person would get it had they chosen
 * that language; where someone of that kind did choose it, their message is the sample.
 */
export function pickSamples<C>(plans: ReadonlyArray<{ circle: C; send: readonly WantedMessage[] }>, langs: readonly Language[]): Sample<C>[] {
  // Per kind: its first message, and the first of those whose person chose each language.
  const kinds = new Map<string, { first: Sample<C>; byLang: Map<Language, Sample<C>> }>();
  for (const { circle, send } of plans) {
    for (const message of send) {
      let kind = kinds.get(message.kind);
      if (!kind) kinds.set(message.kind, (kind = { first: { circle, message }, byLang: new Map() }));
      if (!kind.byLang.has(message.signup.language)) kind.byLang.set(message.signup.language, { circle, message });
    }
  }
  return [...kinds.values()].flatMap(({ first, byLang }) =>
    langs.map((lang) => {
      const { circle, message } = byLang.get(lang) ?? first;
      return { circle, message: { ...message, signup: { ...message.signup, language: lang } } };
    }),
  );
}
