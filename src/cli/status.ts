import type { Command } from 'commander';
import { runs } from './execute.js';
import { declare, examples, flag, shared } from './options.js';

/** `circle status`: what is pending per circle, and what needs a person. */
export function declareStatus(program: Command): void {
  const specs = {
    json: shared.json('print the status as JSON'),
    check: flag('--check', 'exit 1 when anything needs a person (for CI or monitoring)'),
  };
  declare(
    program
      .command('status')
      .description('per circle: seats, waitlist, seat offers, mail owed (reminders and the follow-up too) and the next reminder; replies waiting in the mailbox; and what needs a person: failed, unconfirmed or bounced mail, offers past their deadline, stale files, placeholder settings, damaged rosters')
      .summary('show what is pending and what needs a person')
      .argument('[ids...]', 'circles to show (default: all)'),
    specs,
  )
    .addHelpText('after', examples(['circle status', 'circle status health-outcomes --json', 'circle status --check']))
    .action(runs(specs, () => import('../commands/status.js'), ([ids]: unknown[]) => ({ ids: ids as string[] })));
}
