import { open, readFile } from 'node:fs/promises';
import { refused } from '../failure.js';

/**
 * The file in one read where it can: readFile reads it piece by piece, each piece waiting for the
 * main thread, which is busy loading the circles meanwhile.
 */
async function readWhole(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) return await readFile(path);
    const bytes = Buffer.allocUnsafe(info.size);
    let done = 0;
    while (done < info.size) {
      const { bytesRead } = await handle.read(bytes, done, info.size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return bytes.subarray(0, done);
  } finally {
    await handle.close();
  }
}

/** The bytes of a form export, or what is wrong with the path. */
export async function exportBytes(path: string): Promise<Buffer> {
  return readWhole(path).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') throw refused('input', `no such file: ${path}`, 'check the path of the downloaded export');
    if (cause.code === 'EISDIR') throw refused('input', `${path} is a folder, not a CSV file`);
    throw refused('input', `cannot read ${path}: ${cause.code ?? cause.message}`);
  });
}
