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
export async function openTransport(settings: SmtpSettings, options: { ratePerSecond?: number } = {}): Promise<PooledTransport> {
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
    ...(options.ratePerSecond ? { rateDelta: 1000, rateLimit: options.ratePerSecond } : {}),
  }) as unknown as PooledTransport;
}
