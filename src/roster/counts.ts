import { readFile } from 'node:fs/promises';
import { END_MARKER } from './write.js';
import { rosterFile } from './store.js';

/** `exists` is false for a circle nobody has signed up for yet (no roster file). */
export type RosterCounts = { confirmed: number; waitlisted: number; exists: boolean } | { damaged: true };

const STATUS_LINE = /^[ \t]*status:[ \t]*["']?(confirmed|waitlisted)["']?[ \t]*$/gm;

/**
 * Seats taken and waitlist length, for `circle list`: counted from the status lines without a full
 * YAML parse, so listing stays fast with large rosters. `circle validate` checks the files in full.
 */
export async function rosterCounts(workspace: string, id: string): Promise<RosterCounts> {
  const text = await readFile(rosterFile(workspace, id), 'utf8').catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') return undefined;
    throw cause;
  });
  if (text === undefined) return { confirmed: 0, waitlisted: 0, exists: false };
  if (!text.trimEnd().endsWith(END_MARKER)) return { damaged: true };
  let confirmed = 0;
  let waitlisted = 0;
  for (const match of text.matchAll(STATUS_LINE)) {
    if (match[1] === 'confirmed') confirmed++;
    else waitlisted++;
  }
  return { confirmed, waitlisted, exists: true };
}
