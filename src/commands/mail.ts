import { DateTime } from 'luxon';
import type { CommandModule, Context } from '../context.js';
import { unwrap } from '../failure.js';
import { circleNow, invitationMessages, recordingMessages, waitlistNotices } from '../mail/messages.js';
import { reminderCircle, reminderMessages } from '../mail/reminders.js';
import { recordingDue, recordingLink, recordingOf } from '../mail/run-options.js';
import { staleFiles } from '../mail/stale-files.js';
import { json, present, type MailResult } from './mail-results.js';
import { runMail, type MailOptions, type MailWhat } from './mail-run.js';

/*
 * The four mail commands: each decides who is owed what (src/mail/messages.ts); planning, sending,
 * journaling, previews and summaries are shared (mail-run.ts, mail-results.ts).
 */

/**
 * A command that sends calendar invitations: its run may publish a change that leaves files in
 * invites/ out of date, named after it (`stale: false` for a step of `circle run`, which names them
 * once, after all its steps).
 */
function publishing(what: (now: DateTime) => MailWhat, stale = true): CommandModule<MailOptions, MailResult> {
  return {
    run: async (options: MailOptions, context: Context) => {
      const result = await runMail(options, what(DateTime.fromJSDate(context.now())), context);
      return { ...result, stale: stale ? await staleFiles(context.dir, { note: context.events.note, forget: !options.dryRun }) : [] };
    },
    present,
    json,
  };
}

/** Seat offers go only while open: one whose deadline passed before its mail went is never sent. */
const waitlistMail = (now: DateTime): MailWhat => ({
  command: 'waitlist notify',
  invitations: true,
  planner: ({ resolved, roster, journal, sequence }) => waitlistNotices(roster, journal, circleNow(resolved, sequence), now),
});

const invitationMail = (): MailWhat => ({
  command: 'invites send',
  invitations: true,
  planner: ({ resolved, roster, journal, sequence }) => invitationMessages(roster, journal, circleNow(resolved, sequence)),
});

export const waitlistNotify = publishing(waitlistMail);
export const invitesSend = publishing(invitationMail);

/** The two as steps of `circle run`: out-of-date calendar files are the run's to name, once. */
export const runSteps = { waitlistNotify: publishing(waitlistMail, false), invitesSend: publishing(invitationMail, false) };

/** `circle followup`: the recording of `--recording`, else of each circle's `recording_url`, once the session is over. */
export const followup: CommandModule<MailOptions & { recording?: string }, MailResult> = {
  run: async (options, context) => {
    const given = options.recording === undefined ? undefined : unwrap(recordingLink(options.recording));
    const now = DateTime.fromJSDate(context.now());
    const result = await runMail(options, {
      command: 'followup',
      invitations: false,
      planner: ({ resolved, roster, journal }) => {
        if (resolved.circle.status === 'cancelled') return [];
        unwrap(recordingDue(resolved, now));
        return recordingMessages(roster, journal, unwrap(recordingOf(resolved, given)));
      },
    }, context);
    return { ...result, stale: [] };
  },
  present,
  json,
};

/** `circle remind`: the reminders due now (src/mail/reminders.ts), by the run's clock. */
export const remind: CommandModule<MailOptions, MailResult> = {
  run: async (options, context) => {
    const now = DateTime.fromJSDate(context.now());
    const result = await runMail(options, {
      command: 'remind',
      invitations: false,
      planner: ({ resolved, roster }) => reminderMessages(roster, reminderCircle(resolved), now),
    }, context);
    return { ...result, stale: [] };
  },
  present,
  json,
};
