import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Context, Outcome, Shown, Style } from '../context.js';
import { usageError } from '../errors.js';
import { acquireLock } from '../roster/lock.js';
import { makePrivateFolder } from '../workspace/file-errors.js';
import type { CircleStatus } from '../status/rules.js';
import { workspaceStatus, type WorkspaceStatus } from '../status/workspace.js';
import { loadCircles } from '../workspace/load.js';
import { journalsDir } from '../workspace/paths.js';
import { supposing } from '../workspace/read-once.js';
import { attentionText } from './status/text.js';
import { attempt, type StepReport } from './run/attempt.js';
import type { RunOptions } from './run/step.js';
import { STEPS } from './run/steps.js';

/* `circle run`: whatever is due now, step by step, for a scheduled job; one run at a time per workspace. */

export interface RunResult extends Outcome {
  /** The run's clock, as an ISO instant. */
  at: string;
  dryRun: boolean;
  /** Set when another run held the workspace: this one did nothing. */
  busy?: string;
  steps: StepReport[];
  /** After the steps, what needs a person, by the rules of `circle status`: only the circles that do. */
  attention?: Pick<WorkspaceStatus, 'needsPerson' | 'settings' | 'stale'> & { circles: CircleStatus[] };
}

/** Another run holds the lock: the wait is not taken. */
class Busy extends Error {}

export const runLockFile = (dir: string): string => join(journalsDir(dir), '.run.lock');

/** The steps, then what needs a person once they are done (the mailbox was read by the first step: not again). */
async function steps(o: RunOptions, context: Context): Promise<Pick<RunResult, 'steps' | 'attention'>> {
  const now = context.now();
  const { workspace, circles } = await loadCircles(context.dir);
  const due = { upcoming: circles.filter((c) => c.end.toMillis() > now.getTime()), ended: circles.filter((c) => c.end.toMillis() <= now.getTime()) };
  const reports: StepReport[] = [];
  for (const step of STEPS) reports.push(await attempt(step, o, context, due));
  // Out-of-date calendar files are named here, once, and a folder given to `invites --out` that is gone is forgotten (not by a dry run).
  const status = await workspaceStatus({ dir: context.dir, workspace, all: circles, chosen: circles, env: context.env, now: DateTime.fromJSDate(now), mailbox: false, note: context.events.note, forget: !o.dryRun });
  // A dry run planned from what its steps would have written (offers lapsed, seats given): so is this.
  return { steps: reports, attention: { needsPerson: status.needsPerson, circles: status.circles.filter((c) => c.needsPerson), settings: status.settings, stale: status.stale } };
}

export async function run(o: RunOptions, context: Context): Promise<RunResult> {
  const dryRun = Boolean(o.dryRun);
  if (!dryRun && !o.yes && !context.interactive) {
    throw usageError('circle run sends mail, and off a terminal nobody can confirm it', 'add --yes (in a scheduled job: circle run --yes), or --dry-run to see what is due');
  }
  const at = context.now().toISOString();
  // A dry run writes nothing, so it takes no lock; each step plans from what those before it would have written.
  if (dryRun) return finished(at, true, await supposing(() => steps(o, context)));
  await makePrivateFolder(journalsDir(context.dir));
  const lock = await acquireLock(runLockFile(context.dir), {
    waiting: (owner) => {
      throw new Busy(`another circle run (pid ${owner.pid} on ${owner.host}, since ${owner.since}) is still going: this one did nothing`);
    },
    recovered: (owner) => context.events.note(`recovered the run lock left by a run that stopped (pid ${owner.pid || 'unknown'}, since ${owner.since})`),
  }).catch((cause: unknown) => {
    if (cause instanceof Busy) return cause.message;
    throw cause;
  });
  if (typeof lock === 'string') return { ok: true, at, dryRun, busy: lock, steps: [] };
  try {
    return finished(at, false, await steps(o, context));
  } finally {
    await lock.release();
  }
}

/** Exit 1 when a step needs a person, or anything else does once the steps are done. */
const finished = (at: string, dryRun: boolean, done: Pick<RunResult, 'steps' | 'attention'>): RunResult => ({
  ok: done.steps.every((r) => r.ok) && !done.attention?.needsPerson,
  at,
  dryRun,
  ...done,
});

/** All on stderr, one block per step, so that a log shows each run whole; stdout stays for --json. */
export function present(result: RunResult, style: Style): Shown {
  if (result.busy) return { err: `${result.busy}\n` };
  const head = `circle run at ${result.at}${result.dryRun ? ' (dry run: nothing sent, nothing written)' : ''}\n`;
  const blocks = result.steps.map((r) => `${style.colour.err.bold(`== ${r.step}${r.ok ? '' : ' (needs a person)'}`)}\n${r.text}`);
  const attention = result.attention?.needsPerson ? [`${style.colour.err.bold('== needs a person')}\n${attentionText({ ...result.attention, mailbox: null }, style.colour.err)}`] : [];
  return { err: [head, ...blocks, ...attention].join('\n') };
}

/** --json: each step's result, as that command's --json prints it. */
export const json = ({ ok, at, dryRun, busy, steps: reports, attention }: RunResult) => ({
  ok,
  at,
  dryRun,
  ...(busy ? { busy } : {}),
  steps: reports.map(({ text: _text, ...report }) => report),
  ...(attention ? { attention } : {}),
});
