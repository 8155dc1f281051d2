import { chmod, mkdir } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { failure, Refused } from '../failure.js';

/*
 * What the disk or the system refused, said as the user can act on it: what, where and how to fix
 * it, exit 1. The errors of Node's fs calls carry a code (EROFS, ENOSPC, …); this is the one place
 * that words them.
 */

export type FileAction = 'read' | 'write' | 'open' | 'create the folder' | 'create the lock';

/** A path as the user knows it: relative to the folder they are in (`cwd`) when inside it. */
export function shownPath(path: string, cwd = process.cwd()): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

const REASONS: Record<string, (action: FileAction) => { reason: string; hint: string }> = {
  EROFS: () => ({ reason: 'the file system is read-only', hint: 'run the command in a workspace on a writable disk (or remount this one read-write)' }),
  EACCES: (action) => ({
    reason: 'permission denied',
    hint:
      action === 'read'
        ? 'give your user read permission (chmod u+r, or ask the owner), or run as the owner'
        : action === 'open'
          ? 'give your user permission on it and its folder (chmod, or ask the owner), or run as the owner'
          : 'give your user write permission on the folder (chmod u+w, or ask the owner), or run as the owner',
  }),
  ENOSPC: () => ({ reason: 'the disk is full', hint: 'free some space on the disk, then run the command again' }),
  EDQUOT: () => ({ reason: 'your disk quota is used up', hint: 'free some space or ask for a larger quota, then run the command again' }),
  EFBIG: () => ({ reason: 'it would pass the file-size limit of this process', hint: 'raise the limit (`ulimit -f unlimited`) or ask your administrator, then run the command again' }),
  ENAMETOOLONG: () => ({ reason: 'the file name is too long for the file system', hint: 'use a shorter name (circle ids: at most 100 characters)' }),
  ENOTDIR: () => ({ reason: 'a part of the path is a file, not a folder', hint: 'check the path (and -C): the workspace is the folder that holds circles/' }),
  EISDIR: () => ({ reason: 'it is a folder', hint: 'give the name of a file' }),
  ENOENT: () => ({ reason: 'no such file or folder', hint: 'check the path' }),
  EMFILE: () => ({ reason: 'too many files are open', hint: 'raise the limit (`ulimit -n`), then run the command again' }),
  EIO: () => ({ reason: 'the disk reported an input/output error', hint: 'check the disk, then run the command again' }),
};
REASONS.EPERM = REASONS.EACCES as (typeof REASONS)[string];

/** Why the disk or the system refused (`the disk is full (ENOSPC)`) and what to do, for a code this table knows. */
export function refusal(cause: unknown, action: FileAction): { reason: string; hint: string } | undefined {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const words = code === undefined ? undefined : REASONS[code];
  if (!words) return undefined;
  const { reason, hint } = words(action);
  return { reason: `${reason} (${code})`, hint };
}

/** A file operation the disk or the system refused: an environment problem (exit 1), not a damaged file. */
export class FileError extends Refused {
  constructor(
    message: string,
    hint: string,
    readonly code: string,
  ) {
    super(failure('input', message, hint).failure);
    this.name = 'FileError';
  }

  get hint(): string {
    return this.failure.hint ?? '';
  }
}

/** The FileError for a refused file operation, or the cause itself when it is not one of those (a bug). */
export function fileError(cause: unknown, path: string, action: FileAction): unknown {
  const words = refusal(cause, action);
  if (!words) return cause;
  return new FileError(`cannot ${action} ${shownPath(path)}: ${words.reason}`, words.hint, (cause as NodeJS.ErrnoException).code as string);
}

/**
 * Any fs error that reached the top (a lock file, a journal): worded the same way, with its path
 * (a write on an open file has none: "a file").
 */
export function systemError(cause: unknown): FileError | undefined {
  const error = cause as NodeJS.ErrnoException | undefined;
  if (!error?.code || !REASONS[error.code]) return undefined;
  const syscall = error.syscall ?? '';
  // open is for reading and writing alike: only the others tell which.
  const action: FileAction =
    syscall === 'mkdir' ? 'create the folder' : syscall === 'open' ? 'open' : /^(write|rename|link|unlink|rmdir|fsync|ftruncate|copyfile|symlink|chmod|utime)$/.test(syscall) ? 'write' : 'read';
  const mapped = fileError(error, error.path ?? 'a file', action);
  return mapped instanceof FileError ? mapped : undefined;
}

/**
 * mkdir -p, whose refusals are worded as above. Node's recursive mkdir says ENOENT on a read-only
 * or forbidden parent: one plain mkdir then tells the real reason.
 */
export async function makeFolder(path: string, mode?: number): Promise<void> {
  try {
    await mkdir(path, { recursive: true, ...(mode === undefined ? {} : { mode }) });
  } catch (cause) {
    const { code } = cause as NodeJS.ErrnoException;
    // mkdir -p finds a file where the folder should be.
    if (code === 'EEXIST') throw new FileError(`cannot create the folder ${shownPath(path)}: it is a file, not a folder (EEXIST)`, 'move that file away (the tool keeps its own files in that folder), then run the command again', code);
    if (code !== 'ENOENT') throw fileError(cause, path, 'create the folder');
    await mkdir(path, mode === undefined ? {} : { mode }).catch((plain: unknown) => {
      throw fileError((plain as NodeJS.ErrnoException).code === 'EEXIST' ? cause : plain, path, 'create the folder');
    });
  }
}

/** A folder of the tool's own for personal data (rosters/, journals/): its owner's alone, even when an older version made it open. */
export async function makePrivateFolder(path: string): Promise<void> {
  await makeFolder(path, 0o700);
  // Not the owner, or a read-only disk: the write that follows says what is wrong.
  await chmod(path, 0o700).catch(() => undefined);
}
