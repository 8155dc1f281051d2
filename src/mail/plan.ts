import type { JournalState } from './journal.js';

export interface PlanFlags {
  resendUnconfirmed?: boolean;
  retryFailed?: boolean;
}

export interface DeliveryPlan<T> {
  send: T[];
  /** Told already: the server took the message. */
  done: T[];
  /** Handed over without an answer (or a run died mid-send): maybe delivered, so held back. */
  unconfirmed: T[];
  /** Refused for good by the server in an earlier run. */
  failed: T[];
}

/** Which of the wanted messages go out in this run, from what the journal says of each. */
export function planDelivery<T extends { key: string }>(wanted: readonly T[], journal: JournalState, flags: PlanFlags = {}): DeliveryPlan<T> {
  const plan: DeliveryPlan<T> = { send: [], done: [], unconfirmed: [], failed: [] };
  for (const message of wanted) {
    const state = journal.get(message.key)?.state;
    if (state === 'sent') plan.done.push(message);
    else if (state === 'sending' || state === 'unconfirmed') (flags.resendUnconfirmed ? plan.send : plan.unconfirmed).push(message);
    else if (state === 'failed') (flags.retryFailed ? plan.send : plan.failed).push(message);
    else plan.send.push(message);
  }
  return plan;
}
