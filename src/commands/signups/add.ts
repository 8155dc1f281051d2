import type { Context, Shown, Style } from '../../context.js';
import { inputError, usageError } from '../../errors.js';
import { cleanEmail, isValidEmail, quoted } from '../../model/email.js';
import { tidy } from '../../model/invisible.js';
import type { Language } from '../../model/schema.js';
import { admit, type Admission, type Change, type Incoming } from '../../roster/seats.js';
import { updateRoster } from '../../roster/store.js';
import { presentChange, promotedLines, seatsLine, updating, who, type ChangeOptions, type Changed } from './change-text.js';
import { circleById, seatRules } from './circles.js';
import { promotions, stepsAfter } from './next-steps.js';

/* `circle signups add`: a walk-in gets a free seat if there is one, else the end of the waitlist. */

export interface AddSignupOptions extends ChangeOptions {
  name?: string;
  email?: string;
  lang?: Language;
  organisation?: string;
  country?: string;
}

export interface AddSignupResult extends Changed {
  id: string;
  capacity: number;
  incoming: Incoming;
  change: Change & { outcomes: Admission[] };
}

export async function run(o: AddSignupOptions, context: Context): Promise<AddSignupResult> {
  const [name, organisation, country] = [o.name, o.organisation, o.country].map(tidy);
  const missing = [name ? '' : '--name', o.email ? '' : '--email'].filter(Boolean);
  if (missing.length) throw usageError(`missing required options: ${missing.join(', ')}`);
  const email = cleanEmail(o.email ?? '');
  if (!isValidEmail(email)) throw usageError(`--email ${quoted(o.email ?? '')} is not an address mail can go to`, 'e.g. --email ana@example.org');
  const { circle } = await circleById(context.dir, o.id, { scheduled: true });
  const rules = seatRules(circle, context.now());
  const incoming: Incoming = {
    name: name ?? '',
    email,
    ...(o.lang ? { language: o.lang } : {}),
    ...(organisation ? { organisation } : {}),
    ...(country ? { country } : {}),
    signedUp: rules.now,
    via: 'walk-in',
  };
  const change = await updateRoster(context.dir, o.id, (roster) => {
    const admitted = admit(roster, [incoming], rules);
    const [outcome] = admitted.outcomes;
    if (outcome?.kind === 'duplicate' || outcome?.kind === 'already-imported') throw inputError(`${email} is already on the roster of ${o.id}`, `see circle signups list ${o.id}`);
    return { roster: admitted.roster, result: admitted };
  }, updating(o, context));
  const [outcome] = change.outcomes;
  const next = o.dryRun ? [] : await stepsAfter(context, [{ circle: o.id, ...joined(outcome), ...promotions(change.promoted) }]);
  return { ok: true, dryRun: Boolean(o.dryRun), next, id: o.id, capacity: rules.capacity, incoming, change };
}

/** Where a newcomer landed: seated or waitlisted. */
const joined = (outcome: Admission | undefined) => ({ seated: outcome?.kind === 'seated' ? 1 : 0, waitlisted: outcome?.kind === 'waitlisted' ? 1 : 0 });

export function present(result: AddSignupResult, style: Style): Shown {
  const { id, change, incoming } = result;
  const [outcome] = change.outcomes;
  const place = outcome?.kind === 'seated' ? 'gets a seat' : `goes on the waitlist at #${outcome?.kind === 'waitlisted' ? outcome.position : '?'}`;
  const person = who(outcome && 'signup' in outcome ? outcome.signup : incoming);
  return presentChange(result, [`${person} ${place} in ${id}`, ...promotedLines(change.promoted, id), seatsLine(change.roster, result.capacity)], style);
}
