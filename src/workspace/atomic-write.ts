import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Refused, refused } from '../failure.js';
import { fileError, shownPath } from './file-errors.js';
import { tempFileName } from './paths.js';
import { dropCacheEntry } from './parse-cache.js';
import { forgetFile } from './read-once.js';

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A folder that does not exist, or a folder where a file goes, is a wrong path (a usage error); the rest is the disk's refusal. */
function cannotWrite(path: string, cause: unknown): unknown {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return refused('usage', `cannot write ${shownPath(path)}: no such folder`, 'give a path in a folder that exists');
  if (code === 'EISDIR') return refused('usage', `cannot write ${shownPath(path)}: it is a folder`, 'give a file name');
  return fileError(cause, path, 'write');
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

/** Who may read a file: personal data (rosters, exports, previews) is its owner's alone. */
export type Access = 'public' | 'private';
const MODES: Record<Access, number> = { public: 0o644, private: 0o600 };

/**
 * Writes a file so that readers see the old content or the new, never a part: a temp file in the
 * same folder, flushed, then renamed (or linked, which refuses to replace an existing file).
 * Large content can come as pieces (text or bytes), written in turn. Whatever fails (a full disk,
 * a file-size limit, a piece that throws), the temp file goes and the old file stays as it was.
 */
export async function writeFileAtomic(path: string, content: string | Iterable<string | Uint8Array>, options: { overwrite: boolean; access?: Access }): Promise<void> {
  const folder = dirname(path);
  // The name keeps within the file system's 255 bytes whatever the file's own name.
  const temp = join(folder, tempFileName(basename(path).slice(0, 60), randomBytes(4).toString('hex')));
  const mode = MODES[options.access ?? 'public'];
  const handle = await open(temp, 'wx', mode).catch((cause: NodeJS.ErrnoException) => {
    throw cannotWrite(path, cause);
  });
  try {
    try {
      await writePieces(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) await rename(temp, path);
    else {
      await link(temp, path).catch((cause: NodeJS.ErrnoException) => {
        if (cause.code === 'EEXIST') throw refused('input', `${path} already exists`, 'choose another name, or edit the existing file');
        throw cause;
      });
    }
    await syncFolder(folder);
  } catch (cause) {
    throw cause instanceof Refused ? cause : cannotWrite(path, cause);
  } finally {
    await unlink(temp).catch(() => undefined);
    forgetFile(path);
    dropCacheEntry(path);
  }
}
