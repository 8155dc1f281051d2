import { inputError, usageError } from '../../errors.js';
import { cleanEmail, isValidEmail } from '../../model/email.js';
import { circlesNamed, type ResolvedCircle } from '../../model/circle.js';
import type { Language } from '../../model/schema.js';
import { activeSignup, admit, cancel, fillSeats, remove, type Change, type Incoming, type Outcome } from '../../roster/seats.js';
import type { ChangeFacts } from '../../mail/next-steps.js';
import { updateRoster, updateRosters } from '../../roster/store.js';
import { statusCounts, type Roster, type Signup } from '../../roster/types.js';
import { note } from '../../ui/terminal.js';
import { circleById, mustBeScheduled, seatRules } from './circles.js';
import { lockEvents } from './lock-events.js';
import { sayNextSteps } from './next-steps.js';

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
const options = (o: ChangeOptions) => ({ ...(o.dryRun ? { dryRun: true } : {}), events: lockEvents() });

/** What happened, any remark, then (once written) the mail each circle now needs. */
async function say(o: ChangeOptions, lines: string[], changes: ChangeFacts[], remark?: string): Promise<void> {
  process.stdout.write(`${lines.join('\n')}\n`);
  if (o.dryRun) note('dry run: no roster written');
  if (remark) note(remark);
  if (!o.dryRun) await sayNextSteps(o.dir, changes);
}

/** Where a newcomer landed: seated or waitlisted. */
const joined = (outcome: Outcome | undefined) => ({ seated: outcome?.kind === 'seated' ? 1 : 0, waitlisted: outcome?.kind === 'waitlisted' ? 1 : 0 });
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

export async function moveSignup(o: ChangeOptions & { email: string; to: string }): Promise<Change> {
  if (o.to === o.id) throw usageError('--to names the circle they are already on');
  const { circle, circles } = await circleById(o.dir, o.id);
  const [target] = circlesNamed(circles, [o.to]) as [ResolvedCircle];
  mustBeScheduled(target);
  const fromRules = seatRules(circle);
  const toRules = { ...seatRules(target), now: fromRules.now };
  const result = await updateRosters(o.dir, [o.id, o.to], (rosters) => {
    const from = rosters.get(o.id) as Roster;
    const to = rosters.get(o.to) as Roster;
    const person = activeSignup(from, o.email);
    if (person && activeSignup(to, o.email)) throw inputError(`${person.email} is already on the roster of ${o.to}`, `cancel them here instead: circle signups cancel ${o.id} ${person.email}`);
    const left = cancel(from, o.email, fromRules, `moved to ${o.to}`);
    const { name, email, language, organisation, country, signedUp, source, row } = left.cancelled;
    // They keep their signup time: in the other circle's waitlist they stand where that time puts them.
    const moved: Incoming = {
      ...(name ? { name } : {}), email, language, ...(organisation ? { organisation } : {}), ...(country ? { country } : {}), signedUp,
      via: 'move',
      from: o.id,
      ...(source.file ? { file: source.file } : {}),
      ...(row ? { row } : {}),
    };
    const joined = admit(to, [moved], toRules);
    return { rosters: new Map([[o.id, left.roster], [o.to, joined.roster]]), result: { left, joined } };
  }, options(o));
  const [outcome] = result.joined.outcomes;
  const place = outcome?.kind === 'seated' ? 'a seat' : `the waitlist at #${outcome?.kind === 'waitlisted' ? outcome.position : '?'}`;
  await say(
    o,
    [
      `moved ${who(result.left.cancelled)} from ${o.id} to ${place} in ${o.to}`,
      ...promotedLines(result.left.promoted, o.id),
      ...promotedLines(result.joined.promoted, o.to),
      seats(result.left.roster, fromRules.capacity),
      seats(result.joined.roster, toRules.capacity),
    ],
    [
      { circle: o.id, cancelled: isCancelled(circle), promoted: result.left.promoted.length, left: [result.left.cancelled] },
      { circle: o.to, ...joined(outcome), promoted: result.joined.promoted.length },
    ],
  );
  return result.joined;
}

export async function removeSignup(o: ChangeOptions & { email: string }): Promise<Change> {
  const { circle } = await circleById(o.dir, o.id);
  const rules = seatRules(circle);
  const result = await updateRoster(o.dir, o.id, (roster) => {
    const change = remove(roster, o.email, rules);
    return { roster: change.roster, result: change };
  }, options(o));
  const n = result.removed.length;
  await say(
    o,
    [`erased ${n} signup${n === 1 ? '' : 's'} of ${cleanEmail(o.email)} from ${o.id}; an anonymous note stays`, ...promotedLines(result.promoted, o.id), seats(result.roster, rules.capacity)],
    [{ circle: o.id, cancelled: isCancelled(circle), promoted: result.promoted.length, left: result.removed }],
    'the form itself and any CSV exports still hold their answers: delete them there too',
  );
  return result;
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
