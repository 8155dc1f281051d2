import type { Context, Shown, Style } from '../../context.js';
import { inputError, usageError } from '../../errors.js';
import { journalIds } from '../../mail/journal-rewrite.js';
import { cleanEmail } from '../../model/email.js';
import { filesHolding } from '../../roster/erase.js';
import { erasureRemark } from '../../roster/remarks.js';
import { rosterIds } from '../../roster/store.js';
import { loadCircles } from '../../workspace/load.js';
import { clearParseCache } from '../../workspace/parse-cache.js';
import { presentChange, promotedLines, seatsLine, type Changed } from './change-text.js';
import { circleById } from './circles.js';
import { eraseIn, type Erased } from './erase-in.js';
import { promotions, stepsAfter } from './next-steps.js';

export interface RemoveOptions {
  dryRun?: boolean;
  all?: boolean;
  args: [string] | [string, string];
}

export interface RemoveResult extends Changed {
  email: string;
  /** The circles where something was erased or kept. */
  done: Erased[];
  remark?: string;
}

/**
 * `circle signups remove`, erasure on request: the person's signups and mail journal records in one
 * circle, or with --all in every circle of the workspace; anonymous notes and counts stay. While the
 * journal shows an invitation still in their calendar, the record the cancellation goes by is kept
 * whole until `invites send` has sent it (said, with the command that finishes the erasure). Then
 * every file of the workspace that still holds the address is named.
 */
export async function run(options: RemoveOptions, context: Context): Promise<RemoveResult> {
  const [first, second] = options.args;
  if (options.all && second !== undefined) throw usageError('--all takes only the email', `circle signups remove --all ${second}`);
  if (second === undefined && !options.all) throw usageError('name the circle and the email, or pass --all', `circle signups remove --all ${first}`);
  const email = cleanEmail(second ?? first);
  const { dir } = context;
  const dryRun = Boolean(options.dryRun);
  const { circles } = await loadCircles(dir);
  const ids = options.all ? [...new Set([...(await rosterIds(dir)), ...(await journalIds(dir))])].sort() : [(await circleById(dir, first)).circle.circle.id];
  const results: Erased[] = [];
  for (const id of ids) results.push(await eraseIn(email, id, circles, dryRun, context));
  const done = results.filter((r) => r.roster || r.journal.erased || r.journal.kept);
  if (done.length === 0) {
    if (options.all) throw inputError(`${email} is on no roster and in no mail journal of this workspace`, 'check the address against circle signups list <id>');
    throw inputError(`${email} is not on the roster of ${first}`, `see who is: circle signups list ${first}`);
  }
  if (dryRun) return { ok: true, dryRun, next: [], email, done };
  // Where else the address is, besides what is said to be kept.
  const kept = new Set(done.filter((r) => r.journal.kept).map((r) => `journals/${r.id}.jsonl`));
  const remaining = (await filesHolding(dir, email)).filter((file) => !kept.has(file));
  const changes = done.map((r) => ({ circle: r.id, cancelled: circles.find((c) => c.circle.id === r.id)?.circle.status === 'cancelled', ...promotions(r.roster?.promoted ?? []), left: r.roster?.removed ?? [] }));
  const next = await stepsAfter(context, changes);
  // Last, after every read that kept a parsed copy: the cache keeps nothing of the person.
  clearParseCache(dir);
  return { ok: true, dryRun, next, email, done, remark: erasureRemark(email, remaining) };
}

export function present(result: RemoveResult, style: Style): Shown {
  const { email } = result;
  const lines: string[] = [];
  for (const { id, roster, capacity, journal } of result.done) {
    if (roster) {
      const n = roster.removed.length;
      lines.push(`erased ${n} signup${n === 1 ? '' : 's'} of ${email} from ${id}; an anonymous note stays`, ...promotedLines(roster.promoted, id), seatsLine(roster.roster, capacity));
    }
    if (journal.erased) lines.push(`erased ${journal.erased} mail journal record${journal.erased === 1 ? '' : 's'} of ${email} in ${id}; anonymous counts stay`);
    if (journal.kept) {
      lines.push(`kept ${email} in journals/${id}.jsonl until the calendar cancellation goes (their invitation is still in their calendar): run \`circle invites send ${id}\`, then \`circle signups remove ${id} ${email}\` again to erase the rest`);
    }
  }
  return presentChange(result, lines, style, result.remark);
}
