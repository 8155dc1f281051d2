import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { OutcomeState } from './outcome.js';

/** Mail journals, one per circle: personal data, kept out of git like rosters. */
export const journalFile = (workspace: string, id: string) => join(workspace, 'journals', `${id}.jsonl`);

/** One line of a mail journal: a message about to go, or what became of it. */
export interface JournalRecord {
  /** What the message is and for whom, e.g. `waitlisted:ana@example.org:2019-11-01T09:14:02Z`. */
  key: string;
  kind: string;
  to: string;
  state: 'sending' | OutcomeState;
  at: string;
  attempt?: number;
  response?: string;
  /** Details that later runs decide on, e.g. the calendar SEQUENCE an invitation carried. */
  detail?: Record<string, string | number>;
}

/** The latest record of each message; a message whose last record is `sending` never got an answer. */
export type JournalState = Map<string, JournalRecord>;

export interface JournalRead {
  state: JournalState;
  /** Lines that could not be read: a crash in the middle of a write leaves at most the last one torn. */
  damaged: number[];
}

export async function readJournal(path: string): Promise<JournalRead> {
  const text = await readFile(path, 'utf8').catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') return '';
    throw cause;
  });
  const state: JournalState = new Map();
  const damaged: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const record = JSON.parse(line) as JournalRecord;
      if (typeof record.key !== 'string' || typeof record.state !== 'string') throw new Error('not a record');
      state.set(record.key, record);
    } catch {
      damaged.push(index + 1);
    }
  });
  return { state, damaged };
}

/**
 * Appends records and flushes them to disk before the promise resolves. Records written in the
 * same moment share one flush, so a batch of sends costs a few fsyncs rather than two each.
 */
export class JournalWriter {
  private queue: string[] = [];
  private pending: Promise<void> | undefined;
  private last: Promise<void> = Promise.resolve();

  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<JournalWriter> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const handle = await open(path, 'a', 0o600);
    // A torn last line from a crash must not swallow the next record.
    const { size } = await handle.stat();
    const writer = new JournalWriter(handle);
    if (size > 0) {
      const tail = Buffer.alloc(1);
      const read = await open(path, 'r');
      await read.read(tail, 0, 1, size - 1).finally(() => read.close());
      if (tail[0] !== 0x0a) writer.queue.push('\n');
    }
    return writer;
  }

  /**
   * `sending` records must be on disk before the message goes, so the caller waits for the flush.
   * An outcome may wait for the next flush (a few milliseconds): if the run dies first, the message
   * only looks unconfirmed, which is never resent on its own.
   */
  write(record: JournalRecord, options: { wait: boolean } = { wait: true }): Promise<void> {
    this.queue.push(`${JSON.stringify(record)}\n`);
    if (!options.wait) return Promise.resolve();
    return this.flush();
  }

  private flush(): Promise<void> {
    if (!this.pending) {
      const flush = this.last.then(async () => {
        this.pending = undefined;
        const lines = this.queue.splice(0).join('');
        await this.handle.write(lines);
        await this.handle.sync();
      });
      this.pending = flush;
      this.last = flush;
    }
    return this.pending;
  }

  async close(): Promise<void> {
    if (this.queue.length) await this.flush();
    await this.last;
    await this.handle.close();
  }
}
