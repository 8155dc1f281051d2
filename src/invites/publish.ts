import type { DateTime } from 'luxon';
import type { ResolvedCircle } from '../model/circle.js';
import { acquireLock } from '../roster/lock.js';
import { publishedLockFile } from '../workspace/paths.js';
import { readPublished, writePublished } from './published-file.js';
import { reconcile, type Reconciled } from './published.js';

export interface Publishing extends Reconciled {
  /** Records the new state in circles/.published.yaml; false when it was already so. */
  commit(): Promise<boolean>;
}

/** Held while the published state is read again and written: runs at once (invites, mail) queue up. */

/**
 * The UID, SEQUENCE and DTSTAMP each of `chosen` is published with at `now`. Nothing is kept
 * until `commit()`: call it after everything that can fail, before writing files or sending
 * mail, so what went out always matches what is recorded. `commit()` works out the state again
 * from the file as it is then, under a lock, so a run that published in between is built on,
 * not overwritten; the publications are updated to match. `all` is every circle of the
 * workspace, to recognise a renamed one.
 */
export async function preparePublishing(
  dir: string,
  all: readonly ResolvedCircle[],
  chosen: readonly ResolvedCircle[],
  now: DateTime,
): Promise<Publishing> {
  const ids = new Set(all.map((c) => c.circle.id));
  const read = await readPublished(dir);
  const publishing: Publishing = {
    ...reconcile(read.state, chosen, ids, now),
    commit: async () => {
      const lock = await acquireLock(publishedLockFile(dir));
      try {
        const current = await readPublished(dir, { fresh: true });
        const fresh = reconcile(current.state, chosen, ids, now);
        publishing.state = fresh.state;
        publishing.orphans = fresh.orphans;
        publishing.publications.clear();
        for (const [id, publication] of fresh.publications) publishing.publications.set(id, publication);
        return await writePublished(dir, current, fresh.state);
      } finally {
        await lock.release();
      }
    },
  };
  return publishing;
}
