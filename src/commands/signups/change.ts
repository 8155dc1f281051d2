import { mkdir } from 'node:fs/promises';
import { inputError, usageError } from '../../errors.js';
import { eraseFromJournal, followAddress, journalIds, mailLock, rewriteJournal } from '../../mail/journal-rewrite.js';
import { filesHolding } from '../../roster/erase.js';
import { loadCircles } from '../../workspace/load.js';
import { journalsDir } from '../../workspace/paths.js';
import { editPerson, type Correction, type Edit } from '../../roster/edit.js';
import type { Lock } from '../../roster/lock.js';
import { cleanEmail, emailKey, isValidEmail } from '../../model/email.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { circlesNamed } from '../../workspace/select.js';
import type { Language } from '../../model/schema.js';
import { admit, cancel, fillSeats, nowInstant, remove, type Change, type Incoming, type Admission } from '../../roster/seats.js';
import { move, type Move } from '../../roster/move.js';
import type { ChangeFacts } from '../../mail/next-steps.js';
import { readRoster, rosterIds, updateRoster, updateRosters } from '../../roster/store.js';
import { statusCounts, type Roster, type Signup } from '../../roster/types.js';
import { askYesNo } from '../../ui/prompt.js';
import { isInteractive, note, warn } from '../../ui/terminal.js';
import { circleById, mustBeScheduled, seatRules } from './circles.js';
import { rosterLocking } from './lock-events.js';
import { sayNextSteps } from './next-steps.js';
import { unwrap } from '../../failure.js';

/*
 * The one-person changes: a walk-in, a cancellation, a move, an erasure, and promotion after
 * capacity was raised. Each runs under the roster lock and says what happened, including who got
 * a freed seat, then the mail command that tells those it concerns.
 */

interface ChangeOptions {
  dir: string;
  id: string;
  dryRun?: boolean;
}

const who = (s: Pick<Signup, 'name' | 'email'>) => (s.name ? `${s.name} <${s.email}>` : s.email);
const options = (o: ChangeOptions) => ({ ...(o.dryRun ? { dryRun: true } : {}), ...rosterLocking({ events: { note, warn, progress: () => undefined } }) });

/** What happened, any remark, then (once written) the mail each circle now needs. */
async function say(o: ChangeOptions, lines: string[], changes: ChangeFacts[], remark?: string): Promise<void> {
  process.stdout.write(`${lines.join('\n')}\n`);
  if (o.dryRun) note('dry run: no roster written');
  if (remark) note(remark);
  if (!o.dryRun) await sayNextSteps(o.dir, changes);
}

/** Where a newcomer landed: seated or waitlisted. */
const joined = (outcome: Admission | undefined) => ({ seated: outcome?.kind === 'seated' ? 1 : 0, waitlisted: outcome?.kind === 'waitlisted' ? 1 : 0 });
const isCancelled = (circle: ResolvedCircle) => circle.circle.status === 'cancelled';

function promotedLines(promoted: readonly Signup[], id: string): string[] {
  return promoted.map((s) => `${who(s)} moves up from the waitlist to a seat in ${id} and is owed a "you have a seat" email`);
}

function seats(roster: Roster, capacity: number): string {
  const { confirmed, waitlisted } = statusCounts(roster.signups);
  return `${roster.circle} now has ${confirmed}/${capacity} seated, ${waitlisted} waitlisted`;
}

export async function addSignup(o: ChangeOptions & { name?: string; email?: string; language?: Language; organisation?: string; country?: string }): Promise<Change> {
  const missing = [o.name ? '' : '--name', o.email ? '' : '--email'].filter(Boolean);
  if (missing.length) throw usageError(`missing required options: ${missing.join(', ')}`);
  const email = cleanEmail(o.email ?? '');
  if (!isValidEmail(email)) throw usageError(`--email ${JSON.stringify(o.email)} is not an address mail can go to`, 'e.g. --email ana@example.org');
  const { circle } = await circleById(o.dir, o.id, { scheduled: true });
  const rules = seatRules(circle);
  const incoming: Incoming = {
    name: (o.name ?? '').trim(),
    email,
    ...(o.language ? { language: o.language } : {}),
    ...(o.organisation ? { organisation: o.organisation.trim() } : {}),
    ...(o.country ? { country: o.country.trim() } : {}),
    signedUp: rules.now,
    via: 'walk-in',
  };
  const result = await updateRoster(o.dir, o.id, (roster) => {
    const change = admit(roster, [incoming], rules);
    const [outcome] = change.outcomes;
    if (outcome?.kind === 'duplicate' || outcome?.kind === 'already-imported') {
      throw inputError(`${email} is already on the roster of ${o.id}`, `see circle signups list ${o.id}`);
    }
    return { roster: change.roster, result: change };
  }, options(o));
  const [outcome] = result.outcomes;
  const place = outcome?.kind === 'seated' ? 'gets a seat' : `goes on the waitlist at #${outcome?.kind === 'waitlisted' ? outcome.position : '?'}`;
  await say(o, [`${who(outcome && 'signup' in outcome ? outcome.signup : incoming)} ${place} in ${o.id}`, ...promotedLines(result.promoted, o.id), seats(result.roster, rules.capacity)], [
    { circle: o.id, ...joined(outcome), promoted: result.promoted.length },
  ]);
  return result;
}

export async function cancelSignup(o: ChangeOptions & { email: string }): Promise<Change> {
  const { circle } = await circleById(o.dir, o.id);
  const rules = seatRules(circle);
  const result = await updateRoster(o.dir, o.id, (roster) => {
    const change = cancel(roster, o.email, rules);
    return { roster: change.roster, result: change };
  }, options(o));
  await say(o, [`cancelled ${who(result.cancelled)} in ${o.id}`, ...promotedLines(result.promoted, o.id), seats(result.roster, rules.capacity)], [
    { circle: o.id, cancelled: isCancelled(circle), promoted: result.promoted.length, left: [result.cancelled] },
  ]);
  return result;
}

/** Moves a person; a seated one who would only wait in the target moves only once the organiser agrees. */
export async function moveSignup(o: ChangeOptions & { email: string; to: string; yes?: boolean }): Promise<Change> {
  if (o.to === o.id) throw usageError('--to names the circle they are already on');
  const { circle, circles } = await circleById(o.dir, o.id);
  const [target] = unwrap(circlesNamed(circles, [o.to])) as [ResolvedCircle];
  mustBeScheduled(target);
  const fromRules = seatRules(circle);
  const toRules = { ...seatRules(target), now: fromRules.now };
  const attempt = (seatLossAgreed: boolean) =>
    updateRosters<Move>(o.dir, [o.id, o.to], (rosters) => {
      const result = move(rosters.get(o.id) as Roster, rosters.get(o.to) as Roster, o.email, { from: fromRules, to: toRules, seatLossAgreed });
      if (result.kind === 'refused') throw inputError(result.why, result.hint);
      // Asked, not done: the rosters are left as they were.
      if (result.kind === 'seat-at-stake') return { rosters, result };
      return { rosters: new Map([[o.id, result.from], [o.to, result.to]]), result };
    }, options(o));

  let result = await attempt(Boolean(o.yes));
  if (result.kind === 'seat-at-stake') {
    const { person, position } = result;
    const question = `${who(person)} has a seat in ${o.id}, but ${o.to} is full: they would wait at #${position} there. Give up their seat?`;
    if (o.dryRun) note(`${question} (pass --yes to agree)`);
    else if (!isInteractive()) throw inputError(`not moved: ${question.replace(/ Give up their seat\?$/, '')}`, `to move them anyway, run it again with --yes; or free a seat in ${o.to} first`);
    else if (!(await askYesNo(question, false))) throw inputError(`not moved: ${who(person)} keeps their seat in ${o.id}`);
    result = await attempt(true);
  }
  if (result.kind !== 'moved') throw new Error('a move agreed to was not made');
  const place = result.position === undefined ? 'a seat' : `the waitlist at #${result.position}`;
  await say(
    o,
    [
      `moved ${who(result.left)} from ${o.id} to ${place} in ${o.to}`,
      ...(result.seatLost ? [`${who(result.left)} gave up their seat in ${o.id}: ${o.to} had none free`] : []),
      ...promotedLines(result.promotedFrom, o.id),
      ...promotedLines(result.promotedTo, o.to),
      seats(result.from, fromRules.capacity),
      seats(result.to, toRules.capacity),
    ],
    [
      { circle: o.id, cancelled: isCancelled(circle), promoted: result.promotedFrom.length, left: [result.left] },
      { circle: o.to, seated: result.position === undefined ? 1 : 0, waitlisted: result.position === undefined ? 0 : 1, promoted: result.promotedTo.length },
    ],
  );
  return { roster: result.to, promoted: result.promotedTo };
}

export interface Erased {
  id: string;
  roster: (Change & { removed: Signup[] }) | undefined;
  capacity: number;
  journal: { erased: number; kept: number };
}

/** Erases a person from one circle's roster and mail journal, under its mail lock, then its roster lock. */
async function eraseIn(o: ChangeOptions & { email: string }, id: string, circles: readonly ResolvedCircle[]): Promise<Erased> {
  const circle = circles.find((c) => c.circle.id === id);
  // A roster left without its circle file gives no seats away.
  const rules = circle ? seatRules(circle) : { capacity: 0, now: nowInstant() };
  let lock: Lock | undefined;
  if (!o.dryRun) {
    await mkdir(journalsDir(o.dir), { recursive: true, mode: 0o700 });
    lock = await mailLock(o.dir, id);
  }
  try {
    const key = emailKey(o.email);
    const roster = await updateRoster(o.dir, id, (current) => {
      if (!current.signups.some((s) => emailKey(s.email) === key)) return { roster: current, result: undefined };
      const change = remove(current, o.email, rules);
      return { roster: change.roster, result: change };
    }, options(o));
    const journal = await eraseFromJournal(o.dir, id, o.email, o.dryRun ? { dryRun: true } : {});
    return { id, roster, capacity: rules.capacity, journal };
  } finally {
    await lock?.release();
  }
}

/**
 * Erasure on request: the person's signups and mail journal records in one circle, or with --all
 * in every circle of the workspace; anonymous notes and counts stay. While the journal shows an
 * invitation still in their calendar, the record the cancellation goes by is kept whole until
 * `invites send` has sent it (said, with the command that finishes the erasure). Then every file
 * of the workspace that still holds the address is named.
 */
export async function removeSignup(options: { dir: string; dryRun?: boolean; all?: boolean; args: [string] | [string, string] }): Promise<Erased[]> {
  const [first, second] = options.args;
  if (options.all && second !== undefined) throw usageError('--all takes only the email', `circle signups remove --all ${second}`);
  if (second === undefined && !options.all) throw usageError('name the circle and the email, or pass --all', `circle signups remove --all ${first}`);
  const email = cleanEmail(second ?? first);
  const { dir, dryRun } = options;
  const { circles } = await loadCircles(dir);
  const ids = options.all ? [...new Set([...(await rosterIds(dir)), ...(await journalIds(dir))])].sort() : [(await circleById(dir, first)).circle.circle.id];
  const results: Erased[] = [];
  for (const id of ids) results.push(await eraseIn({ dir, id, email, ...(dryRun ? { dryRun } : {}) }, id, circles));
  const done = results.filter((r) => r.roster || r.journal.erased || r.journal.kept);
  if (done.length === 0) {
    if (options.all) throw inputError(`${email} is on no roster and in no mail journal of this workspace`, 'check the address against circle signups list <id>');
    throw inputError(`${email} is not on the roster of ${first}`, `see who is: circle signups list ${first}`);
  }
  const lines: string[] = [];
  for (const { id, roster, capacity, journal } of done) {
    if (roster) {
      const n = roster.removed.length;
      lines.push(`erased ${n} signup${n === 1 ? '' : 's'} of ${email} from ${id}; an anonymous note stays`, ...promotedLines(roster.promoted, id), seats(roster.roster, capacity));
    }
    if (journal.erased) lines.push(`erased ${journal.erased} mail journal record${journal.erased === 1 ? '' : 's'} of ${email} in ${id}; anonymous counts stay`);
    if (journal.kept) {
      lines.push(
        `kept ${email} in journals/${id}.jsonl until the calendar cancellation goes (their invitation is still in their calendar): run \`circle invites send ${id}\`, then \`circle signups remove ${id} ${email}\` again to erase the rest`,
      );
    }
  }
  // Where else the address is, besides what was just said to be kept.
  const kept = new Set(done.filter((r) => r.journal.kept).map((r) => `journals/${r.id}.jsonl`));
  const remaining = dryRun ? [] : (await filesHolding(dir, email)).filter((file) => !kept.has(file));
  const inCircles = remaining.some((file) => /^(rosters|journals)\//.test(file));
  const remark = dryRun
    ? undefined
    : remaining.length
    ? `${email} is still in ${remaining.join(', ')}: ${inCircles ? `erase them from every circle with \`circle signups remove --all ${email}\`; for the other files and the form itself, ` : ''}delete them there too`
    : `${email} is in no other file of this workspace; the form itself may still hold their answers: delete them there too`;
  const changes = done.map((r) => ({ circle: r.id, cancelled: circles.find((c) => c.circle.id === r.id)?.circle.status === 'cancelled', promoted: r.roster?.promoted.length ?? 0, left: r.roster?.removed ?? [] }));
  await say({ dir, id: first, ...(dryRun ? { dryRun } : {}) }, lines, changes, remark);
  return results;
}

/** The other circles whose rosters still hold this address (a correction or an erasure is per circle). */
async function elsewhere(dir: string, id: string, email: string): Promise<string[]> {
  const key = emailKey(email);
  const ids = (await rosterIds(dir)).filter((other) => other !== id);
  const found: string[] = [];
  for (const other of ids) if ((await readRoster(dir, other)).signups.some((s) => emailKey(s.email) === key)) found.push(other);
  return found;
}

/**
 * Corrects a person's address, name or language in one circle. The mail journal follows a new
 * address under the mail lock, before the roster: if the run is cut short between the two, the
 * roster still names the old address and running the edit again finishes it (the command failed,
 * so the organiser knows; a mail run in between would write to the old address once more).
 */
export async function editSignup(o: ChangeOptions & { email: string; newEmail?: string; name?: string; language?: Language }): Promise<Edit> {
  await circleById(o.dir, o.id);
  const newEmail = o.newEmail === undefined ? undefined : cleanEmail(o.newEmail);
  if (newEmail !== undefined && !isValidEmail(newEmail)) throw usageError(`--email ${JSON.stringify(o.newEmail)} is not an address mail can go to`, 'e.g. --email ana@example.org');
  const name = o.name?.trim();
  if (name === '') throw usageError('--name is empty', 'give the full name, e.g. --name "Ana García"');
  const correction: Correction = { ...(newEmail !== undefined ? { email: newEmail } : {}), ...(name !== undefined ? { name } : {}), ...(o.language ? { language: o.language } : {}) };
  const readdress = newEmail !== undefined && newEmail !== o.email;
  let lock: Lock | undefined;
  let records = 0;
  if (!o.dryRun && readdress) {
    await mkdir(journalsDir(o.dir), { recursive: true, mode: 0o700 });
    lock = await mailLock(o.dir, o.id);
  }
  try {
    // Checked first, so that a refused correction leaves the journal alone.
    editPerson(await readRoster(o.dir, o.id), o.email, correction);
    if (lock && newEmail !== undefined) records = await rewriteJournal(o.dir, o.id, followAddress(o.email, newEmail));
    const result = await updateRoster(o.dir, o.id, (roster) => {
      const edit = editPerson(roster, o.email, correction);
      return { roster: edit.roster, result: edit };
    }, options(o));
    const others = readdress ? await elsewhere(o.dir, o.id, o.email) : [];
    await say(
      o,
      [
        `corrected ${who(result.before)} to ${who(result.after)}${result.after.language !== result.before.language ? ` (mail in ${result.after.language})` : ''} in ${o.id}`,
        ...(records ? [`the mail journal of ${o.id} follows: ${records} record${records === 1 ? '' : 's'} now name ${newEmail}, so nothing already sent goes again`] : []),
      ],
      [],
      readdress
        ? [
            ...(others.length ? [`${result.before.email} is also on the roster of ${others.join(', ')}: correct it there too, e.g. circle signups edit ${others[0]} ${result.before.email} --email ${newEmail}`] : []),
            // Rows are recognised by address and time: the old row of an export would come back as a new signup.
            `correct the address in the form's responses too: importing an export that still has ${result.before.email} would add it again as a new signup`,
          ].join('\n')
        : undefined,
    );
    return result;
  } finally {
    await lock?.release();
  }
}

export async function promoteSignups(o: ChangeOptions): Promise<Change> {
  const { circle } = await circleById(o.dir, o.id);
  const rules = seatRules(circle);
  const result = await updateRoster(o.dir, o.id, (roster) => {
    const change = fillSeats(roster, rules);
    return { roster: change.roster, result: change };
  }, options(o));
  await say(o, [...(result.promoted.length ? promotedLines(result.promoted, o.id) : ['no free seat, or nobody waiting: nothing to do']), seats(result.roster, rules.capacity)], [
    { circle: o.id, cancelled: isCancelled(circle), promoted: result.promoted.length },
  ]);
  return result;
}
