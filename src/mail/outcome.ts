/** What became of one attempt to hand a message to the SMTP server. */
export type SendOutcome =
  | { state: 'sent'; response: string }
  /** The server certainly did not take it (a 4xx answer, or no byte of it was sent): try again. */
  | { state: 'deferred'; response: string; connection: boolean; unreachable?: boolean }
  /** The server refused it for good (5xx): not retried unless asked. */
  | { state: 'failed'; response: string }
  /** The whole message was handed over and no answer came: it may have been delivered. */
  | { state: 'unconfirmed'; response: string }
  /** Login refused: nothing can be sent with these settings. */
  | { state: 'auth'; response: string };

export type SendState = SendOutcome['state'];

interface SmtpError {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

// 503 (bad sequence) and 552 (storage exceeded) are 5xx answers that a later try can get past.
const TRANSIENT_5XX = new Set([503, 552]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * Decides from a nodemailer error and whether the whole message left us. An answer from the
 * server is certain either way; silence after the message was handed over is not.
 */
export function classifyError(error: unknown, handedOver: boolean): SendOutcome {
  const e = (error ?? {}) as SmtpError;
  const response = e.response ?? e.message ?? String(error);
  if (e.code === 'EAUTH') return { state: 'auth', response };
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500 && !TRANSIENT_5XX.has(e.responseCode)) return { state: 'failed', response };
    if (e.responseCode >= 400) return { state: 'deferred', response, connection: false };
  }
  if (handedOver) return { state: 'unconfirmed', response };
  // No server answers at all: trying again in a second will not help, the next run will.
  const unreachable = e.code === 'EDNS' || UNREACHABLE.has(e.originalCode ?? '');
  return { state: 'deferred', response, connection: true, ...(unreachable ? { unreachable } : {}) };
}
