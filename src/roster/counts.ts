import { access } from 'node:fs/promises';
import { Refused } from '../failure.js';
import { FileError } from '../workspace/file-errors.js';
import { rosterFile } from '../workspace/paths.js';
import { readRoster } from './store.js';
import { statusCounts } from './types.js';

/** `exists` is false for a circle nobody has signed up for yet (no roster file). */
/** `offered`: seats held for someone waiting until their offer is claimed or lapses (timed seat offers). */
export type RosterCounts = { confirmed: number; offered: number; waitlisted: number; exists: boolean } | { damaged: true };

/**
 * Seats taken and waitlist length, for `circle list` and announcements: from the roster as the
 * signups commands read it, so every command agrees on the numbers. A roster those commands would
 * refuse is reported as damaged, never counted; one the system will not let them read (permission
 * denied) is that error, with its fix, not "damaged".
 */
export async function rosterCounts(dir: string, id: string): Promise<RosterCounts> {
  const exists = await access(rosterFile(dir, id)).then(
    () => true,
    () => false,
  );
  if (!exists) return { confirmed: 0, offered: 0, waitlisted: 0, exists: false };
  try {
    const { confirmed, offered, waitlisted } = statusCounts((await readRoster(dir, id)).signups);
    return { confirmed, offered, waitlisted, exists: true };
  } catch (cause) {
    if (cause instanceof Refused && !(cause instanceof FileError)) return { damaged: true };
    throw cause;
  }
}
