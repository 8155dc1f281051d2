import type { JournalState } from './journal.js';

export interface PlanFlags {
  resendUnconfirmed?: boolean;
  retryFailed?: boolean;
  /** Send to addresses whose mail bounced (src/mail/bounces.ts) as to any other. */
  retryBounced?: boolean;
}

export interface DeliveryPlan<T> {
  send: T[];
  /** Handed over without an answer (or a run died mid-send): maybe delivered, so held back. */
  unconfirmed: T[];
  /** Refused for good by the server in an earlier run. */
  failed: T[];
}

/** Which of the wanted messages go out in this run, from what the journal says of each. */
export function planDelivery<T extends { key: string }>(wanted: readonly T[], journal: JournalState, flags: PlanFlags = {}): DeliveryPlan<T> {
  const plan: DeliveryPlan<T> = { send: [], unconfirmed: [], failed: [] };
  for (const message of wanted) {
    const state = journal.get(message.key)?.state;
    if (state === 'sent') continue; // told already
    if (state === 'sending' || state === 'unconfirmed') (flags.resendUnconfirmed ? plan.send : plan.unconfirmed).push(message);
    else if (state === 'failed') (flags.retryFailed ? plan.send : plan.failed).push(message);
    else plan.send.push(message);
  }
  return plan;
}

/**
 * How many messages of these kinds the journal holds as sent. Counted from the journal, not the
 * plan: people told before they were promoted, moved or cancelled are no longer in the plan.
 */
export function sentCount(journal: JournalState, kinds: readonly string[]): number {
  let count = 0;
  for (const record of journal.values()) if (record.state === 'sent' && kinds.includes(record.kind)) count++;
  return count;
}
