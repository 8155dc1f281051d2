import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import * as z from 'zod';
import { refused } from '../failure.js';
import { acquireLock } from '../roster/lock.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { fileError, makePrivateFolder, shownPath } from '../workspace/file-errors.js';
import { INVITES_DIR, journalsDir } from '../workspace/paths.js';

/*
 * The folders other than invites/ that `circle invites --out` wrote calendar files to, so that a
 * mail run and `circle status` can say when a file there is out of date. Kept beside the mail
 * journals (this machine's state, out of git): the files are where this checkout wrote them. A
 * folder in the workspace is kept relative to it, so a moved checkout still finds it.
 */
export const calendarFoldersFile = (dir: string) => join(journalsDir(dir), 'calendar-folders.json');
const lockFile = (dir: string) => join(journalsDir(dir), '.calendar-folders.lock');

const Record = z.strictObject({ folders: z.array(z.string().min(1)) });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The folders recorded, as written: relative to the workspace, or absolute when outside it. */
export async function readCalendarFolders(dir: string): Promise<string[]> {
  const path = calendarFoldersFile(dir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw fileError(cause, path, 'read');
  }
  const parsed = Record.safeParse(parseJson(text));
  if (!parsed.success) {
    throw refused('input', `${shownPath(path)} is not a list of calendar folders circle can read`, 'delete it, then run `circle invites --out <folder>` again for each folder you publish calendar files in');
  }
  return parsed.data.folders;
}

/** `folder` as recorded: relative to the workspace when inside it; both paths absolute. */
export function recordedAs(workspace: string, folder: string): string {
  const inside = relative(workspace, folder);
  if (inside === '') return '.';
  return inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside) ? folder : inside;
}

/** Where a recorded folder is, for reading it: as `dir` is given (to -C), or absolute. */
export const folderPath = (dir: string, recorded: string) => (isAbsolute(recorded) ? recorded : join(dir, recorded));

/** Changes the record under its lock, so two runs at once both keep what they add. */
async function update(dir: string, change: (folders: string[]) => string[]): Promise<void> {
  await makePrivateFolder(journalsDir(dir));
  const lock = await acquireLock(lockFile(dir));
  try {
    const folders = await readCalendarFolders(dir);
    const next = change(folders);
    if (next.length === folders.length && next.every((f, i) => f === folders[i])) return;
    await writeFileAtomic(calendarFoldersFile(dir), `${JSON.stringify({ folders: next }, null, 2)}\n`, { overwrite: true, access: 'private' });
  } finally {
    await lock.release();
  }
}

/** Records `folder`, unless it is invites/, which is always looked at; both paths absolute. */
export async function recordCalendarFolder(workspace: string, folder: string): Promise<void> {
  const recorded = recordedAs(workspace, folder);
  if (recorded === INVITES_DIR) return;
  await update(workspace, (folders) => (folders.includes(recorded) ? folders : [...folders, recorded].sort()));
}

/** Forgets folders that no longer exist. */
export async function forgetCalendarFolders(dir: string, gone: readonly string[]): Promise<void> {
  if (gone.length > 0) await update(dir, (folders) => folders.filter((f) => !gone.includes(f)));
}
