import { EXIT } from '../errors.js';
import type { CircleOutcome, Mailing } from '../mail/mailing.js';
import { countsLine, runCounts, runResults, unsentMessages, unsentResults } from '../mail/summary.js';
import { note, paint, printJson } from '../ui/terminal.js';

/** The --json results of a run that sent nothing (nothing owed, or the organiser said no): every planned message not tried. */
export function unsentJson(mailing: Mailing): void {
  printJson(unsentResults(mailing));
}

/** Says what a run did, and returns its exit code: 1 while anything owed did not go. */
export function summarise(outcomes: readonly CircleOutcome[], mailing: Mailing, json: boolean, settings: { pass?: string }): number {
  const counts = runCounts(outcomes, mailing);
  if (json) printJson(runResults(outcomes, settings));
  for (const { state, what, todo } of unsentMessages(outcomes, mailing, settings)) {
    note(`${state === 'unconfirmed' ? paint.yellow('unconfirmed') : paint.red(state)}: ${what}`);
    note(`  ${todo}`);
  }
  if (counts.stopped) {
    note(paint.red(counts.stopped.reason === 'auth' ? 'stopped: the server refused the login' : 'stopped: the server went away'));
    note('run the same command again to send the rest; nobody who was sent a message gets it twice');
  }
  note(countsLine(counts));
  if (counts.unconfirmed) note('unconfirmed messages may have arrived; check with the people, then use --resend-unconfirmed if needed');
  return counts.done ? EXIT.ok : EXIT.invalid;
}
