import { mkdir } from 'node:fs/promises';
import type { Context } from '../../context.js';
import { eraseFromJournal, mailLock } from '../../mail/journal-rewrite.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { emailKey } from '../../model/email.js';
import type { Lock } from '../../roster/lock.js';
import { nowInstant, remove, type Change } from '../../roster/seats.js';
import { updateRoster } from '../../roster/store.js';
import type { Signup } from '../../roster/types.js';
import { journalsDir } from '../../workspace/paths.js';
import { updating } from './change-text.js';
import { seatRules } from './circles.js';

export interface Erased {
  id: string;
  roster: (Change & { removed: Signup[] }) | undefined;
  capacity: number;
  journal: { erased: number; kept: number };
}

/** Erases a person from one circle's roster and mail journal, under its mail lock, then its roster lock. */
export async function eraseIn(email: string, id: string, circles: readonly ResolvedCircle[], dryRun: boolean, context: Context): Promise<Erased> {
  const { dir } = context;
  const circle = circles.find((c) => c.circle.id === id);
  // A roster left without its circle file gives no seats away.
  const rules = circle ? seatRules(circle, context.now()) : { capacity: 0, now: nowInstant(context.now()) };
  let lock: Lock | undefined;
  if (!dryRun) {
    await mkdir(journalsDir(dir), { recursive: true, mode: 0o700 });
    lock = await mailLock(dir, id);
  }
  try {
    const key = emailKey(email);
    const roster = await updateRoster(dir, id, (current) => {
      if (!current.signups.some((s) => emailKey(s.email) === key)) return { roster: current, result: undefined };
      const change = remove(current, email, rules);
      return { roster: change.roster, result: change };
    }, updating({ id, dryRun }, context));
    const journal = await eraseFromJournal(dir, id, email, dryRun ? { dryRun: true } : {});
    return { id, roster, capacity: rules.capacity, journal };
  } finally {
    await lock?.release();
  }
}
