import { readFile } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { fileError, FileError } from '../workspace/file-errors.js';
import type { Workspace } from '../workspace/load.js';
import { emailKey } from '../model/email.js';
import { notOneLine } from '../model/schema.js';
import { resolveCircle } from '../model/circle.js';
import { outOfYears, signupYears, type SignupYears } from '../signups/timestamps.js';
import { error, place, warning, type Finding, type Problem } from '../validate/problem.js';
import { parseRoster, parseRosterYaml } from './file.js';
import { rosterFile, rostersDir } from '../workspace/paths.js';
import { rosterIds } from './store.js';
import { isLapsed } from './offers.js';
import { instant, statusCounts, type Roster } from './types.js';
import { named } from '../mail/address.js';
import { derivedOnce } from '../workspace/derived.js';

/*
 * `circle validate` for rosters a person edited by hand: damage, unknown fields and statuses,
 * one person seated twice, more seated than the circle has seats, free seats nobody was given,
 * seat offers past their deadline, a signup time years from the circle's, a name with invisible control
 * characters.
 */

/** What the rules compare with: the clock (an ISO instant: offers past their deadline) and the years a signup time may fall in. */
export interface Seen {
  now?: string | undefined;
  years?: SignupYears | undefined;
}

/** Rules on a readable roster; `capacity` is undefined when no circle file has its id. */
export function rosterFindings(roster: Roster, id: string, capacity: number | undefined, { now, years }: Seen = {}): Finding[] {
  const findings: Finding[] = [];
  if (roster.circle !== id) findings.push(error(['circle'], `circle "${roster.circle}" does not match the file name ${id}.yaml`, `set circle: ${id}`));
  if (capacity === undefined) findings.push(warning(['circle'], `no circle "${id}" in circles/: a roster without a circle`, 'delete the roster if the circle is gone for good'));
  const active = new Map<string, number>();
  roster.signups.forEach((signup, index) => {
    // Parsed only when there are years to compare with: mail runs and status check every signup of every roster.
    const far = years && outOfYears(years, Date.parse(signup.signedUp));
    // A warning: a circle moved years on keeps its signups; a typo (0001) would put the person first in the queue.
    if (far) findings.push(warning(['signups', index, 'signed_up'], `signed_up ${signup.signedUp} ${far}`, 'correct the year if it is a typo: it sets the place in the queue'));
    // Imports and `signups add` clean names; one typed into the file by hand may still read backwards.
    const garbled = signup.name === undefined ? undefined : notOneLine(signup.name);
    if (garbled) findings.push(warning(['signups', index, 'name'], `the name of ${signup.email} ${garbled}`, `circle signups edit ${id} ${signup.email} --name "…" writes the name without it`));
    if (signup.status === 'cancelled') return;
    const key = emailKey(signup.email);
    const first = active.get(key);
    if (first !== undefined) {
      findings.push(error(['signups', index, 'email'], `${signup.email} is on the roster twice (also signups[${first}])`, 'cancel one of them: set status: cancelled, or delete the entry'));
    } else active.set(key, index);
    // On an offered signup the mark means the offer mail is owed.
    if (signup.seatEmailOwed && signup.status !== 'confirmed' && signup.status !== 'offered') {
      findings.push(warning(['signups', index, 'seat_email_owed'], 'only a seated person can be owed a seat email', 'remove seat_email_owed, or set status: confirmed'));
    }
    if (signup.reply && signup.status !== 'confirmed') {
      findings.push(warning(['signups', index, 'reply'], 'only a seated person has an answer to the invitation kept', 'remove reply and replied, or set status: confirmed'));
    }
    if (now !== undefined && isLapsed(signup, now)) {
      findings.push(warning(['signups', index, 'offer_expires'], `the seat offered to ${named(signup.name, signup.email)} lapsed at ${signup.offerExpires} and still holds the seat`, `run \`circle run\` (or \`circle signups promote ${id}\`) to pass it on`));
    }
  });
  if (capacity !== undefined) {
    // An offered seat is held as a seated one is.
    const { confirmed, offered, waitlisted: waiting } = statusCounts(roster.signups);
    const held = confirmed + offered;
    const seated = offered ? `seated or offered a seat` : 'seated';
    if (held > capacity) {
      findings.push(warning(['signups'], `${held} people are ${seated} but the circle has ${capacity} seat${capacity === 1 ? '' : 's'}: nobody is unseated`, 'raise capacity in the circle file, or cancel signups by hand'));
    } else if (held < capacity && waiting > 0) {
      findings.push(warning(['signups'], `${capacity - held} free seat(s) while ${waiting} people wait`, `run \`circle signups promote ${id}\` to give them out`));
    }
  }
  return findings;
}

/** Per read roster, the first error (what keeps mail from being sent from it) for each circle id and capacity. */
const errorsOf = derivedOnce((_roster: Roster) => new Map<string, Finding | undefined>());

/**
 * The first error rosterFindings finds in a roster, if any: each mail step of `circle run`, and its
 * status, asks of every roster; a roster read once is checked once.
 */
export function rosterError(roster: Roster, id: string, capacity: number | undefined): Finding | undefined {
  const kept = errorsOf(roster);
  const key = `${id}\n${capacity}`;
  if (!kept.has(key)) kept.set(key, rosterFindings(roster, id, capacity).find((f) => f.severity === 'error'));
  return kept.get(key);
}

/** Every problem of one roster file, placed at file:line:col. */
export async function rosterProblems(dir: string, id: string, capacity: number | undefined, seen: Seen = {}): Promise<Problem[]> {
  const file = rosterFile(dir, id);
  const bytes = await readFile(file).catch((cause: NodeJS.ErrnoException) => cause);
  if (bytes instanceof Error) {
    const refused = fileError(bytes, file, 'read');
    return [place(file, undefined, refused instanceof FileError ? error([], refused.message, refused.hint) : error([], `cannot read the roster: ${bytes.code ?? bytes.message}`))];
  }
  const parsed = parseRoster(bytes);
  const findings = parsed.roster ? rosterFindings(parsed.roster, id, capacity, seen) : parsed.findings;
  // The fast reader keeps no YAML positions: the full one finds them when there is something to place.
  const yaml = parsed.yaml ?? (parsed.roster && findings.length > 0 ? parseRosterYaml(bytes).yaml : undefined);
  return findings.map((finding) => place(file, yaml, finding));
}

/** Paths given to `circle validate` that are rosters (files in rosters/, or the folder itself). */
export function splitRosterPaths(dir: string, paths: readonly string[]): { rosterPaths: string[]; otherPaths: string[] } {
  const folder = resolve(rostersDir(dir));
  const isRoster = (path: string) => resolve(path) === folder || resolve(path).startsWith(folder + sep);
  return { rosterPaths: paths.filter(isRoster), otherPaths: paths.filter((p) => !isRoster(p)) };
}

/** The problems of the rosters (all of them, or those of `paths`), checked against the circles' capacities and dates, seen at `now`. */
export async function checkRosters(workspace: Pick<Workspace, 'circles' | 'series'>, dir: string, paths: readonly string[] | undefined, now: Date): Promise<{ problems: Problem[]; files: string[] }> {
  const ids = paths === undefined || paths.some((p) => resolve(p) === resolve(rostersDir(dir))) ? await rosterIds(dir) : paths.map((p) => basename(p, '.yaml'));
  const circles = new Map(workspace.circles.map(({ circle, file }) => [circle.id, { circle, series: workspace.series.get(circle.series)?.series, file }]));
  const problems: Problem[] = [];
  for (const id of ids) {
    const entry = circles.get(id);
    const start = entry?.series ? resolveCircle(entry.circle, entry.series, entry.file).start.toMillis() : undefined;
    const years = start === undefined ? undefined : signupYears([start], now.getTime());
    problems.push(...(await rosterProblems(dir, id, entry?.circle.capacity, { now: instant(now), years })));
  }
  return { problems, files: ids.map((id) => rosterFile(dir, id)) };
}
