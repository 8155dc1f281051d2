import type { Context } from '../../context.js';
import { readJournal, type JournalState } from '../../mail/journal.js';
import { nextSteps, owedAfter, type ChangeFacts } from '../../mail/next-steps.js';

export { promotions } from '../../mail/next-steps.js';
import { journalFile } from '../../workspace/paths.js';

export type NextStep = ReturnType<typeof nextSteps>[number];

/**
 * After a roster change is written: the mail command each circle now needs. The journal is read
 * only for people who left, to know whether they hold an invitation.
 */
export async function stepsAfter({ dir, events }: Pick<Context, 'dir' | 'events'>, changes: readonly ChangeFacts[]): Promise<NextStep[]> {
  const owed = [];
  for (const change of changes) {
    let journal: JournalState = new Map();
    if (change.left?.length) {
      const path = journalFile(dir, change.circle);
      journal = await readJournal(path)
        .then((read) => read.state)
        .catch((cause: NodeJS.ErrnoException) => {
          events.warn(`cannot read ${path} (${cause.code ?? cause.message}): if they were sent an invitation, run circle invites send ${change.circle}`);
          return new Map();
        });
    }
    owed.push(owedAfter(change, journal));
  }
  return nextSteps(owed, dir);
}

/** The steps as stderr lines. */
export const stepLines = (steps: readonly NextStep[], bold: (text: string) => string): string => steps.map((step) => `${bold('next:')} ${step.command}  (${step.why})\n`).join('');
