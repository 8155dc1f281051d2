import type { Context } from '../../context.js';
import { CircleError } from '../../errors.js';
import { Refused } from '../../failure.js';
import type { Done, RunOptions, Step } from './step.js';

/** One step's report in a run: its name, what it did, and the error that stopped it. */
export interface StepReport extends Done {
  step: string;
  error?: { message: string; hint?: string };
}

/** A step that fails for a reason a person can fix is reported, and the next steps still run. */
export async function attempt(step: Step, o: RunOptions, context: Context, due: Parameters<Step['run']>[2]): Promise<StepReport> {
  const notes: string[] = [];
  // Off a terminal the step's plan lines belong in its block (a log shows each step whole); on a
  // terminal they are shown at once, before the step asks to send. Warnings are always shown at once.
  const events = context.interactive ? context.events : { ...context.events, note: (text: string) => void notes.push(text) };
  const withNotes = (done: Done): StepReport => ({ step: step.name, ...done, text: `${notes.map((n) => `${n}\n`).join('')}${done.text}` });
  try {
    return withNotes(await step.run(o, { ...context, events }, due));
  } catch (cause) {
    const failed = cause instanceof Refused ? cause.failure : cause instanceof CircleError ? { message: cause.message, ...(cause.hint ? { hint: cause.hint } : {}) } : undefined;
    if (!failed) throw cause;
    return withNotes({ ok: false, text: `error: ${failed.message}\n${failed.hint ? `  ${failed.hint}\n` : ''}` });
  }
}

