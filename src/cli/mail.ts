import type { Command } from 'commander';
import { runs } from './execute.js';
import { declare, examples, flag, shared, text, type Spec } from './options.js';

const first = (specs: Spec) => specs.options[0]!;
const circleIds = ([ids]: unknown[]): { ids: string[] } => ({ ids: ids as string[] });

/** The options of every command that sends mail. SMTP settings come from the environment only. */
function mailSpecs() {
  const specs = {
    all: flag('--all', 'every circle of the workspace'),
    dryRun: shared.dryRun('list who would get what; send nothing'),
    preview: text('--preview <dir>', 'write each message as an .eml file to open in a mail client; send nothing'),
    testTo: text('--test-to <address>', 'send one sample of each kind, in English and in Spanish, to this address only'),
    lang: shared.lang('only this language for the --test-to samples'),
    resendUnconfirmed: flag('--resend-unconfirmed', 'send again messages whose delivery was never confirmed'),
    retryFailed: flag('--retry-failed', 'send again messages the server refused for good'),
    retryBounced: flag('--retry-bounced', 'send to addresses whose mail bounced, as to any other'),
    rate: text('--rate <n/s>', "at most n messages a second, for a provider's limits"),
    yes: shared.yes('send without asking to confirm'),
    json: shared.json('print the results as JSON'),
  };
  // Each of these replaces sending in its own way: given together, one would be silently ignored.
  first(specs.dryRun).conflicts(['preview', 'testTo']);
  first(specs.preview).conflicts('testTo');
  return specs;
}
const SMTP_HELP =
  '\nSMTP settings come from the environment: CIRCLE_SMTP_URL=smtp://user:password@host:587 (smtps:// for TLS),\nCIRCLE_FROM="Name <address>" when neither circle nor series has an organizer, CIRCLE_SMTP_INSECURE_TLS=1 for a self-signed server.\nCIRCLE_SECRET (a long random value, the same for every run) adds each person\'s leave link to the messages about their place.';


/** The commands that send mail: `invites send`, `waitlist notify`, `followup`, `remind`. */
export function declareMail(program: Command, invites: Command): void {
  const sendSpecs = mailSpecs();
  declare(
    invites
      .command('send')
      .description('email each confirmed person their calendar invitation; updates after a change, cancellations after a cancel')
      .summary('email personal invitations, updates and cancellations')
      .argument('[ids...]', 'circles to send for'),
    sendSpecs,
  )
    .addHelpText('after', SMTP_HELP)
    .addHelpText('after', examples(['circle invites send health-outcomes --dry-run', 'circle invites send health-outcomes --preview outbox/', 'circle invites send --all --yes', 'circle invites send health-outcomes --test-to me@example.org']))
    .action(runs(sendSpecs, async () => (await import('../commands/mail.js')).invitesSend, circleIds));

  const waitlist = program
    .command('waitlist')
    .description('tell waitlisted people where they stand, and promoted people that a seat opened')
    .summary('email the waitlist and newly seated people');
  const notifySpecs = mailSpecs();
  declare(
    waitlist
      .command('notify')
      .description('email each waitlisted person their position once, and each promoted person their seat and invitation')
      .summary('email waitlist positions and newly opened seats')
      .argument('[ids...]', 'circles to notify for'),
    notifySpecs,
  )
    .addHelpText('after', SMTP_HELP)
    .addHelpText(
      'after',
      examples(['circle waitlist notify health-outcomes --dry-run', 'circle waitlist notify health-outcomes --test-to me@example.org --lang es', 'circle waitlist notify --all', 'circle waitlist notify health-outcomes --rate 2/s --yes']),
    )
    .action(runs(notifySpecs, async () => (await import('../commands/mail.js')).waitlistNotify, circleIds));
  waitlist.addHelpText('after', examples(['circle waitlist notify health-outcomes']));

  const followupSpecs = { recording: text('--recording <url>', "link to the recording (default: each circle's recording_url)"), ...mailSpecs() };
  declare(
    program
      .command('followup')
      .description('email the recording (--recording, else the circle file\'s recording_url) to everyone who signed up, seated or waitlisted, once; only after the session')
      .summary('email the recording to everyone who signed up')
      .argument('[ids...]', 'circles to follow up'),
    followupSpecs,
  )
    .addHelpText('after', SMTP_HELP)
    .addHelpText('after', examples(['circle followup health-outcomes --dry-run', 'circle followup health-outcomes --recording https://video.example.org/lift-3 --dry-run', 'circle followup health-outcomes --recording https://video.example.org/lift-3']))
    .action(runs(followupSpecs, async () => (await import('../commands/mail.js')).followup, circleIds));

  const remindSpecs = mailSpecs();
  declare(
    program
      .command('remind')
      .description("email each confirmed person the reminder that is due: each of the circle's `reminders` (default 24h before the start) once, never after the start")
      .summary('email the reminders that are due')
      .argument('[ids...]', 'circles to remind of'),
    remindSpecs,
  )
    .addHelpText('after', SMTP_HELP)
    .addHelpText('after', examples(['circle remind health-outcomes --dry-run', 'circle remind --all --yes', 'circle remind health-outcomes --test-to me@example.org --lang es']))
    .action(runs(remindSpecs, async () => (await import('../commands/mail.js')).remind, circleIds));
}
