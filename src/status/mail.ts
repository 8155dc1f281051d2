import type { DateTime } from 'luxon';
import { failure, success, type Result } from '../failure.js';
import type { ResolvedCircle } from '../model/circle.js';
import type { Roster } from '../roster/types.js';
import type { JournalState } from '../mail/journal.js';
import type { MailCommand } from '../mail/kinds.js';
import { planCircle } from '../mail/mailing.js';
import { circleNow, invitationMessages, recordingMessages, waitlistNotices, type WantedMessage } from '../mail/messages.js';
import { reminderCircle, reminderMessages } from '../mail/reminders.js';
import { resolveCommand, resolveHint } from '../mail/summary.js';
import { followupRecording } from './followup.js';

/*
 * What a circle's mail commands would send now, and what they hold back for a person, from what was
 * read (roster, journal, SEQUENCE): the planners of the mail commands, run without sending.
 */

/** What one circle's plan is made from. */
export interface MailInput {
  resolved: ResolvedCircle;
  roster: Roster;
  journal: JournalState;
  sequence: number;
  /** The clock: reminders due, and whether the session is over for its follow-up. */
  now: DateTime;
}

/**
 * The mail commands whose messages a circle may owe, in the order `circle run` sends them, each
 * with the planner its command uses. A new kind of mail joins by adding its command and planner here.
 */
export const DUTIES: ReadonlyArray<{ command: MailCommand; planner: (input: MailInput) => WantedMessage[] }> = [
  { command: 'waitlist notify', planner: ({ resolved, roster, journal, sequence, now }) => waitlistNotices(roster, journal, circleNow(resolved, sequence), now) },
  { command: 'invites send', planner: ({ resolved, roster, journal, sequence }) => invitationMessages(roster, journal, circleNow(resolved, sequence)) },
  { command: 'remind', planner: ({ resolved, roster, now }) => reminderMessages(roster, reminderCircle(resolved), now) },
  // Owed by itself only once the session is over and the file holds recording_url, as `circle run` sends it.
  {
    command: 'followup',
    planner: ({ resolved, roster, journal, now }) => {
      const recording = followupRecording(resolved, now);
      return recording === undefined ? [] : recordingMessages(roster, journal, recording);
    },
  },
];

/** Messages a command would send: counted by kind, with the command that sends them. */
export interface Owed {
  command: string;
  count: number;
  kinds: Record<string, number>;
}

/** A message held back until a person acts: the person in full, the server's answer, and the command that resolves it. */
export interface Held {
  kind: string;
  state: 'failed' | 'unconfirmed' | 'bounced';
  to: string;
  name: string | null;
  response: string;
  hint: string;
  command: string;
}

export interface CircleMail {
  owed: Owed[];
  held: Held[];
}

const held = (id: string, m: WantedMessage, state: Held['state'], response: string | undefined): Held => ({
  kind: m.kind,
  state,
  to: m.signup.email,
  name: m.signup.name ?? null,
  response: response ?? 'no answer from the server',
  hint: resolveHint(state),
  command: resolveCommand(id, m.kind, state, m.said?.recording),
});

/** Each message once, under the first command that owes it (a seat is owed by both `waitlist notify` and `invites send`). */
export function circleMail(input: MailInput): Result<CircleMail> {
  const id = input.resolved.circle.id;
  const seen = new Set<string>();
  const first = (m: WantedMessage) => !seen.has(m.key) && seen.add(m.key);
  const result: CircleMail = { owed: [], held: [] };
  for (const { command, planner } of DUTIES) {
    const plan = planCircle(input, { planner: () => planner(input) });
    if (!plan.ok) return failure('input', plan.failure.message, plan.failure.hint);
    const { send, failed, unconfirmed, bounced } = plan.value;
    const response = (m: WantedMessage) => input.journal.get(m.key)?.response;
    result.held.push(
      ...failed.filter(first).map((m) => held(id, m, 'failed', response(m))),
      ...unconfirmed.filter(first).map((m) => held(id, m, 'unconfirmed', response(m))),
      ...bounced.filter((b) => first(b.message)).map((b) => held(id, b.message, 'bounced', b.bounce.response)),
    );
    const kinds: Record<string, number> = {};
    for (const m of send.filter(first)) kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
    const count = Object.values(kinds).reduce((n, k) => n + k, 0);
    if (count) result.owed.push({ command: `circle ${command} ${id}`, count, kinds });
  }
  return success(result);
}
