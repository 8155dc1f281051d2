import type { CommandModule, Context, Outcome, Shown } from '../../context.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { followup, invitesSend, remind, waitlistNotify } from '../mail.js';
import * as inbox from '../inbox.js';
import { lapsedLines, promotedLines } from '../signups/change-text.js';
import { offerRules } from '../../roster/offers.js';
import { expireAll } from './offers.js';
import { followupCircles, withoutRecordingReason } from '../../status/followup.js';
import { promoteAll } from './promote.js';

/*
 * What `circle run` does, in this order, each step by calling a command's run() here, not spawning it. A step is
 * skipped, with the reason, when there is nothing for it to act on.
 */

export interface RunOptions {
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** The circles a run acts on: those not yet over, in order of start; and those over, for their follow-up. */
export interface Due {
  upcoming: ResolvedCircle[];
  ended: ResolvedCircle[];
}

/** What a step did: its result (as its command's --json prints it) and its summary text. */
export interface Done {
  ok: boolean;
  skipped?: string;
  result?: unknown;
  text: string;
}

export interface Step {
  name: string;
  run(o: RunOptions, context: Context, due: Due): Promise<Done>;
}

const textOf = (shown: Shown): string => `${shown.out ?? ''}${shown.err ?? ''}`;

/** A command's run() as a step; `needsPerson` says what else in its result makes the step need one. */
async function command<O, R extends Outcome>(module: CommandModule<O, R>, options: O, context: Context, needsPerson?: (result: R) => boolean): Promise<Done> {
  const result = await module.run(options, context);
  const text = textOf(module.present(result, { json: false, colour: context.colour, cwd: context.cwd }));
  return { ok: result.ok && !needsPerson?.(result), result: module.json ? module.json(result) : result, text };
}

const skipped = (reason: string): Done => ({ ok: true, skipped: reason, text: `skipped: ${reason}\n` });
const scheduled = (due: Due) => due.upcoming.filter(({ circle }) => circle.status !== 'cancelled');
const ids = (circles: readonly ResolvedCircle[]) => circles.map(({ circle }) => circle.id);

/** A mail command for the circles `which` picks. */
const mailStep = (name: string, module: typeof invitesSend, which: (due: Due) => string[], none: string): Step => ({
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
  {
    name: 'offers expire',
    run: async (o, context, due) => {
      // Offers left open in a circle whose offer_hours was removed lapse in the next step (promote lapses them first).
      const circles = scheduled(due).filter((circle) => offerRules(circle) !== undefined);
      if (circles.length === 0) return skipped('no scheduled circle to come has offer_hours set');
      const results = await expireAll(circles, o.dryRun ? { dryRun: true } : {}, context);
      const lapsed = results.reduce((n, r) => n + r.lapsed.length, 0);
      const open = results.reduce((n, r) => n + r.offered, 0);
      const lines = results.flatMap((r) => lapsedLines(r.lapsed, r.id));
      const dry = o.dryRun ? 'dry run: no roster written\n' : '';
      return {
        ok: true,
        result: results.map((r) => ({ id: r.id, lapsed: r.lapsed.map((s) => s.email), offered: r.offered })),
        text: `${dry}${lines.map((line) => `${line}\n`).join('')}${lapsed} seat offer${lapsed === 1 ? '' : 's'} lapsed, ${open} still open\n`,
      };
    },
  },
  {
    name: 'signups promote',
    run: async (o, context, due) => {
      const circles = scheduled(due);
      if (circles.length === 0) return skipped('no scheduled circle to come');
      const results = await promoteAll(circles, o.dryRun ? { dryRun: true } : {}, context);
      // Lapses of circles with offer_hours are the "offers expire" step's (also in a dry run, which wrote none).
      const told = new Set(circles.filter((circle) => offerRules(circle) !== undefined).map(({ circle }) => circle.id));
      const untold = results.map((r) => ({ ...r, lapsed: told.has(r.id) ? [] : r.lapsed }));
      const lines = untold.flatMap((r) => [...lapsedLines(r.lapsed, r.id), ...promotedLines(r.promoted, r.id)]);
      const dry = o.dryRun ? 'dry run: no roster written\n' : '';
      return {
        ok: true,
        result: untold.map((r) => ({ id: r.id, promoted: r.promoted.map((s) => s.email), ...(r.lapsed.length ? { lapsed: r.lapsed.map((s) => s.email) } : {}) })),
        text: `${dry}${lines.length ? lines.join('\n') : 'no free seat with someone waiting'}\n`,
      };
    },
  },
  mailStep('waitlist notify', waitlistNotify, (due) => ids(scheduled(due)), 'no scheduled circle to come'),
  // Cancelled circles to come too: their cancellations.
  mailStep('invites send', invitesSend, (due) => ids(due.upcoming), 'no circle to come'),
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
