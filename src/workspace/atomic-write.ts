import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { CircleError, usageError } from '../errors.js';

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A path the user gave that cannot be written is a usage error; a full or read-only disk is not. */
function cannotWrite(path: string, cause: NodeJS.ErrnoException): Error {
  const inside = relative(process.cwd(), path);
  const where = inside && !inside.startsWith('..') ? inside : path;
  if (cause.code === 'ENOENT' || cause.code === 'ENOTDIR') return usageError(`cannot write ${where}: no such folder`, 'give a path in a folder that exists');
  if (cause.code === 'EISDIR') return usageError(`cannot write ${where}: it is a folder`, 'give a file name');
  if (cause.code === 'EACCES' || cause.code === 'EPERM' || cause.code === 'EROFS' || cause.code === 'ENOSPC') {
    return new CircleError(`cannot write ${where}: ${cause.code === 'ENOSPC' ? 'the disk is full' : 'permission denied'}`, 1, 'check the folder and its permissions, then run the command again');
  }
  return cause;
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done)).bytesWritten;
}

/** Writes the pieces in order; each next piece is made (a roster rendered, say) while the last one is written. */
async function writePieces(handle: FileHandle, content: string | Iterable<string | Uint8Array>): Promise<void> {
  if (typeof content === 'string') return writeAll(handle, Buffer.from(content, 'utf8'));
  let writing = Promise.resolve();
  try {
    for (const piece of content) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      await writing;
      writing = writeAll(handle, bytes);
    }
  } finally {
    await writing;
  }
}

/**
 * Writes a file so that readers see the old content or the new, never a part: a temp file in the
 * same folder, flushed, then renamed (or linked, which refuses to replace an existing file).
 * Large content can come as pieces (text or bytes), written in turn.
 */
export async function writeFileAtomic(path: string, content: string | Iterable<string | Uint8Array>, options: { overwrite: boolean }): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `.circle-${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644).catch((cause: NodeJS.ErrnoException) => {
    throw cannotWrite(path, cause);
  });
  // The temp file goes whatever happens: a full disk or a failure half-way through the pieces.
  try {
    try {
      await writePieces(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) {
      await rename(temp, path).catch((cause: NodeJS.ErrnoException) => {
        throw cannotWrite(path, cause);
      });
    } else {
      await link(temp, path).catch((cause: NodeJS.ErrnoException) => {
        if (cause.code === 'EEXIST') throw new CircleError(`${path} already exists`, 1, 'choose another name, or edit the existing file');
        throw cause;
      });
    }
    await syncFolder(folder);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
