import type { ParsedMail } from 'mailparser';

/*
 * Delivery status notifications (RFC 3464): a `multipart/report; report-type=delivery-status`
 * whose `message/delivery-status` part has one block of fields for the message, then one per
 * recipient. mailparser keeps that part as an attachment when asked (`keepDeliveryStatus`); the
 * fields are read here, as RFC 3464 gives no MIME structure below them.
 */

export type DeliveryAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export interface RecipientStatus {
  /** The address from `Final-Recipient: rfc822; <address>`. */
  recipient: string;
  action: DeliveryAction;
  /** `5.1.1` and the like, when given. */
  status?: string;
  diagnostic?: string;
}

export interface DeliveryReport {
  recipients: RecipientStatus[];
  /** The Message-ID of the message reported on, from the report or the returned headers. */
  originalMessageId?: string;
}

const ACTIONS: ReadonlySet<string> = new Set(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);

/** Header-style blocks separated by empty lines, each a map of lower-cased names to unfolded values. */
function fieldBlocks(text: string): Array<Map<string, string>> {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      return fields;
    })
    .filter((fields) => fields.size > 0);
}

/** `rfc822; ana@example.org` -> `ana@example.org`; other address types are not mail addresses. */
const rfc822Address = (value: string | undefined) => {
  const match = /^rfc822\s*;\s*<?([^<>\s]+)>?$/i.exec(value ?? '');
  return match?.[1];
};

/** The Message-ID in the header section of a returned message or its headers. */
function returnedMessageId(text: string): string | undefined {
  const [headers = ''] = text.split(/\r?\n\r?\n/, 1);
  return /^Message-ID:\s*(<[^<>\s]+>)/im.exec(headers)?.[1];
}

export function deliveryReport(mail: ParsedMail): DeliveryReport | undefined {
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value !== 'multipart/report' || type.params?.['report-type']?.toLowerCase() !== 'delivery-status') return undefined;
  const status = mail.attachments.find((part) => part.contentType === 'message/delivery-status' || part.contentType === 'message/global-delivery-status');
  if (!status) return undefined;
  const [perMessage, ...perRecipient] = fieldBlocks(status.content.toString('utf8'));
  const recipients = perRecipient.flatMap((fields): RecipientStatus[] => {
    const recipient = rfc822Address(fields.get('final-recipient'));
    const action = fields.get('action')?.toLowerCase().split(/\s/)[0] ?? '';
    if (!recipient || !ACTIONS.has(action)) return [];
    const code = fields.get('status')?.split(/\s/)[0];
    const diagnostic = fields.get('diagnostic-code');
    return [{ recipient, action: action as DeliveryAction, ...(code ? { status: code } : {}), ...(diagnostic ? { diagnostic } : {}) }];
  });
  const returned = mail.attachments.find((part) => ['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers'].includes(part.contentType));
  const originalMessageId = perMessage?.get('original-message-id') ?? perMessage?.get('x-original-message-id') ?? (returned ? returnedMessageId(returned.content.toString('utf8')) : undefined);
  return { recipients, ...(originalMessageId ? { originalMessageId } : {}) };
}
