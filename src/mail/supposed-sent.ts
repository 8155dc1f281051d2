import { utcIso } from '../model/time.js';
import { journalFile } from '../workspace/paths.js';
import { suppose } from '../workspace/read-once.js';
import { readJournal, type JournalRecord } from './journal.js';
import type { Mailing } from './mailing.js';
import { journalDetail } from './messages.js';

/*
 * A mail step of `circle run --dry-run` sends nothing, but the steps after it are to plan as if its
 * messages had gone (read-once.ts `supposing`): a seat email listed by `waitlist notify` is not
 * listed again by `invites send`, as in the run that sends. Outside such a run, nothing.
 */

/** Each circle's journal, as it would read once the planned messages went. */
export async function supposeSent(mailing: Mailing, dir: string): Promise<void> {
  const at = utcIso(mailing.now);
  for (const { resolved, plan } of mailing.circles) {
    if (plan.send.length === 0) continue;
    const path = journalFile(dir, resolved.circle.id);
    const read = await readJournal(path);
    const state = new Map(read.state);
    for (const m of plan.send) {
      const record: JournalRecord = { key: m.key, kind: m.kind, to: m.signup.email, state: 'sent', at, detail: journalDetail(m) };
      state.set(m.key, record);
    }
    await suppose('journal', path, { ...read, state });
  }
}
