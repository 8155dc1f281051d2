import type { DateTime } from 'luxon';
import { failure, success, type Result } from '../failure.js';
import type { Publishing } from '../invites/publish.js';
import type { ResolvedCircle } from '../model/circle.js';
import { isValidEmail } from '../model/email.js';
import type { Roster } from '../roster/types.js';
import type { Template } from '../templates/files.js';
import { circlesNamed } from '../workspace/select.js';
import { holdBounced, type Bounced } from './bounces.js';
import type { JournalState } from './journal.js';
import { COMMAND_KINDS, type MailCommand } from './kinds.js';
import type { WantedMessage } from './messages.js';
import { planDelivery, sentCount, type DeliveryPlan, type PlanFlags } from './plan.js';

/*
 * A mail run, one way through: what it is asked (MailingRequest), what was read for it at the edge
 * (Loaded, mail/loading.ts), the plan made from that alone (planMailing, here, pure), then
 * previews, samples or sending (mail/previews.ts, mail/sending.ts), which record as they go.
 */

export type Planner = (input: { resolved: ResolvedCircle; roster: Roster; journal: JournalState; sequence: number }) => WantedMessage[];

export interface MailingRequest extends PlanFlags {
  dir: string;
  ids: string[];
  all?: boolean;
  command: MailCommand;
  planner: Planner;
  /** Messages carry calendar invitations: SEQUENCE comes from the published state. */
  invitations: boolean;
  /** The run's clock: the DTSTAMP of its invitations and of the published state. */
  now: DateTime;
  /** Where CIRCLE_FROM is read, for circles without an organizer. */
  env: Readonly<Record<string, string | undefined>>;
  /** Only listing who gets what (a dry run): no sender is needed yet. */
  listOnly?: boolean;
}

/** What a circle's run sends, and what it holds back: unconfirmed, failed, or to an address that bounced. */
export type MailPlan = DeliveryPlan<WantedMessage> & { bounced: Array<Bounced<WantedMessage>> };

export interface CirclePlan {
  resolved: ResolvedCircle;
  roster: Roster;
  /** Who the mail of this circle comes from, known before anything is recorded or sent; unknown only in a list. */
  sender: { name: string; email: string } | undefined;
  plan: MailPlan;
  /** Messages of the command's kinds that the journal holds as sent. */
  alreadySent: number;
}

export interface Mailing {
  circles: CirclePlan[];
  templates: (name: string) => Promise<Template>;
  publishing?: Publishing;
  now: DateTime;
}

/** The circles a mail run is for: those named, or all with --all. */
export function circlesToMail(circles: readonly ResolvedCircle[], ids: readonly string[], all: boolean): Result<ResolvedCircle[]> {
  if (all) return success([...circles]);
  if (ids.length === 0) return failure('usage', 'name a circle, or pass --all', `circles here: ${circles.map((c) => c.circle.id).join(', ')}`);
  return circlesNamed(circles, ids);
}

/** Who a circle's mail comes from, as read: a circle without one can still be listed. */
export type Sender = { name: string; email: string };

/** What was read of one chosen circle. */
export interface LoadedCircle {
  resolved: ResolvedCircle;
  roster: Roster;
  journal: JournalState;
  sender: Result<Sender>;
}

/** Everything a plan is made from. */
export interface Loaded {
  circles: LoadedCircle[];
  templates: (name: string) => Promise<Template>;
  /** The publication (UID, SEQUENCE) of each chosen circle, for runs whose messages carry invitations. */
  publishing?: Publishing;
  now: DateTime;
}

/** What one circle's plan is made from; under the lock, the journal is the one read again. */
interface PlanInput {
  resolved: ResolvedCircle;
  roster: Roster;
  journal: JournalState;
  sequence: number;
}

/** Which of the messages the circle owes go in this run: used to plan, and again under the lock. */
export function planCircle({ resolved, roster, journal, sequence }: PlanInput, request: Pick<MailingRequest, 'planner' | keyof PlanFlags>): Result<MailPlan> {
  const wanted = request.planner({ resolved, roster, journal, sequence });
  // Mail goes only to roster addresses that pass the one email rule; a hand-edited roster may not.
  const invalid = wanted.filter((m) => !isValidEmail(m.signup.email));
  if (invalid.length) {
    return failure(
      'input',
      `the roster of ${resolved.circle.id} has ${invalid.length} address${invalid.length === 1 ? '' : 'es'} that mail cannot go to: ${invalid.map((m) => JSON.stringify(m.signup.email)).join(', ')}`,
      'correct or cancel them in the roster, then run `circle validate`',
    );
  }
  const plan = planDelivery(wanted, journal, request);
  return success({ ...plan, ...holdBounced(plan.send, journal, request.retryBounced ?? false) });
}

/** What each chosen circle owes whom, and what its journal says of it: from what was read, nothing else. */
export function planMailing(loaded: Loaded, request: Pick<MailingRequest, 'planner' | 'command' | 'listOnly' | keyof PlanFlags>): Result<Mailing> {
  const circles: CirclePlan[] = [];
  for (const { resolved, roster, journal, sender } of loaded.circles) {
    const sequence = loaded.publishing?.publications.get(resolved.circle.id)?.sequence ?? 0;
    const plan = planCircle({ resolved, roster, journal, sequence }, request);
    if (!plan.ok) return plan;
    // A list needs no sender yet; anything that builds or sends a message does.
    if (!sender.ok && !request.listOnly) return sender;
    circles.push({ resolved, roster, sender: sender.ok ? sender.value : undefined, plan: plan.value, alreadySent: sentCount(journal, COMMAND_KINDS[request.command]) });
  }
  const { templates, publishing, now } = loaded;
  return success({ circles, templates, ...(publishing ? { publishing } : {}), now });
}
