import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { classifyError, type Outcome } from './outcome.js';
import type { JournalRecord, JournalWriter } from './journal.js';

/** One message to one person, built and ready: what the journal knows it by, and its bytes. */
export interface Outgoing {
  key: string;
  kind: string;
  to: string;
  from: string;
  raw: Buffer;
  detail?: Record<string, string | number>;
}

/** A message waiting its turn: built only when a connection is free, so building overlaps sending. */
export interface Queued {
  key: string;
  kind: string;
  to: string;
  build(): Promise<Outgoing>;
}

/** The part of a nodemailer transporter that delivery needs. */
export interface MailTransport {
  sendMail(mail: { envelope: { from: string; to: string[] }; raw: Readable }): Promise<{ accepted: unknown[]; rejected: unknown[]; response: string }>;
}

export interface DeliveryOptions {
  journal: JournalWriter;
  transport: MailTransport;
  /** Tries per message within one run when the server says "later". */
  attempts?: number;
  /** Milliseconds to wait before try `n` (2, 3, ...). */
  backoff?: (attempt: number) => number;
  /** Messages handed to the transport at once; its pool decides the connections. */
  inFlight?: number;
  onOutcome?: (message: Queued, outcome: Outcome) => void;
}

export interface DeliveryReport {
  outcomes: Array<{ message: Queued; outcome: Outcome }>;
  /** Messages not tried because the run stopped. */
  notTried: Queued[];
  stopped?: { reason: 'auth' | 'unreachable'; response: string };
}

const now = () => new Date().toISOString();

/** Sends the whole message from our own stream, so we know whether all of it left. */
async function attempt(message: Outgoing, transport: MailTransport): Promise<Outcome> {
  let handedOver = false;
  const raw = Readable.from([message.raw]);
  raw.once('end', () => {
    handedOver = true;
  });
  try {
    const info = await transport.sendMail({ envelope: { from: message.from, to: [message.to] }, raw });
    if (info.rejected.length > 0 || info.accepted.length === 0) return { state: 'failed', response: info.response };
    return { state: 'sent', response: info.response };
  } catch (error) {
    return classifyError(error, handedOver);
  }
}

/**
 * Sends each message at most once as far as anyone can know: a `sending` record is on disk before
 * the message goes, and its outcome after. Retries only what the server certainly did not take;
 * stops the run when login is refused or the server stays unreachable.
 */
export async function deliver(messages: readonly Queued[], options: DeliveryOptions): Promise<DeliveryReport> {
  const attempts = options.attempts ?? 3;
  const backoff = options.backoff ?? ((n: number) => 500 * 2 ** (n - 2));
  const report: DeliveryReport = { outcomes: [], notTried: [] };
  const queue = [...messages];
  const record = (message: Outgoing, fields: Pick<JournalRecord, 'state' | 'attempt' | 'response'>) =>
    options.journal.write(
      { key: message.key, kind: message.kind, to: message.to, at: now(), ...fields, ...(message.detail ? { detail: message.detail } : {}) },
      { wait: fields.state === 'sending' },
    );

  const work = async () => {
    for (let queued = queue.shift(); queued; queued = queue.shift()) {
      if (report.stopped) {
        report.notTried.push(queued);
        continue;
      }
      const message = await queued.build();
      let outcome: Outcome | undefined;
      for (let n = 1; n <= attempts && !report.stopped; n++) {
        if (n > 1) await sleep(backoff(n));
        await record(message, { state: 'sending', attempt: n });
        outcome = await attempt(message, options.transport);
        await record(message, { state: outcome.state, attempt: n, response: outcome.response });
        if (outcome.state !== 'deferred' || outcome.unreachable) break;
      }
      if (!outcome) {
        report.notTried.push(queued);
        continue;
      }
      if (outcome.state === 'auth') report.stopped = { reason: 'auth', response: outcome.response };
      // A connection that keeps failing, or a server that cannot be reached: the rest waits for the next run.
      if (outcome.state === 'deferred' && outcome.connection) report.stopped = { reason: 'unreachable', response: outcome.response };
      report.outcomes.push({ message: queued, outcome });
      options.onOutcome?.(queued, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.inFlight ?? 20) }, work));
  return report;
}
