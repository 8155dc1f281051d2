import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { refused } from '../failure.js';
import { NotMbox, splitMbox } from './mbox.js';
import type { MailboxSource, RawMessage } from './source.js';

/*
 * `circle inbox --from PATH`: an mbox file, a single .eml file, a Maildir (cur/ and new/) or a
 * folder of .eml files. Files are only read: what was handled is known from the Message-IDs the
 * workspace records, so `handled` changes nothing here.
 */

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

async function isFolder(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

async function* mbox(path: string, label: string): AsyncGenerator<RawMessage> {
  try {
    for await (const message of splitMbox(createReadStream(path, { highWaterMark: 1 << 20 }))) yield { key: `${path}:${message.offset}`, raw: message.raw };
  } catch (error) {
    if (!(error instanceof NotMbox)) throw error;
    throw refused('input', `${label} is not an mbox file: ${(error as Error).message}`, 'give an mbox file, a Maildir (the folder holding cur/ and new/), or a folder of .eml files');
  }
}

/** Maildir names start with the delivery time in seconds (`1699999999.M1P2.host`): oldest first by it, then by name. */
const deliveredAt = (name: string) => Number.parseInt(name, 10) || 0;
const byDelivery = (a: string, b: string) => deliveredAt(basename(a)) - deliveredAt(basename(b)) || (a < b ? -1 : a > b ? 1 : 0);

async function maildirFiles(path: string): Promise<string[]> {
  const names = await Promise.all(
    ['new', 'cur'].map(async (sub) => {
      const entries = await readdir(join(path, sub)).catch((error: unknown) => (errorCode(error) === 'ENOENT' ? [] : Promise.reject(error)));
      // Names starting with a dot are a client's own files, not messages.
      return entries.filter((name) => !name.startsWith('.')).map((name) => join(sub, name));
    }),
  );
  return names.flat().sort(byDelivery);
}

/** A folder of .eml files has no delivery time in its names: oldest first by modification time, then by name. */
async function emlFiles(path: string, label: string): Promise<string[]> {
  const names = (await readdir(path)).filter((name) => name.toLowerCase().endsWith('.eml'));
  if (names.length === 0) {
    throw refused('input', `${label} holds no .eml files and is not a Maildir (no cur/ or new/ folder)`, 'give an mbox file, a Maildir, or a folder of .eml files');
  }
  const timed = await Promise.all(names.map(async (name) => ({ name, time: (await stat(join(path, name))).mtimeMs })));
  return timed.sort((a, b) => a.time - b.time || (a.name < b.name ? -1 : 1)).map((entry) => entry.name);
}

async function* eachFile(root: string, names: readonly string[]): AsyncGenerator<RawMessage> {
  for (const name of names) yield { key: join(root, name), raw: await readFile(join(root, name)) };
}

/** A source over `path`; `label` is how messages and errors name it (the path as the user gave it). */
export async function fileSource(path: string, label = path): Promise<MailboxSource> {
  const found = await stat(path).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') throw refused('input', `${label} does not exist`, 'give the path of an mbox file, a Maildir or a folder of .eml files');
    throw error;
  });
  let messages: () => AsyncIterable<RawMessage>;
  if (!found.isDirectory()) {
    messages = path.toLowerCase().endsWith('.eml') ? () => eachFile('', [path]) : () => mbox(path, label);
  } else if ((await isFolder(join(path, 'cur'))) || (await isFolder(join(path, 'new')))) {
    messages = async function* () {
      yield* eachFile(path, await maildirFiles(path));
    };
  } else {
    const names = await emlFiles(path, label);
    messages = () => eachFile(path, names);
  }
  return { label, messages, handled: async () => undefined, close: async () => undefined };
}
