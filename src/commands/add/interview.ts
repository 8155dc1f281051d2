import { isCancelled } from '../../errors.js';
import { renderCircleYaml } from '../../model/circle-yaml.js';
import { answerErrors, circleDraft, inFileForm, type CircleAnswers } from '../../model/draft.js';
import type { CircleInput } from '../../model/schema.js';
import { fieldName } from '../../validate/problem.js';
import type { InterviewContext, Question } from './ask.js';
import { addCommandLine } from './command-line.js';
import { questions } from './questions.js';

export interface ConversationOptions {
  /** Show the file and let the person write it, change a field or quit (not with --yes or --dry-run). */
  review: boolean;
  /** The workspace as given with -C, for the command line printed on leaving. */
  dir: string;
  /** The file's path as shown to the person. */
  shownPath: (id: string) => string;
}

/** The answers to write, or the command line that writes them later when the person quit. */
export type Agreed = { answers: CircleAnswers } | { quit: string };

type Action = 'write' | 'change' | 'quit';
const ACTIONS: Array<{ value: Action; name: string }> = [
  { value: 'write', name: 'Write it' },
  { value: 'change', name: 'Change a field' },
  { value: 'quit', name: 'Quit: write nothing, print the command that writes it' },
];

async function change(all: Question[], a: CircleAnswers, context: InterviewContext): Promise<void> {
  const label = await context.prompter.choose('Change which field?', all.map((q) => ({ value: q.label, name: q.label })));
  const question = all.find((q) => q.label === label);
  for (const q of [question, ...(question?.then ?? []).map((then) => all.find((other) => other.label === then))]) await q?.ask(a);
}

/** Shows the file and asks what to do until the person writes it or quits. */
async function review(all: Question[], a: CircleAnswers, context: InterviewContext, options: ConversationOptions): Promise<Agreed> {
  for (;;) {
    const defaults = context.defaults(a);
    const draft = circleDraft(a, defaults);
    // Each answer was checked as it was given; a change can still upset another field, e.g. a later start.
    const errors = answerErrors(a, defaults, context.series).map((f) => `${fieldName(f.path) || 'circle'}: ${f.message}${f.hint ? ` (${f.hint})` : ''}`);
    context.note(`\n${renderCircleYaml(draft as CircleInput)}`);
    for (const error of errors) context.note(`  error: ${error}`);
    const action = errors.length
      ? await context.prompter.choose('Fix it?', ACTIONS.slice(1), 'change')
      : await context.prompter.choose(`Write ${options.shownPath(String(draft.id))}?`, ACTIONS, 'write');
    if (action === 'write') return { answers: a };
    if (action === 'quit') return { quit: addCommandLine({ ...a, series: a.series ?? defaults.series }, options.dir) };
    await change(all, a, context);
  }
}

/**
 * Asks for every field the flags did not give, in the order of the file, then (with `review`) shows
 * the file until the person writes it or quits. On Ctrl-C it tells the command line of the answers
 * so far, so nothing has to be typed again.
 */
export async function converse(given: CircleAnswers, context: InterviewContext, options: ConversationOptions): Promise<Agreed> {
  const a = inFileForm(given);
  const all = questions(context);
  try {
    for (const question of all) if (!question.given(a)) await question.ask(a);
    return options.review ? await review(all, a, context, options) : { answers: a };
  } catch (cause) {
    const sofar = addCommandLine(a, options.dir);
    if (isCancelled(cause) && sofar !== addCommandLine(inFileForm(given), options.dir)) context.note(`\ncancelled; to go on from here later, run:\n  ${sofar}`);
    throw cause;
  }
}
