import type { CommandModule, Context, Outcome, Shown } from '../../context.js';
import type { ResolvedCircle } from '../../model/circle.js';

/* A step of `circle run` and what it did; the steps themselves are in steps.ts, in order. */

export interface RunOptions {
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** The circles a run acts on: those not yet over, in order of start; and those over, for their follow-up. */
export interface Due {
  upcoming: ResolvedCircle[];
  ended: ResolvedCircle[];
}

/** What a step did: its result (as its command's --json prints it) and its summary text. */
export interface Done {
  ok: boolean;
  skipped?: string;
  result?: unknown;
  text: string;
}

export interface Step {
  name: string;
  run(o: RunOptions, context: Context, due: Due): Promise<Done>;
}

const textOf = (shown: Shown): string => `${shown.out ?? ''}${shown.err ?? ''}`;

/** A command's run() as a step; `needsPerson` says what else in its result makes the step need one. */
export async function command<O, R extends Outcome>(module: CommandModule<O, R>, options: O, context: Context, needsPerson?: (result: R) => boolean): Promise<Done> {
  const result = await module.run(options, context);
  const text = textOf(module.present(result, { json: false, colour: context.colour, cwd: context.cwd }));
  return { ok: result.ok && !needsPerson?.(result), result: module.json ? module.json(result) : result, text };
}

export const skipped = (reason: string): Done => ({ ok: true, skipped: reason, text: `skipped: ${reason}\n` });
export const scheduled = (due: Due) => due.upcoming.filter(({ circle }) => circle.status !== 'cancelled');
export const ids = (circles: readonly ResolvedCircle[]) => circles.map(({ circle }) => circle.id);
