import { EXIT } from '../errors.js';
import { CALENDAR_KINDS, commandFor } from '../mail/kinds.js';
import type { CircleOutcome, Mailing } from '../mail/mailing.js';
import type { WantedMessage } from '../mail/messages.js';
import type { Outcome } from '../mail/outcome.js';
import { redact } from '../mail/smtp-settings.js';
import { note, paint, printJson } from '../ui/terminal.js';

/*
 * What the mail commands say: the plan before sending, the rows of --dry-run and --preview, and
 * the results after (as lines, and in the --json shape, also when nothing was sent).
 */

/** `ana@example.org` -> `a…@example.org`: enough to recognise in a summary, not a list of addresses in a log. */
const mask = (email: string) => email.replace(/^(.)[^@]*/, '$1…');

/** Server answers often repeat the address (`550 <ana@example.org>: rejected`): shown masked, never with the password. */
export const scrub = (text: string, settings: { pass?: string }) =>
  redact(text, settings).replace(/[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, mask);

/** "Ana Pérez <ana@example.org>": a message the organiser must act on names its person in full. */
export const named = (name: string | undefined, email: string) => (name ? `${name} <${email}>` : email);

/**
 * The command that sends one message again: `--retry-failed` after a refusal (once the address is
 * right), `--resend-unconfirmed` once the person says it did not arrive; a deferred one goes by itself.
 */
export function resolveCommand(circle: string, kind: string, state: string, recording?: string): string {
  const command = commandFor(kind) ?? 'invites send';
  const flag = state === 'failed' ? ' --retry-failed' : state === 'unconfirmed' || state === 'sending' ? ' --resend-unconfirmed' : '';
  const url = command === 'followup' ? ` --recording ${recording ?? '<url>'}` : '';
  return `circle ${command} ${circle}${url}${flag}`;
}

/** What the organiser does about a message in that state. */
export const resolveHint = (state: string) =>
  state === 'failed'
    ? 'once the address is right (`circle signups edit`), send it again'
    : state === 'unconfirmed' || state === 'sending'
      ? 'it may have arrived: ask the person, then if needed'
      : 'the next run tries it again';

const heldLine = (circle: string, m: WantedMessage, state: 'failed' | 'unconfirmed') =>
  `  ${state === 'failed' ? 'failed earlier' : 'unconfirmed'}: ${m.kind} to ${named(m.signup.name, m.signup.email)} in ${circle}; ${resolveHint(state)}: ${resolveCommand(circle, m.kind, state, m.said?.recording)}`;

export function describePlan(mailing: Mailing): string[] {
  return mailing.circles.flatMap(({ resolved, plan, alreadySent }) => {
    const kinds = new Map<string, number>();
    for (const m of plan.send) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
    const parts = [...kinds].map(([kind, n]) => `${n} ${kind}`);
    const held = [
      alreadySent ? `${alreadySent} already sent` : '',
      plan.unconfirmed.length ? `${plan.unconfirmed.length} unconfirmed held back (--resend-unconfirmed)` : '',
      plan.failed.length ? `${plan.failed.length} failed earlier (--retry-failed)` : '',
    ].filter(Boolean);
    const id = resolved.circle.id;
    return [
      `${id}: ${parts.length ? `to send: ${parts.join(', ')}` : 'nothing to send'}${held.length ? `; ${held.join('; ')}` : ''}`,
      ...plan.failed.map((m) => heldLine(id, m, 'failed')),
      ...plan.unconfirmed.map((m) => heldLine(id, m, 'unconfirmed')),
    ];
  });
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

export const heldBack = (mailing: Mailing) => mailing.circles.reduce((n, c) => n + c.plan.unconfirmed.length + c.plan.failed.length, 0);

/** The --json results of a run that sent nothing (nothing owed, or the organiser said no): every planned message not tried. */
export function unsentJson(mailing: Mailing): void {
  printJson(
    mailing.circles.map(({ resolved, plan }) => ({
      circle: resolved.circle.id,
      results: [],
      notTried: plan.send.map((m) => ({ kind: m.kind, to: m.signup.email })),
      stopped: null,
    })),
  );
}

export function summarise(outcomes: readonly CircleOutcome[], mailing: Mailing, json: boolean, settings: { pass?: string }): number {
  const count = (state: Outcome['state']) => outcomes.reduce((n, o) => n + o.report.outcomes.filter((x) => x.outcome.state === state).length, 0);
  const sent = count('sent');
  const failed = count('failed');
  const unconfirmed = count('unconfirmed');
  const deferred = count('deferred');
  const notTried = outcomes.reduce((n, o) => n + o.report.notTried.length, 0);
  const stopped = outcomes.find((o) => o.report.stopped)?.report.stopped;
  const held = heldBack(mailing);
  if (json) {
    printJson(
      outcomes.map(({ circle, report }) => ({
        circle,
        results: report.outcomes.map(({ message, outcome }) => ({ kind: message.kind, to: message.to, state: outcome.state, response: redact(outcome.response, settings) })),
        notTried: report.notTried.map((m) => ({ kind: m.kind, to: m.to })),
        stopped: report.stopped ? { reason: report.stopped.reason, response: redact(report.stopped.response, settings) } : null,
      })),
    );
  }
  const wanted = new Map(mailing.circles.flatMap(({ resolved, plan }) => plan.send.map((m) => [`${resolved.circle.id} ${m.key}`, m] as const)));
  for (const { circle, report } of outcomes) {
    for (const { message, outcome } of report.outcomes) {
      if (outcome.state === 'sent') continue;
      const label = outcome.state === 'unconfirmed' ? paint.yellow('unconfirmed') : paint.red(outcome.state);
      const planned = wanted.get(`${circle} ${message.key}`);
      // The person in full, and the server's own answer (the password never): the organiser has to act on it.
      note(`${label}: ${message.kind} to ${named(planned?.signup.name, message.to)} in ${circle}: ${redact(outcome.response, settings)}`);
      note(`  ${resolveHint(outcome.state)}: ${resolveCommand(circle, message.kind, outcome.state, planned?.said?.recording)}`);
    }
  }
  if (stopped) {
    note(paint.red(stopped.reason === 'auth' ? 'stopped: the server refused the login' : 'stopped: the server went away'));
    note('run the same command again to send the rest; nobody who was sent a message gets it twice');
  }
  note(`sent ${sent}, failed ${failed}, unconfirmed ${unconfirmed}, deferred ${deferred}, not tried ${notTried}${held ? `, held back from earlier runs ${held}` : ''}`);
  if (unconfirmed) note('unconfirmed messages may have arrived; check with the people, then use --resend-unconfirmed if needed');
  return failed || unconfirmed || deferred || notTried || held || stopped ? EXIT.invalid : EXIT.ok;
}
