import { isCancelled } from '../errors.js';
import { renderCircleYaml } from '../model/circle-yaml.js';
import type { CircleInput } from '../model/schema.js';
import { choose } from '../ui/prompt.js';
import { note } from '../ui/terminal.js';
import { fieldName } from '../validate/problem.js';
import { addCommandLine } from './add-command-line.js';
import { answerErrors, circleDraft, inFileForm, type CircleAnswers } from '../model/draft.js';
import { questions, type InterviewContext, type Question } from './add-questions.js';

export interface ConversationOptions {
  /** Show the file and let the person write it, change a field or quit (not with --yes or --dry-run). */
  review: boolean;
  /** The workspace as given with -C, for the command line printed on leaving. */
  dir: string;
  /** The file's path as shown to the person. */
  shownPath: (id: string) => string;
}

type Action = 'write' | 'change' | 'quit';
const ACTIONS: Array<{ value: Action; name: string }> = [
  { value: 'write', name: 'Write it' },
  { value: 'change', name: 'Change a field' },
  { value: 'quit', name: 'Quit: write nothing, print the command that writes it' },
];

async function change(all: Question[], a: CircleAnswers): Promise<void> {
  const label = await choose('Change which field?', all.map((q) => ({ value: q.label, name: q.label })));
  const question = all.find((q) => q.label === label);
  for (const q of [question, ...(question?.then ?? []).map((then) => all.find((other) => other.label === then))]) await q?.ask(a);
}

/** Shows the file and asks what to do until the person writes it (true) or quits (false). */
async function review(all: Question[], a: CircleAnswers, context: InterviewContext, options: ConversationOptions): Promise<boolean> {
  for (;;) {
    const defaults = context.defaults(a);
    const draft = circleDraft(a, defaults);
    // Each answer was checked as it was given; a change can still upset another field, e.g. a later start.
    const errors = answerErrors(a, defaults, context.series).map((f) => `${fieldName(f.path) || 'circle'}: ${f.message}${f.hint ? ` (${f.hint})` : ''}`);
    note(`\n${renderCircleYaml(draft as CircleInput)}`);
    for (const error of errors) note(`  error: ${error}`);
    const action = errors.length
      ? await choose('Fix it?', ACTIONS.slice(1), 'change')
      : await choose(`Write ${options.shownPath(String(draft.id))}?`, ACTIONS, 'write');
    if (action === 'write') return true;
    if (action === 'quit') {
      note('nothing written; this command writes it without asking:');
      process.stdout.write(`${addCommandLine({ ...a, series: a.series ?? defaults.series }, options.dir)}\n`);
      return false;
    }
    await change(all, a);
  }
}

/**
 * Asks for every field the flags did not give, in the order of the file, then (with `review`) shows
 * the file until the person writes it. Returns the answers to write, or undefined when the person quit.
 * On Ctrl-C it prints the command line of the answers so far, so nothing has to be typed again.
 */
export async function converse(given: CircleAnswers, context: InterviewContext, options: ConversationOptions): Promise<CircleAnswers | undefined> {
  const a = inFileForm(given);
  const all = questions(context);
  try {
    for (const question of all) if (!question.given(a)) await question.ask(a);
    if (options.review && !(await review(all, a, context, options))) return undefined;
    return a;
  } catch (cause) {
    const sofar = addCommandLine(a, options.dir);
    if (isCancelled(cause) && sofar !== addCommandLine(inFileForm(given), options.dir)) note(`\ncancelled; to go on from here later, run:\n  ${sofar}`);
    throw cause;
  }
}
