import { DateTime } from 'luxon';
import type { ResolvedCircle } from '../model/circle.js';
import { readPublished, writePublished } from './published-file.js';
import { reconcile, type Reconciled } from './published.js';

export interface Publishing extends Reconciled {
  /** Records the new state in circles/.published.yaml; false when it was already so. */
  commit(): Promise<boolean>;
}

/**
 * The UID, SEQUENCE and DTSTAMP each of `chosen` is published with at `now`. Nothing is kept
 * until `commit()`: call it after everything that can fail, before writing files or sending
 * mail, so what went out always matches what is recorded. `all` is every circle of the
 * workspace, to recognise a renamed one.
 */
export async function preparePublishing(
  workspace: string,
  all: readonly ResolvedCircle[],
  chosen: readonly ResolvedCircle[],
  now: DateTime = DateTime.now(),
): Promise<Publishing> {
  const read = await readPublished(workspace);
  const reconciled = reconcile(read.state, chosen, new Set(all.map((c) => c.circle.id)), now);
  return { ...reconciled, commit: () => writePublished(workspace, read, reconciled.state) };
}
