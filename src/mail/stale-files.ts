import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Refused } from '../failure.js';
import { folderPath, forgetCalendarFolders, readCalendarFolders } from '../invites/calendar-folders.js';
import { isOurs, sequencesIn, staleIn } from '../invites/plan.js';
import { readPublished } from '../invites/published-file.js';
import type { PublishedState } from '../invites/published.js';
import { shellQuote } from '../ui/shell.js';
import { INVITES_DIR } from '../workspace/paths.js';
import { readIfExists, readOnce } from '../workspace/read-once.js';

/**
 * A mail run publishes a change of the circle (a higher SEQUENCE): the calendar files that
 * `circle invites` wrote before then, into invites/ or a folder given to --out, say the old time,
 * and people who subscribed to them would keep it. Each such file is named, with the command that
 * rewrites it; `dir` as given to -C. A recorded folder that is gone is noted and, unless the run
 * writes nothing (`forget: false`), dropped from the record.
 */
export async function staleFiles(dir: string, gone: { note(text: string): void; forget: boolean } = { note: () => undefined, forget: false }): Promise<string[]> {
  const published = lazy(async () => (await readPublished(dir)).state);
  const warnings = (await staleInFolder(dir, INVITES_DIR, published)) ?? [];
  try {
    const missing: string[] = [];
    for (const folder of await readCalendarFolders(dir)) {
      const found = await staleInFolder(dir, folder, published);
      if (found === undefined) missing.push(folder);
      else warnings.push(...found);
    }
    if (gone.forget) await forgetCalendarFolders(dir, missing);
    // A dry run or `circle status` only reads: the next mail run forgets the folder.
    const looks = gone.forget ? 'circle no longer looks there' : 'the next mail run stops looking there';
    for (const folder of missing) gone.note(`${folder} no longer exists: ${looks} for out-of-date calendar files (\`${invitesCommand(dir, folder, [])}\` writes there again)`);
  } catch (cause) {
    // Mail may have gone out already: the summary is still shown, with what could not be checked.
    if (!(cause instanceof Refused)) throw cause;
    warnings.push(`${cause.failure.message}: calendar files written with --out were not checked${cause.failure.hint ? `; ${cause.failure.hint}` : ''}`);
  }
  return warnings;
}

/** The command that writes the calendar files of `ids` into `folder`, as typed where -C was given. */
function invitesCommand(dir: string, folder: string, ids: readonly string[]): string {
  const out = folder === INVITES_DIR ? [] : ['--out', shellQuote(folderPath(dir, folder))];
  return ['circle', ...(dir === '.' ? [] : ['-C', shellQuote(dir)]), 'invites', ...out, ...ids].join(' ');
}

const lazy = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

/**
 * The SEQUENCE of each event of a calendar file this tool wrote; undefined for another file (or one
 * that cannot be read). Read once per command while the file is unchanged: each mail step of
 * `circle run`, and its status, check every file.
 */
const eventsIn = (file: string): Promise<ReadonlyMap<string, number> | undefined> =>
  readOnce('calendar-events', file, async () => {
    // Read in one call, as the workspace's other files: a folder of hundreds waited on the event loop for each.
    const text = readable(file);
    return isOurs(text) ? sequencesIn(text) : undefined;
  });

/** A file's text; '' when it cannot be read (a folder, no permission), as for a file another tool wrote. */
function readable(file: string): string {
  try {
    return readIfExists(file)?.toString('utf8') ?? '';
  } catch {
    return '';
  }
}

/** The warnings for one folder (relative to the workspace, or absolute); undefined when it no longer exists. */
async function staleInFolder(dir: string, folder: string, published: () => Promise<PublishedState>): Promise<string[] | undefined> {
  const path = folderPath(dir, folder);
  let names: string[];
  try {
    names = (await readdir(path)).filter((name) => name.endsWith('.ics')).sort();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (folder === INVITES_DIR) return [];
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return [`cannot read ${folder} (${code ?? String(cause)}): the calendar files written there were not checked`];
  }
  const warnings: string[] = [];
  for (const name of names) {
    const held = await eventsIn(join(path, name));
    const stale = held ? staleIn(held, await published()) : [];
    if (stale.length === 0) continue;
    const command = invitesCommand(dir, folder, stale);
    warnings.push(`${join(folder, name)} is out of date: ${stale.join(', ')} changed since it was written, and calendars that read it keep the old details; run \`${command}\` to rewrite it`);
  }
  return warnings;
}
