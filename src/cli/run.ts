import type { Command } from 'commander';
import { runs } from './execute.js';
import { declare, examples, shared } from './options.js';

const RUN_HELP = [
  '',
  'In order: read the mailbox (when CIRCLE_IMAP_URL is set), give free seats to the first people waiting,',
  'notify the waitlist, send invitations, updates and cancellations, the reminders due, and the recording',
  '(recording_url) of circles that have ended. Each step\'s summary goes to stderr; the exit code is 1 when',
  'a step, or anything `circle status` shows, needs a person. A run that finds another still going does nothing and exits 0.',
  'Settings come from the environment, as for the mail commands (CIRCLE_SMTP_URL, CIRCLE_IMAP_URL, CIRCLE_SECRET);',
  'CIRCLE_NOW=2026-03-06T09:00:00+01:00 runs it as at that instant (with --dry-run: what would run then).',
  '',
  'Every 10 minutes, from a crontab (crontab -e):',
  '  */10 * * * * cd ~/lift && circle run --yes >> circle-run.log 2>&1',
].join('\n');

/** `circle run`: whatever is due now, for a scheduled job. */
export function declareRun(program: Command): void {
  const specs = {
    dryRun: shared.dryRun('show what is due; send nothing, write nothing'),
    yes: shared.yes('send without asking (needed off a terminal, as in cron)'),
    json: shared.json("print each step's result as JSON"),
  };
  declare(program.command('run').description('do whatever is due now in every circle: inbox, free seats, waitlist, invitations, reminders, follow-up').summary('do whatever is due now (for cron)'), specs)
    .addHelpText('after', RUN_HELP)
    .addHelpText('after', examples(['circle run --dry-run', 'circle run --yes', 'circle run --yes --json']))
    .action(runs(specs, () => import('../commands/run.js')));
}
