import { named } from './address.js';
import type { DeliveryReport } from './deliver.js';
import { CALENDAR_KINDS, commandFor } from './kinds.js';
import type { JournalState } from './journal.js';
import type { CirclePlan, Mailing } from './mailing.js';
import type { CircleOutcome } from './sending.js';
import { signupId, type WantedMessage } from './messages.js';
import { bouncedAddresses, type Bounced } from './bounces.js';
import { emailKey } from '../model/email.js';
import type { Signup } from '../roster/types.js';
import type { SendState } from './outcome.js';
import { redact } from './smtp-settings.js';

/*
 * What the mail commands say, as data and plain lines: the plan before sending, the rows of
 * --dry-run and --preview, the results after (in the --json shape, also when nothing was sent),
 * their counts, and what the organiser does about each message that did not go.
 */

/**
 * The command that sends one message again: `--retry-failed` after a refusal (once the address is
 * right), `--resend-unconfirmed` once the person says it did not arrive; a deferred one goes by itself.
 */
export function resolveCommand(circle: string, kind: string, state: string, recording?: string): string {
  const command = commandFor(kind) ?? 'invites send';
  const flag = state === 'failed' ? ' --retry-failed' : state === 'unconfirmed' || state === 'sending' ? ' --resend-unconfirmed' : state === 'bounced' ? ' --retry-bounced' : '';
  const url = command === 'followup' ? ` --recording ${recording ?? '<url>'}` : '';
  return `circle ${command} ${circle}${url}${flag}`;
}

/** What the organiser does about a message in that state. */
export const resolveHint = (state: string) =>
  state === 'failed'
    ? 'once the address is right (`circle signups edit`), send it again'
    : state === 'unconfirmed' || state === 'sending'
      ? 'it may have arrived: ask the person, then if needed'
      : state === 'bounced'
        ? 'correct the address with `circle signups edit` (the next run mails the new one), or if it is right, send again'
        : 'the next run tries it again';

const heldLine = (circle: string, m: WantedMessage, state: 'failed' | 'unconfirmed') =>
  `  ${state === 'failed' ? 'failed earlier' : 'unconfirmed'}: ${m.kind} to ${named(m.signup.name, m.signup.email)} in ${circle}; ${resolveHint(state)}: ${resolveCommand(circle, m.kind, state, m.said?.recording)}`;

const bouncedLine = (circle: string, { message: m, bounce }: Bounced<WantedMessage>) =>
  `  bounced: ${m.kind} to ${named(m.signup.name, m.signup.email)} in ${circle} (the ${bounce.kind} message to it bounced: ${bounce.response ?? 'no reason given'}); ${resolveHint('bounced')}: ${resolveCommand(circle, m.kind, 'bounced', m.said?.recording)}`;

/**
 * More circles than this with nothing to send and nothing held back share one line: a series of
 * hundreds would otherwise fill the log of every scheduled run with a line per circle per step.
 */
const QUIET_NAMED = 5;

const quiet = ({ plan }: CirclePlan) => plan.send.length + plan.unconfirmed.length + plan.failed.length + plan.bounced.length === 0;

/** Per circle, what goes and what is held back, with each held-back message named; circles with nothing to do together when there are many. */
export function describePlan(mailing: Mailing): string[] {
  const idle = mailing.circles.filter(quiet);
  if (idle.length <= QUIET_NAMED) return mailing.circles.flatMap(circleLines);
  const sent = idle.reduce((n, c) => n + c.alreadySent, 0);
  const others = idle.length < mailing.circles.length ? ' other' : '';
  return [...mailing.circles.filter((c) => !quiet(c)).flatMap(circleLines), `${idle.length}${others} circles: nothing to send${sent ? `; ${sent} already sent` : ''}`];
}

function circleLines({ resolved, plan, alreadySent }: CirclePlan): string[] {
  const kinds = new Map<string, number>();
  for (const m of plan.send) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
  const parts = [...kinds].map(([kind, n]) => `${n} ${kind}`);
  const held = [
    alreadySent ? `${alreadySent} already sent` : '',
    plan.unconfirmed.length ? `${plan.unconfirmed.length} unconfirmed held back (--resend-unconfirmed)` : '',
    plan.failed.length ? `${plan.failed.length} failed earlier (--retry-failed)` : '',
    plan.bounced.length ? `${plan.bounced.length} to bounced addresses held back (--retry-bounced)` : '',
  ].filter(Boolean);
  const id = resolved.circle.id;
  return [
    `${id}: ${parts.length ? `to send: ${parts.join(', ')}` : 'nothing to send'}${held.length ? `; ${held.join('; ')}` : ''}`,
    ...plan.failed.map((m) => heldLine(id, m, 'failed')),
    ...plan.unconfirmed.map((m) => heldLine(id, m, 'unconfirmed')),
    ...plan.bounced.map((b) => bouncedLine(id, b)),
  ];
}

/** Who would get what: one row of --dry-run (and of --preview, with its file). */
export function messageRow(circle: string, m: WantedMessage) {
  return {
    circle,
    kind: m.kind,
    to: m.signup.email,
    name: m.signup.name ?? null,
    language: m.signup.language,
    ...(m.position !== undefined ? { position: m.position } : {}),
    ...(m.sequence !== undefined && CALENDAR_KINDS.has(m.kind) ? { sequence: m.sequence } : {}),
  };
}

export const plannedRows = (mailing: Mailing) => mailing.circles.flatMap(({ resolved, plan }) => plan.send.map((m) => messageRow(resolved.circle.id, m)));

export const plannedCount = (mailing: Mailing) => mailing.circles.reduce((n, c) => n + c.plan.send.length, 0);

/** Messages held back from earlier runs: unconfirmed or failed. */
export const heldBack = (mailing: Mailing) => mailing.circles.reduce((n, c) => n + c.plan.unconfirmed.length + c.plan.failed.length, 0);

/** Messages held back because mail to their address bounced. */
export const bouncedBack = (mailing: Mailing) => mailing.circles.reduce((n, c) => n + c.plan.bounced.length, 0);

/** Circles whose mail has no one to come from: listed, but not sendable. */
export const withoutSender = (mailing: Mailing) => mailing.circles.filter((c) => !c.sender).map((c) => c.resolved.circle.id);

/** The --json results of one circle. */
export interface CircleResults {
  circle: string;
  results: Array<{ kind: string; to: string; state: SendState; response: string }>;
  notTried: Array<{ kind: string; to: string }>;
  stopped: { reason: NonNullable<DeliveryReport['stopped']>['reason']; response: string } | null;
  /** Held back because mail to the address bounced: only there when some were. */
  bounced?: BouncedResult[];
}

export interface BouncedResult {
  kind: string;
  to: string;
  name: string | null;
  /** The kind of the message that bounced, and the report's status and diagnostic. */
  bouncedKind: string;
  response: string;
}

/** The `bounced` entry of a circle's --json results, absent when none were held back (the shape stays as it was). */
function bouncedResults(bounced: ReadonlyArray<Bounced<WantedMessage>>): { bounced?: BouncedResult[] } {
  if (bounced.length === 0) return {};
  return { bounced: bounced.map(({ message: m, bounce }) => ({ kind: m.kind, to: m.signup.email, name: m.signup.name ?? null, bouncedKind: bounce.kind, response: bounce.response ?? '' })) };
}

/** The results of a run that sent nothing (nothing owed, or the organiser said no): every planned message not tried. */
export function unsentResults(mailing: Mailing): CircleResults[] {
  return mailing.circles.map(({ resolved, plan }) => ({
    circle: resolved.circle.id,
    results: [],
    notTried: plan.send.map((m) => ({ kind: m.kind, to: m.signup.email })),
    stopped: null,
    ...bouncedResults(plan.bounced),
  }));
}

/** The results of a run, the password never in a server's answer. */
export function runResults(outcomes: readonly CircleOutcome[], settings: { pass?: string }): CircleResults[] {
  return outcomes.map(({ circle, report, bounced }) => ({
    circle,
    results: report.outcomes.map(({ message, outcome }) => ({ kind: message.kind, to: message.to, state: outcome.state, response: redact(outcome.response, settings) })),
    notTried: report.notTried.map((m) => ({ kind: m.kind, to: m.to })),
    stopped: report.stopped ? { reason: report.stopped.reason, response: redact(report.stopped.response, settings) } : null,
    ...bouncedResults(bounced),
  }));
}

export interface RunCounts {
  sent: number;
  failed: number;
  unconfirmed: number;
  deferred: number;
  notTried: number;
  /** Held back from earlier runs: unconfirmed or failed, not tried again unless asked. */
  held: number;
  /** Held back because mail to the address bounced, not tried again unless asked. */
  bounced: number;
  stopped: DeliveryReport['stopped'];
  /** Everything owed went: nothing failed, waits, or was held back. */
  done: boolean;
}

export function runCounts(outcomes: readonly CircleOutcome[], mailing: Mailing): RunCounts {
  const count = (state: SendState) => outcomes.reduce((n, o) => n + o.report.outcomes.filter((x) => x.outcome.state === state).length, 0);
  const counts = {
    sent: count('sent'),
    failed: count('failed'),
    unconfirmed: count('unconfirmed'),
    deferred: count('deferred'),
    notTried: outcomes.reduce((n, o) => n + o.report.notTried.length, 0),
    held: heldBack(mailing),
    bounced: outcomes.reduce((n, o) => n + o.bounced.length, 0),
    stopped: outcomes.find((o) => o.report.stopped)?.report.stopped,
  };
  const done = !(counts.failed || counts.unconfirmed || counts.deferred || counts.notTried || counts.held || counts.bounced || counts.stopped);
  return { ...counts, done };
}

/** "sent 3, failed 1, …": the last line of a run. */
export const countsLine = (c: RunCounts) =>
  `sent ${c.sent}, failed ${c.failed}, unconfirmed ${c.unconfirmed}, deferred ${c.deferred}, not tried ${c.notTried}${c.held ? `, held back from earlier runs ${c.held}` : ''}${c.bounced ? `, held back for bounced addresses ${c.bounced}` : ''}`;

/** A message of the run that did not go: the person in full and the server's own answer (the password never), then what to do. */
export interface Unsent {
  state: Exclude<SendState, 'sent'>;
  /** `rcpt to Ana Pérez <ana@example.org> in making-a-case: 550 no such user` */
  what: string;
  /** `once the address is right …: circle invites send making-a-case --retry-failed` */
  todo: string;
}

export function unsentMessages(outcomes: readonly CircleOutcome[], mailing: Mailing, settings: { pass?: string }): Unsent[] {
  const wanted = new Map(mailing.circles.flatMap(({ resolved, plan }) => plan.send.map((m) => [`${resolved.circle.id} ${m.key}`, m] as const)));
  return outcomes.flatMap(({ circle, report }) =>
    report.outcomes.flatMap(({ message, outcome }) => {
      if (outcome.state === 'sent') return [];
      const planned = wanted.get(`${circle} ${message.key}`);
      return [{
        state: outcome.state,
        what: `${message.kind} to ${named(planned?.signup.name, message.to)} in ${circle}: ${redact(outcome.response, settings)}`,
        todo: `${resolveHint(outcome.state)}: ${resolveCommand(circle, message.kind, outcome.state, planned?.said?.recording)}`,
      }];
    }),
  );
}

/** A message to one signup that did not certainly arrive, with the command that resolves it. */
export interface MailTrouble {
  kind: string;
  state: string;
  to: string;
  response: string;
  command: string;
}

const TROUBLE = new Set(['failed', 'unconfirmed', 'sending', 'deferred']);

/**
 * Per signup, the messages whose last word in the journal is not "sent" (a run that died leaves
 * `sending`: unconfirmed), and those that bounced while their address still counts as bounced.
 */
export function mailTrouble(journal: JournalState, circle: string): (signup: Signup) => MailTrouble[] {
  const bounced = bouncedAddresses(journal);
  const troubles = [...journal.values()].filter((record) => TROUBLE.has(record.state) || (record.state === 'bounced' && bounced.has(emailKey(record.to))));
  return (signup) =>
    troubles
      .filter((r) => (r.detail?.signup !== undefined ? r.detail.signup === signupId(signup) : emailKey(r.to) === emailKey(signup.email)))
      .map((r) => {
        const state = r.state === 'sending' ? 'unconfirmed' : r.state;
        const recording = typeof r.detail?.recording === 'string' ? r.detail.recording : undefined;
        return { kind: r.kind, state, to: r.to, response: r.response ?? 'no answer from the server', command: resolveCommand(circle, r.kind, state, recording) };
      });
}
