import type { Context, Outcome, Shown, Style } from '../context.js';
import { decide } from '../inbox/decide.js';
import { inboxLockFile, openHandled } from '../inbox/handled-file.js';
import { readInbox } from '../inbox/read.js';
import { acquireLock } from '../roster/lock.js';
import { makePrivateFolder } from '../workspace/file-errors.js';
import { journalsDir } from '../workspace/paths.js';
import { act, type Acted } from './inbox/act.js';
import { applier } from './inbox/apply.js';
import { openSource } from './inbox/source.js';
import { presentInbox } from './inbox/summary.js';
import { loadInbox } from './inbox/workspace.js';
import { stepsAfter, type NextStep } from './signups/next-steps.js';

/* `circle inbox`: replies, leave requests and bounces from the organiser's mailbox update the rosters and journals. */

export interface InboxOptions {
  from?: string;
  moveTo?: string;
  dryRun?: boolean;
  json?: boolean;
}

export interface InboxResult extends Outcome {
  /** The mailbox, with no password in it. */
  source: string;
  dryRun: boolean;
  /** Messages read that earlier runs had not handled. */
  read: number;
  /** Messages skipped because an earlier run handled their Message-ID. */
  handledBefore: number;
  actions: Acted[];
  next: NextStep[];
}

/** The mail now owed in each circle where a seat was cancelled: the promoted, and the cancellation. */
async function nextAfter(context: Context, acted: readonly Acted[], cancelledCircles: ReadonlySet<string>): Promise<NextStep[]> {
  const byCircle = new Map<string, { promoted: number; offered: number; left: Array<{ email: string; signedUp: string }> }>();
  for (const action of acted) {
    if (action.type !== 'cancel' || action.unchanged) continue;
    const facts = byCircle.get(action.signup.circle) ?? { promoted: 0, offered: 0, left: [] };
    const offered = (action.promoted ?? []).filter((p) => p.offered).length;
    facts.promoted += (action.promoted?.length ?? 0) - offered;
    facts.offered += offered;
    facts.left.push(action.signup);
    byCircle.set(action.signup.circle, facts);
  }
  return stepsAfter(context, [...byCircle].map(([circle, facts]) => ({ circle, cancelled: cancelledCircles.has(circle), ...facts })));
}

/** Every message read gets the keyword; those left for a person stay where the organiser reads mail (no --move-to). */
function marks(before: readonly string[], acted: readonly Acted[]): [string[], string[]] {
  const forPerson = new Set(acted.filter((action) => action.type === 'list').map((action) => action.source));
  const all = [...before, ...new Set(acted.map((action) => action.source))];
  return [all, all.filter((key) => !forPerson.has(key))];
}

export async function run(o: InboxOptions, context: Context): Promise<InboxResult> {
  const dryRun = Boolean(o.dryRun);
  const { dir, events } = context;
  // One run at a time acts on a mailbox; a dry run changes nothing, so it takes no lock.
  if (!dryRun) await makePrivateFolder(journalsDir(dir));
  const lock = dryRun
    ? undefined
    : await acquireLock(inboxLockFile(dir), {
        waiting: (owner) => events.note(`waiting for another circle inbox (pid ${owner.pid} on ${owner.host}) to finish…`),
        recovered: (owner) => events.note(`recovered the inbox lock left by a run that stopped (pid ${owner.pid || 'unknown'}, since ${owner.since}): carrying on where it stopped`),
      });
  try {
    const { workspace, circles } = await loadInbox(dir, context.env.CIRCLE_SECRET);
    const source = await openSource(o, context);
    try {
      const read = await readInbox(source, workspace.circles, workspace.handled);
      const actions = decide(read.messages, workspace);
      const handled = dryRun ? undefined : await openHandled(dir);
      const acted = await act(actions, applier(context, circles, new Map(workspace.rosters), dryRun), handled, () => context.now()).finally(() => handled?.close());
      if (!dryRun) await source.handled(...marks(read.alreadyHandled, acted));
      const cancelled = new Set(workspace.circles.filter((circle) => circle.cancelled).map((circle) => circle.id));
      const next = dryRun ? [] : await nextAfter(context, acted, cancelled);
      return { ok: true, source: source.label, dryRun, read: read.messages.length, handledBefore: read.alreadyHandled.length, actions: acted, next };
    } finally {
      await source.close();
    }
  } finally {
    await lock?.release();
  }
}

export const present = (result: InboxResult, style: Style): Shown => presentInbox(result, style);

/** --json: the run and its actions, as documented. */
export const json = ({ ok: _ok, ...result }: InboxResult) => result;
