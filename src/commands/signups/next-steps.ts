import { readJournal, type JournalState } from '../../mail/journal.js';
import { nextSteps, owedAfter, type ChangeFacts } from '../../mail/next-steps.js';
import { note, paint, warn } from '../../ui/terminal.js';
import { journalFile } from '../../workspace/paths.js';

/**
 * After a roster change is written: the mail command each circle now needs, on stderr. The journal
 * is read only for people who left, to know whether they hold an invitation.
 */
export async function sayNextSteps(dir: string, changes: readonly ChangeFacts[]): Promise<void> {
  const owed = [];
  for (const change of changes) {
    let journal: JournalState = new Map();
    if (change.left?.length) {
      const path = journalFile(dir, change.circle);
      journal = await readJournal(path)
        .then((read) => read.state)
        .catch((cause: NodeJS.ErrnoException) => {
          warn(`cannot read ${path} (${cause.code ?? cause.message}): if they were sent an invitation, run circle invites send ${change.circle}`);
          return new Map();
        });
    }
    owed.push(owedAfter(change, journal));
  }
  for (const step of nextSteps(owed, dir)) note(`${paint.bold('next:')} ${step.command}  (${step.why})`);
}
