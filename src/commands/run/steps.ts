import type { CommandModule } from '../../context.js';
import { followup, remind, runSteps } from '../mail.js';
import type { MailResult } from '../mail-results.js';
import type { MailOptions } from '../mail-run.js';
import * as inbox from '../inbox.js';
import { followupCircles, withoutRecordingReason } from '../../status/followup.js';
import { offersExpire, signupsPromote } from './roster-steps.js';
import { command, ids, scheduled, skipped, type Due, type Step } from './step.js';

/*
 * What `circle run` does, in this order, each step by calling a command's run() here, not spawning it. A step is
 * skipped, with the reason, when there is nothing for it to act on.
 */

/** A mail command for the circles `which` picks. */
const mailStep = (name: string, module: CommandModule<MailOptions, MailResult>, which: (due: Due) => string[], none: string): Step => ({
  name,
  run: async (o, context, due) => {
    const chosen = which(due);
    if (chosen.length === 0) return skipped(none);
    return command(module, { ids: chosen, ...(o.dryRun ? { dryRun: true } : {}), ...(o.yes ? { yes: true } : {}) }, context);
  },
});

/** The steps of a run, in order. */
export const STEPS: readonly Step[] = [
  {
    name: 'inbox',
    run: async (o, context) => {
      if (!context.env.CIRCLE_IMAP_URL) return skipped('CIRCLE_IMAP_URL is not set: no mailbox to read');
      // A message left for a person to read (one the tool cannot act on) needs one.
      return command(inbox, o.dryRun ? { dryRun: true } : {}, context, (result) => result.actions.some((action) => action.type === 'list'));
    },
  },
  offersExpire,
  signupsPromote,
  mailStep('waitlist notify', runSteps.waitlistNotify, (due) => ids(scheduled(due)), 'no scheduled circle to come'),
  // Cancelled circles to come too: their cancellations.
  mailStep('invites send', runSteps.invitesSend, (due) => ids(due.upcoming), 'no circle to come'),
  // After the invitations: a reminder points to the invitation the person already has.
  mailStep('remind', remind, (due) => ids(scheduled(due)), 'no scheduled circle to come'),
  // Last: the recording of each circle over whose file holds its recording_url (src/status/followup.ts).
  {
    name: 'followup',
    run: async (o, context, due) => {
      const { ready, without } = followupCircles(due.ended);
      const reason = withoutRecordingReason(without);
      if (ready.length === 0) return skipped(reason ?? 'no circle is over');
      const done = await command(followup, { ids: ready, ...(o.dryRun ? { dryRun: true } : {}), ...(o.yes ? { yes: true } : {}) }, context);
      return reason ? { ...done, text: `${done.text}${reason}\n` } : done;
    },
  },
];
