import type { DateTime } from 'luxon';
import type { Prompter } from '../../context.js';
import { fieldCheck, type CircleAnswers, type DraftDefaults } from '../../model/draft.js';
import type { Series } from '../../model/schema.js';
import { resolveZone } from '../../model/time.js';

/** What the questions of `circle add` know of the workspace, and how they talk to the person. */
export interface InterviewContext {
  series: ReadonlyMap<string, Series>;
  defaults: (answers: CircleAnswers) => DraftDefaults;
  exists: (id: string) => boolean;
  prompter: Prompter;
  /** A line for the person while they answer (an echo, the items so far). */
  note: (text: string) => void;
  now: () => DateTime;
}

/** One question of `circle add`: asked when no flag answered it, and again when the person changes that field. */
export interface Question {
  /** Its name in the list of fields to change. */
  label: string;
  /** Answered already, by a flag: the interview does not ask it. */
  given: (a: CircleAnswers) => boolean;
  /** Asks, offering the answer so far as the default, and keeps the answer in `a`. */
  ask: (a: CircleAnswers) => Promise<void>;
  /** Questions whose defaults come from this answer: asked again after it changes. */
  then?: string[];
}

type TextKey = { [K in keyof CircleAnswers]-?: CircleAnswers[K] extends string | undefined ? K : never }[keyof CircleAnswers];
type ListKey = 'topic' | 'esTopic' | 'enTopic';

export const blank = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The ways of asking that the questions share; each answer is checked with the rules of `circle validate` as it is given. */
export function asking(context: InterviewContext) {
  const check = (a: CircleAnswers, field: string, change: CircleAnswers) => fieldCheck(context.series, context.defaults(a), field)({ ...a, ...change });
  const askText = async (a: CircleAnswers, key: TextKey, field: string, message: string, options: { required?: boolean; default?: string } = {}) => {
    const answer = await context.prompter.ask(message, {
      default: a[key] ?? options.default,
      validate: (value) => (options.required && blank(value) === undefined ? 'required' : check(a, field, { [key]: blank(value) })),
    });
    a[key] = answer === '' ? undefined : answer;
  };
  const text = (label: string, key: TextKey, field: string, options: { required?: boolean; default?: (a: CircleAnswers) => string | undefined; message?: string } = {}): Question => ({
    label,
    given: (a) => a[key] !== undefined,
    ask: (a) => askText(a, key, field, options.message ?? label, { required: options.required, default: options.default?.(a) }),
  });
  // Lists are asked again from the first item; the ones so far are shown to copy from.
  const askItems = async (a: CircleAnswers, key: ListKey, message: string) => {
    if (a[key]?.length) context.note(`  so far: ${a[key].join('; ')}`);
    a[key] = await context.prompter.askList(message);
  };
  const zoneOf = (a: CircleAnswers) => resolveZone(a.timezone ?? context.defaults(a).timezone ?? '');
  const echo = (line: string | undefined) => {
    if (line) context.note(`  → ${line}`);
  };
  return { check, askText, text, askItems, zoneOf, echo };
}
