import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CircleError } from '../errors.js';

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done)).bytesWritten;
}

/** Writes the pieces in order; each next piece is made (a roster rendered, say) while the last one is written. */
async function writePieces(handle: FileHandle, content: string | Iterable<string>): Promise<void> {
  if (typeof content === 'string') return writeAll(handle, Buffer.from(content, 'utf8'));
  let writing = Promise.resolve();
  try {
    for (const piece of content) {
      const bytes = Buffer.from(piece, 'utf8');
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
 * Large content can come as pieces of text, written in turn.
 */
export async function writeFileAtomic(path: string, content: string | Iterable<string>, options: { overwrite: boolean }): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `.circle-${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  // The temp file goes whatever happens: a full disk or a failure half-way through the pieces.
  try {
    try {
      await writePieces(handle, content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) {
      await rename(temp, path);
    } else {
      await link(temp, path).catch((cause: NodeJS.ErrnoException) => {
        if (cause.code === 'EEXIST') throw new CircleError(`${path} already exists`, 1, 'choose another id, or edit the existing file');
        throw cause;
      });
    }
    await syncFolder(folder);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
