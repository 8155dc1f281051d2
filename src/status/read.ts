import { relative } from 'node:path';
import type { DateTime } from 'luxon';
import { Refused } from '../failure.js';
import { preparePublishing } from '../invites/publish.js';
import type { ResolvedCircle } from '../model/circle.js';
import { readJournal } from '../mail/journal.js';
import { rosterError } from '../roster/checks.js';
import { readRoster } from '../roster/store.js';
import { statusCounts, type Roster } from '../roster/types.js';
import { FileError } from '../workspace/file-errors.js';
import { journalFile } from '../workspace/paths.js';
import { circleMail, type CircleMail } from './mail.js';
import { circleNeedsPerson, nextReminder, offersIn, pastScheduled, placeholdersIn, type CircleStatus } from './rules.js';

/* The edge of `circle status`: reads rosters, journals and the published state, takes no lock, writes nothing. */

const DAMAGED = 'run `circle validate` to see every problem, and fix the roster';

/** The roster, or why its mail cannot be planned: one the mail commands would refuse is not read further. */
async function rosterOf(dir: string, resolved: ResolvedCircle): Promise<{ roster: Roster } | { problem: { message: string; hint: string } }> {
  try {
    const roster = await readRoster(dir, resolved.circle.id);
    const error = rosterError(roster, resolved.circle.id, resolved.circle.capacity);
    return error ? { problem: { message: `the roster of ${resolved.circle.id} fails its checks: ${error.message}`, hint: DAMAGED } } : { roster };
  } catch (cause) {
    // One the system will not let us read (permission denied) is that error, with its fix.
    if (cause instanceof Refused && !(cause instanceof FileError)) return { problem: { message: cause.message, hint: cause.failure.hint ?? DAMAGED } };
    throw cause;
  }
}

/** The status of each chosen circle, `all` being every circle of the workspace (for the published state). */
export async function circleStatuses(dir: string, all: readonly ResolvedCircle[], chosen: readonly ResolvedCircle[], now: DateTime): Promise<CircleStatus[]> {
  const publishing = await preparePublishing(dir, all, chosen, now);
  const statuses: CircleStatus[] = [];
  for (const resolved of chosen) {
    const { circle } = resolved;
    const read = await rosterOf(dir, resolved);
    const problems = 'problem' in read ? [read.problem] : [];
    let mail: CircleMail = { owed: [], held: [] };
    if ('roster' in read) {
      const { state: journal } = await readJournal(journalFile(dir, circle.id));
      const sequence = publishing.publications.get(circle.id)?.sequence ?? 0;
      const planned = circleMail({ resolved, roster: read.roster, journal, sequence, now });
      if (planned.ok) mail = planned.value;
      else problems.push({ message: planned.failure.message, hint: planned.failure.hint ?? '' });
    }
    const counts = 'roster' in read ? statusCounts(read.roster.signups) : undefined;
    const status = {
      id: circle.id,
      series: circle.series,
      start: resolved.start.toISO() ?? '',
      status: circle.status,
      capacity: circle.capacity,
      confirmed: counts?.confirmed ?? null,
      offered: counts?.offered ?? null,
      waitlisted: counts?.waitlisted ?? null,
      owed: mail.owed,
      offers: 'roster' in read ? offersIn(resolved, read.roster.signups, now) : [],
      nextReminder: nextReminder(resolved, counts?.confirmed ?? 0, now),
      mail: mail.held,
      placeholders: placeholdersIn(circle, relative(dir, resolved.file)),
      past: pastScheduled(resolved, now),
      problems,
    };
    statuses.push({ ...status, needsPerson: circleNeedsPerson(status) });
  }
  return statuses;
}
