import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { classifyError, type SendOutcome } from './outcome.js';
import { JournalError, type JournalRecord, type JournalWriter } from './journal.js';

/** One message to one person, built and ready: what the journal knows it by, and its bytes. */
export interface Outgoing {
  key: string;
  kind: string;
  to: string;
  from: string;
  raw: Buffer;
  /** Its Message-ID, journaled with each of its records. */
  messageId: string;
  detail?: Record<string, string | number>;
}

/** A message waiting its turn: built only when a connection is free, so building overlaps sending. */
export interface Queued {
  key: string;
  kind: string;
  to: string;
  /** The person's name, for a report that must name them in full. */
  name?: string;
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
  /** Waits for the next send slot (a rateLimiter): the run's ceiling, whatever the number of connections. */
  pace?: () => Promise<void>;
  /** The run's lock: checked before each message goes, so a run that lost it stops at once. */
  lock?: { check(): Promise<void> };
  onOutcome?: (message: Queued, outcome: SendOutcome) => void;
}

export interface RateLimit {
  perSecond: number;
  /** Milliseconds since the epoch, and a sleep: tests pass simulated ones. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryReport {
  outcomes: Array<{ message: Queued; outcome: SendOutcome }>;
  /** Messages not tried because the run stopped. */
  notTried: Queued[];
  /** Messages handed over whose answer never reached the journal: it shows them as unconfirmed. */
  unrecorded: Array<{ message: Queued; outcome: SendOutcome }>;
  stopped?: { reason: 'auth' | 'unreachable'; response: string } | { reason: 'journal' | 'lock'; response: string; error: Error };
}

const now = () => new Date().toISOString();

/**
 * Hands out send times at most `perSecond` apart over the whole run: each caller takes the next
 * slot at once (so callers running side by side get distinct ones), then waits for it.
 */
export function rateLimiter({ perSecond, clock = Date.now, sleep: wait = (ms) => sleep(ms) }: RateLimit): () => Promise<void> {
  const gap = 1000 / perSecond;
  let next = -Infinity;
  return async () => {
    const time = clock();
    const slot = Math.max(time, next);
    next = slot + gap;
    if (slot > time) await wait(slot - time);
  };
}

/** Sends the whole message from our own stream, so we know whether all of it left. */
async function attempt(message: Outgoing, transport: MailTransport): Promise<SendOutcome> {
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
  const slot = options.pace ?? (async () => undefined);
  const report: DeliveryReport = { outcomes: [], notTried: [], unrecorded: [] };
  const queue = [...messages];
  /** The answers being written, each with whether it reached the journal. */
  const answers: Array<Promise<{ message: Queued; outcome: SendOutcome; recorded: boolean }>> = [];
  const record = (message: Outgoing, fields: Pick<JournalRecord, 'state' | 'attempt' | 'response'>) =>
    options.journal.write({ key: message.key, kind: message.kind, to: message.to, at: now(), ...fields, messageId: message.messageId, ...(message.detail ? { detail: message.detail } : {}) });
  /** Nothing more goes once the journal cannot record it or the lock is lost; what is in flight finishes. */
  const stop = (reason: 'journal' | 'lock', error: Error) => {
    if (!report.stopped || report.stopped.reason === 'auth' || report.stopped.reason === 'unreachable') report.stopped = { reason, response: error.message, error };
  };

  /** Writes `sending`, checks the lock, and only then hands the message over; undefined when it did not go. */
  const send = async (message: Outgoing, n: number): Promise<SendOutcome | undefined> => {
    await slot();
    if (report.stopped) return undefined;
    try {
      await record(message, { state: 'sending', attempt: n });
    } catch (error) {
      if (!(error instanceof JournalError)) throw error;
      stop('journal', error);
      return undefined;
    }
    try {
      await options.lock?.check();
    } catch (error) {
      stop('lock', error as Error);
      // Certainly not handed over: the journal says so, so that no run holds it back as unconfirmed.
      void record(message, { state: 'deferred', attempt: n, response: `not sent: ${(error as Error).message}` }).catch(() => undefined);
      return undefined;
    }
    return attempt(message, options.transport);
  };

  const work = async () => {
    for (let queued = queue.shift(); queued; queued = queue.shift()) {
      if (report.stopped) {
        report.notTried.push(queued);
        continue;
      }
      const message = await queued.build();
      let outcome: SendOutcome | undefined;
      for (let n = 1; n <= attempts && !report.stopped; n++) {
        if (n > 1) await sleep(backoff(n));
        outcome = await send(message, n);
        if (!outcome) break;
        const answer = { message: queued, outcome };
        answers.push(record(message, { state: outcome.state, attempt: n, response: outcome.response }).then(() => ({ ...answer, recorded: true }), () => ({ ...answer, recorded: false })));
        if (outcome.state !== 'deferred' || outcome.unreachable) break;
      }
      if (!outcome) {
        report.notTried.push(queued);
        continue;
      }
      if (outcome.state === 'auth') report.stopped = { reason: 'auth', response: outcome.response };
      // A connection that keeps failing, or a server that cannot be reached: the rest waits for the next run.
      if (outcome.state === 'deferred' && outcome.connection) report.stopped ??= { reason: 'unreachable', response: outcome.response };
      report.outcomes.push({ message: queued, outcome });
      options.onOutcome?.(queued, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.inFlight ?? 20) }, work));
  await options.journal.flush();
  for (const answer of await Promise.all(answers)) {
    if (answer.recorded) continue;
    report.unrecorded.push(answer);
    if (options.journal.failed) stop('journal', options.journal.failed);
  }
  return report;
}
