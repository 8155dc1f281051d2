import type { InboxAction, ListReason } from '../../inbox/actions.js';
import type { HandledWriter } from '../../inbox/handled-file.js';
import type { Signup, Status } from '../../roster/types.js';
import type { Unchanged } from '../../roster/inbox-changes.js';
import type { Applier } from './apply.js';

/*
 * Acting on the decided actions, message by message in the order read: a message's changes are made,
 * then its Message-ID is recorded, so a run cut short is taken up by the next one where it stopped.
 * Messages that change nothing are recorded together with the next one that does (one flush, not one
 * per newsletter); reading one of them again after a crash only lists it again.
 */

export interface Person {
  name?: string;
  email: string;
  /** Given the freed seat as an offer (offer_hours), not outright. */
  offered?: true;
}

/** An action and what applying it did. */
export type Acted = InboxAction & {
  /** A cancel: what the signup was, and who got the freed seat. */
  was?: Status;
  promoted?: Person[];
  /** Nothing to change any more: the signup was cancelled meanwhile, or the bounce is already in the journal. */
  unchanged?: boolean;
};

const person = ({ name, email, status }: Signup): Person => ({ ...(name ? { name } : {}), email, ...(status === 'offered' ? { offered: true as const } : {}) });

/** A claim that confirmed nothing (too late, or nothing offered) is for a person: listed, named in full. */
const LISTED_CLAIMS: Partial<Record<Unchanged, ListReason>> = { 'offer-lapsed': 'late-claim', 'not-offered': 'not-offered' };

async function applied(action: InboxAction, apply: Applier): Promise<Acted> {
  if (action.type === 'cancel' || action.type === 'record' || action.type === 'claim') {
    const done = await apply.roster(action);
    if (done.kind === 'cancelled') return { ...action, was: done.was, promoted: done.promoted.map(person) };
    if (done.kind === 'recorded' || done.kind === 'claimed') return action;
    const listed = LISTED_CLAIMS[done.reason];
    if (action.type === 'claim' && listed) {
      const { signup, by: _by, type: _type, ...about } = action;
      return { ...about, type: 'list', reason: listed, detail: done.detail, circle: signup.circle };
    }
    return { ...action, unchanged: true };
  }
  if (action.type === 'bounce') return (await apply.bounce(action)) ? action : { ...action, unchanged: true };
  return action;
}

const changes = (action: InboxAction) => action.type === 'cancel' || action.type === 'record' || action.type === 'claim' || action.type === 'bounce';

/** Applies the actions; with a writer, records each message's ID once its changes are made. */
export async function act(actions: readonly InboxAction[], apply: Applier, handled: HandledWriter | undefined, now: () => Date): Promise<Acted[]> {
  const acted: Acted[] = [];
  const pending: string[] = [];
  const recorded = new Set<string>();
  let changed = false;
  for (const [index, action] of actions.entries()) {
    acted.push(await applied(action, apply));
    changed ||= changes(action);
    const id = action.messageId;
    if (id !== undefined && !recorded.has(id) && !(action.type === 'ignore' && action.reason === 'already-handled')) pending.push(id);
    if (id !== undefined) recorded.add(id);
    // After the last action of a message (a bounce may name several recipients).
    if (actions[index + 1]?.source === action.source) continue;
    if (changed && handled) await handled.add(pending.splice(0), now());
    changed = false;
  }
  if (handled) await handled.add(pending.splice(0), now());
  return acted;
}
