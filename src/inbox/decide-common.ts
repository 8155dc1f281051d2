import type { About, InboxAction, ListReason } from './actions.js';
import type { MessageFacts } from './classify.js';

/* What every rule of decide() says the same way: a message for a person, and who sent it. */

export const list = (about: About, reason: ListReason, detail: string, circle?: string): InboxAction => ({ ...about, type: 'list', reason, detail, ...(circle ? { circle } : {}) });

export const sender = (about: About) => (about.from ? `${about.from.name ? `${about.from.name} ` : ''}<${about.from.address}>` : 'a message with no sender');

/** The message listed instead of acted on, when DMARC or DKIM failed for its From domain. */
export function authenticationProblem(about: About, message: MessageFacts, circle?: string): InboxAction | undefined {
  if (!message.authentication) return undefined;
  return list(about, 'authentication', `the receiving server recorded ${message.authentication} for ${sender(about)}: the sender may be forged`, circle);
}
