import { emailKey } from '../model/email.js';
import type { About, InboxAction } from './actions.js';
import type { DeliveryReport } from './bounce.js';
import type { MessageFacts } from './classify.js';
import type { Run } from './decide.js';
import { authenticationProblem, list } from './decide-common.js';

/**
 * A delivery report: each failed recipient marks the journal entry of the message that bounced,
 * found by the reported Message-ID, else the latest message to that address. A delay (RFC 3464
 * `Action: delayed`) changes nothing: the server is still trying.
 */
export function bounceActions(about: About, message: MessageFacts, report: DeliveryReport, run: Run): InboxAction[] {
  const unsafe = authenticationProblem(about, message);
  if (unsafe) return [unsafe];
  const failed = report.recipients.filter((recipient) => recipient.action === 'failed');
  if (failed.length === 0) {
    return report.recipients.length > 0
      ? [{ ...about, type: 'ignore', reason: 'delivery-delayed' }]
      : [list(about, 'unreadable', 'a delivery report that names no recipient')];
  }
  const reported = report.originalMessageId ? run.sentById.get(report.originalMessageId) : undefined;
  return failed.map((recipient): InboxAction => {
    const sent = reported ?? run.sentTo.get(emailKey(recipient.recipient));
    if (!sent) {
      return list(about, 'unknown-recipient', `a bounce for ${recipient.recipient}, to whom the journal has no message`);
    }
    return { ...about, type: 'bounce', recipient: recipient.recipient, circle: sent.circle, journalKey: sent.key, ...(recipient.status ? { status: recipient.status } : {}), ...(recipient.diagnostic ? { diagnostic: recipient.diagnostic } : {}) };
  });
}
