import { readFile } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { fileError, FileError } from '../workspace/file-errors.js';
import type { Workspace } from '../workspace/load.js';
import { emailKey } from '../model/email.js';
import { error, place, warning, type Finding, type Problem } from '../validate/problem.js';
import { parseRoster, parseRosterYaml } from './file.js';
import { rosterFile, rostersDir } from '../workspace/paths.js';
import { rosterIds } from './store.js';
import { isLapsed } from './offers.js';
import { statusCounts, type Roster } from './types.js';
import { named } from '../mail/address.js';

/*
 * `circle validate` for rosters a person edited by hand: damage, unknown fields and statuses,
 * one person seated twice, more seated than the circle has seats, free seats nobody was given,
 * seat offers past their deadline.
 */

/**
 * Rules on a readable roster; `capacity` is undefined when no circle file has its id. Given `now`
 * (an ISO instant), an offer past its deadline that nothing has lapsed yet is reported.
 */
export function rosterFindings(roster: Roster, id: string, capacity: number | undefined, now?: string): Finding[] {
  const findings: Finding[] = [];
  if (roster.circle !== id) findings.push(error(['circle'], `circle "${roster.circle}" does not match the file name ${id}.yaml`, `set circle: ${id}`));
  if (capacity === undefined) findings.push(warning(['circle'], `no circle "${id}" in circles/: a roster without a circle`, 'delete the roster if the circle is gone for good'));
  const active = new Map<string, number>();
  roster.signups.forEach((signup, index) => {
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

/** Every problem of one roster file, placed at file:line:col. */
export async function rosterProblems(dir: string, id: string, capacity: number | undefined, now?: string): Promise<Problem[]> {
  const file = rosterFile(dir, id);
  const bytes = await readFile(file).catch((cause: NodeJS.ErrnoException) => cause);
  if (bytes instanceof Error) {
    const refused = fileError(bytes, file, 'read');
    return [place(file, undefined, refused instanceof FileError ? error([], refused.message, refused.hint) : error([], `cannot read the roster: ${bytes.code ?? bytes.message}`))];
  }
  const parsed = parseRoster(bytes);
  const findings = parsed.roster ? rosterFindings(parsed.roster, id, capacity, now) : parsed.findings;
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

/** The problems of the rosters (all of them, or those of `paths`), checked against the circles' capacities and the clock. */
export async function checkRosters(circles: Workspace['circles'], dir: string, paths: readonly string[] | undefined, now: string): Promise<{ problems: Problem[]; files: string[] }> {
  const ids = paths === undefined || paths.some((p) => resolve(p) === resolve(rostersDir(dir))) ? await rosterIds(dir) : paths.map((p) => basename(p, '.yaml'));
  const capacities = new Map(circles.map(({ circle }) => [circle.id, circle.capacity]));
  const problems: Problem[] = [];
  for (const id of ids) problems.push(...(await rosterProblems(dir, id, capacities.get(id), now)));
  return { problems, files: ids.map((id) => rosterFile(dir, id)) };
}
