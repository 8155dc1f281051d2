import type { MailTransport } from './deliver.js';
import type { SmtpSettings } from './smtp-settings.js';

export interface PooledTransport extends MailTransport {
  verify(): Promise<unknown>;
  close(): void;
}

/**
 * A pooled SMTP connection. nodemailer must never requeue a message by itself: a message whose
 * connection dropped may have been delivered, and only the journal can decide what to resend.
 */
export async function openTransport(settings: SmtpSettings): Promise<PooledTransport> {
  const { createTransport } = await import('nodemailer');
  return createTransport({
    pool: true,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
    tls: { rejectUnauthorized: !settings.insecureTls },
    maxConnections: 5,
    maxMessages: 100,
    maxRequeues: 0,
    // No rateLimit here: nodemailer's counts per connection. --rate is kept over the whole run by deliver().
  }) as unknown as PooledTransport;
}
