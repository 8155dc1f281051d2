import type { Command } from 'commander';
import { runs } from './execute.js';
import { declare, examples, shared, text } from './options.js';

const IMAP_HELP = [
  '',
  'The mailbox comes from the environment when --from is not given:',
  '  CIRCLE_IMAP_URL=imaps://user%40example.org:password@imap.example.org/INBOX (imap:// for STARTTLS)',
  '  CIRCLE_IMAP_TOKEN=<OAuth access token> instead of a password in the URL',
  '  CIRCLE_IMAP_INSECURE_TLS=1 to accept a self-signed certificate',
  'Leave links are checked with CIRCLE_SECRET, the secret the mail commands made them with.',
].join('\n');

/** `circle inbox`: what people answered, from the organiser's mailbox. */
export function declareInbox(program: Command): void {
  const specs = {
    from: text('--from <path>', 'read an mbox file, a Maildir or a folder of .eml files instead of the IMAP mailbox'),
    moveTo: text('--move-to <folder>', 'on IMAP, move handled messages to this folder, except those left for a person (all get the $CircleDone keyword)'),
    dryRun: shared.dryRun('show what it would change, change nothing (no roster, journal, flag or move)'),
    json: shared.json('print the actions as JSON'),
  };
  declare(
    program
      .command('inbox')
      .description('read replies from the mailbox: declined invitations and leave links cancel signups, bounces are marked in the journal, the rest is listed for a person')
      .summary('act on replies, leave links and bounces'),
    specs,
  )
    .addHelpText('after', IMAP_HELP)
    .addHelpText('after', examples(['circle inbox --dry-run', 'circle inbox --move-to Circles/Done', 'circle inbox --from ~/Mail/circles.mbox', 'circle inbox --from ~/Maildir/.Circles --json']))
    .action(runs(specs, () => import('../commands/inbox.js')));
}
