import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { fileError, makePrivateFolder } from '../workspace/file-errors.js';
import { journalsDir } from '../workspace/paths.js';

/*
 * The Message-IDs `circle inbox` has acted on: one JSON line each (`{"messageId":"<...>","at":"..."}`),
 * appended as each message is done, so a run cut short knows on the next run what it did. Beside
 * the mail journals: the same private folder, kept out of git; the file is the organiser's alone
 * (the IDs of their mail). A line cut off by a crash is skipped: its message is read again, and
 * acting on it again changes nothing (a cancelled seat stays cancelled).
 */
export const handledFile = (dir: string) => join(journalsDir(dir), 'inbox-handled.jsonl');

/** The run-wide lock of `circle inbox`: two runs at once would act on the same messages. */
export const inboxLockFile = (dir: string) => join(journalsDir(dir), '.inbox.lock');

export async function readHandled(dir: string): Promise<Set<string>> {
  const path = handledFile(dir);
  const text = await readFile(path, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') return '';
    throw fileError(cause, path, 'read');
  });
  const ids = new Set<string>();
  for (const line of text.split('\n')) {
    try {
      const id = (JSON.parse(line) as { messageId?: unknown }).messageId;
      if (typeof id === 'string') ids.add(id);
    } catch {
      // A torn or empty line: see above.
    }
  }
  return ids;
}

/** A line torn by a crash (no newline at the end) must not swallow the first one written now. */
async function endsTorn(path: string, size: number): Promise<boolean> {
  if (size === 0) return false;
  const read = await open(path, 'r');
  try {
    const last = Buffer.alloc(1);
    await read.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await read.close();
  }
}

/** Appends Message-IDs and waits until they are on disk. */
export interface HandledWriter {
  add(ids: readonly string[], at: Date): Promise<void>;
  close(): Promise<void>;
}

export async function openHandled(dir: string): Promise<HandledWriter> {
  const path = handledFile(dir);
  await makePrivateFolder(journalsDir(dir));
  let handle: FileHandle;
  try {
    handle = await open(path, 'a', 0o600);
  } catch (cause) {
    throw fileError(cause, path, 'open');
  }
  let pending = (await endsTorn(path, (await handle.stat()).size)) ? '\n' : '';
  return {
    async add(ids, at) {
      if (ids.length === 0) return;
      const text = pending + ids.map((messageId) => `${JSON.stringify({ messageId, at: at.toISOString() })}\n`).join('');
      pending = '';
      try {
        await handle.write(text);
        await handle.sync();
      } catch (cause) {
        throw fileError(cause, path, 'write');
      }
    },
    close: () => handle.close(),
  };
}
