import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cacheEntry } from '../workspace/parse-cache.js';
import { readIfExists, readOnce } from '../workspace/read-once.js';
import type { SendState } from './outcome.js';


/** One line of a mail journal: a message about to go, or what became of it. */
export interface JournalRecord {
  /** What the message is and for whom, e.g. `waitlisted:ana@example.org:2019-11-01T09:14:02Z`. */
  key: string;
  kind: string;
  to: string;
  /** `bounced`: a delivery report said the message did not arrive after all (`circle inbox`). */
  state: 'sending' | SendState | 'bounced';
  at: string;
  attempt?: number;
  /** The server's answer; of a bounce, the reported status and diagnostic. */
  response?: string;
  /** The Message-ID the message went with (journals from before it was recorded do not say). */
  messageId?: string;
  /** Details that later runs decide on, e.g. the calendar SEQUENCE an invitation carried. */
  detail?: Record<string, string | number>;
}

/** The latest record of each message; a message whose last record is `sending` never got an answer. */
export type JournalState = Map<string, JournalRecord>;

/** The states of a message that may have reached the person's server. */
export const WENT: ReadonlySet<string> = new Set(['sent', 'sending', 'unconfirmed', 'bounced']);

export interface JournalRead {
  state: JournalState;
  /** The latest record of each Message-ID: a message sent again has one per time it went. */
  byMessageId: Map<string, JournalRecord>;
  /** Lines that could not be read: a crash in the middle of a write leaves at most the last one torn. */
  damaged: number[];
}

/** `"name":"value"` at the start of a cut-off line, while the whole value is still there. */
function fieldOf(line: string, name: string): string | undefined {
  const match = new RegExp(`"${name}":("(?:[^"\\\\]|\\\\.)*")`).exec(line);
  if (!match?.[1]) return undefined;
  try {
    return JSON.parse(match[1]) as string;
  } catch {
    return undefined;
  }
}

/**
 * A line cut off by a crash or a full disk. Whatever it was (a `sending`, or an answer), the
 * message it names may have gone out: it is read as unconfirmed, never as not sent. A line cut
 * before its key ended names no message; its message's earlier `sending` record stands.
 */
function tornRecord(line: string, before: JournalRecord | undefined): JournalRecord | undefined {
  const key = line.startsWith('{"key":') ? fieldOf(line, 'key') : undefined;
  if (key === undefined) return undefined;
  // A bounce cut off was not recorded: what the message was before stands, and the next `circle inbox` records it.
  if (fieldOf(line, 'state') === 'bounced') return before;
  const kind = fieldOf(line, 'kind') ?? before?.kind ?? key.slice(0, key.indexOf(':'));
  const to = fieldOf(line, 'to') ?? before?.to ?? '';
  return { ...before, key, kind, to, state: 'sending', at: fieldOf(line, 'at') ?? before?.at ?? '', response: 'the journal line of this message was cut off' };
}

/**
 * A journal, read once per command while it does not grow (it is only ever appended to, or
 * replaced); `fresh`: read anyway, as under its mail lock, where another run may have just sent.
 */
export function readJournal(path: string, options: { fresh?: boolean } = {}): Promise<JournalRead> {
  return readOnce('journal', path, () => parsedJournal(path), options);
}

async function parsedJournal(path: string): Promise<JournalRead> {
  const bytes = readIfExists(path);
  if (!bytes) return { state: new Map(), byMessageId: new Map(), damaged: [] };
  const cache = cacheEntry<KeptJournal>(path, bytes);
  if (cache.found) return unkept(cache.found);
  const read = parseJournal(bytes.toString('utf8'));
  if (read.damaged.length === 0) cache.keep(kept(read));
  return read;
}

function parseJournal(text: string): JournalRead {
  const state: JournalState = new Map();
  const byMessageId = new Map<string, JournalRecord>();
  const damaged: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const record = JSON.parse(line) as JournalRecord;
      if (typeof record.key !== 'string' || typeof record.state !== 'string') throw new Error('not a record');
      state.set(record.key, record);
      if (record.messageId) byMessageId.set(record.messageId, record);
    } catch {
      damaged.push(index + 1);
      const key = line.startsWith('{"key":') ? fieldOf(line, 'key') : undefined;
      const torn = key === undefined ? undefined : tornRecord(line, state.get(key));
      if (torn) state.set(torn.key, torn);
    }
  });
  return { state, byMessageId, damaged };
}

/** A journal as the parse cache keeps it: each latest record once, and each Message-ID's record as its place there when it is one of them. */
interface KeptJournal {
  records: JournalRecord[];
  messages: Array<[string, number | JournalRecord]>;
}

function kept({ state, byMessageId }: JournalRead): KeptJournal {
  const records = [...state.values()];
  const place = new Map(records.map((record, index) => [record, index]));
  return { records, messages: [...byMessageId].map(([id, record]) => [id, place.get(record) ?? record]) };
}

function unkept({ records, messages }: KeptJournal): JournalRead {
  const state: JournalState = new Map(records.map((record) => [record.key, record]));
  const byMessageId = new Map(messages.map(([id, record]) => [id, typeof record === 'number' ? records[record] : record]));
  return { state, byMessageId, damaged: [] };
}

/** Why the journal could not be written: a full disk, a file size limit, a failing disk. */
export class JournalError extends Error {
  constructor(
    readonly path: string,
    readonly reason: NodeJS.ErrnoException,
  ) {
    super(`cannot write ${path}: ${reason.code ?? reason.message}`);
  }
}

interface Line {
  text: string;
  /** A `sending` record: its message goes only once the line is on disk. */
  sending: boolean;
  done: { resolve: () => void; reject: (error: JournalError) => void };
}

/** Writes all of `bytes`: one write may write only part (a full disk, a file size limit) without failing. */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<number> {
  let done = 0;
  try {
    while (done < bytes.length) done += (await handle.write(bytes, done)).bytesWritten;
  } catch (cause) {
    throw Object.assign(cause as Error, { written: done });
  }
  return done;
}

/**
 * Appends records and flushes them to disk before their promises resolve. Records written in the
 * same moment share one flush, so a batch of sends costs a few fsyncs rather than two each. When
 * a write fails, the journal stops: every later record fails too, and no message goes without its
 * `sending` record on disk.
 */
export class JournalWriter {
  private queue: Line[] = [];
  private pending: Promise<void> | undefined;
  private last: Promise<void> = Promise.resolve();
  /** The first failure; once set, nothing more is written. */
  private failure: JournalError | undefined;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private size: number,
  ) {}

  static async open(path: string): Promise<JournalWriter> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const handle = await open(path, 'a', 0o600);
    // A torn last line from a crash must not swallow the next record.
    const { size } = await handle.stat();
    const writer = new JournalWriter(handle, path, size);
    if (size > 0) {
      const tail = Buffer.alloc(1);
      const read = await open(path, 'r');
      await read.read(tail, 0, 1, size - 1).finally(() => read.close());
      if (tail[0] !== 0x0a) writer.queue.push({ text: '\n', sending: false, done: { resolve: () => undefined, reject: () => undefined } });
    }
    return writer;
  }

  /** The failure that stopped the journal, if one did. */
  get failed(): JournalError | undefined {
    return this.failure;
  }

  /**
   * Queues a record; the promise resolves once it is on disk and rejects (a JournalError) if it
   * never gets there. A `sending` record's message goes only after that. Records queued while a
   * write is under way share the next one.
   */
  write(record: JournalRecord): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const sending = record.state === 'sending';
    const written = new Promise<void>((resolve, reject) => this.queue.push({ text: `${JSON.stringify(record)}\n`, sending, done: { resolve, reject } }));
    void this.flush();
    return written;
  }

  /** Writes what is queued and waits for it. */
  flush(): Promise<void> {
    if (!this.pending) {
      const flush = this.last.then(() => this.writeQueued());
      this.pending = flush;
      this.last = flush;
    }
    return this.pending;
  }

  private async writeQueued(): Promise<void> {
    this.pending = undefined;
    // Answers first, then the `sending` records, so a write cut short can be undone to the last
    // answer that reached the disk without leaving a `sending` line for a message that never went.
    const lines = this.queue.splice(0).sort((a, b) => Number(a.sending) - Number(b.sending));
    if (lines.length === 0) return;
    if (this.failure) return lines.forEach((line) => line.done.reject(this.failure as JournalError));
    const bytes = lines.map((line) => Buffer.from(line.text, 'utf8'));
    const start = this.size;
    try {
      const written = await writeAll(this.handle, Buffer.concat(bytes));
      await this.handle.sync();
      this.size += written;
      for (const line of lines) line.done.resolve();
    } catch (error) {
      const cause = error as NodeJS.ErrnoException & { written?: number };
      this.failure = new JournalError(this.path, cause);
      // Keep whole answer lines that reached the file; cut everything after them.
      let keep = 0;
      let resolved = 0;
      for (const [index, line] of lines.entries()) {
        const length = bytes[index]?.length ?? 0;
        if (line.sending || keep + length > (cause.written ?? 0) || cause.syscall === 'fsync') break;
        keep += length;
        resolved++;
      }
      await this.handle.truncate(start + keep).catch(() => undefined);
      this.size = start + keep;
      lines.forEach((line, index) => (index < resolved ? line.done.resolve() : line.done.reject(this.failure as JournalError)));
    }
  }

  async close(): Promise<void> {
    if (this.queue.length) await this.flush();
    await this.last;
    await this.handle.close();
  }
}
