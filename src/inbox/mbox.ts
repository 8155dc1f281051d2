/*
 * Splitting an mbox into messages, line by line, so a mailbox of any size streams through. A
 * message starts at a `From ` line at the start of the file or after an empty line (the empty
 * line belongs to the separator). Writers escape `From ` at a line start in a body as `>From `
 * (mboxo) or add one more `>` to any `>…>From ` (mboxrd); removing one `>` undoes both, except for
 * a body line that was `>From ` in an mboxo file, which mboxo itself cannot tell apart.
 */

export interface MboxMessage {
  /** Byte offset of the message's `From ` line in the file. */
  offset: number;
  raw: Buffer;
}

/** The file is not an mbox: the only error splitting raises, so the reader can name the file. */
export class NotMbox extends Error {}

const FROM = Buffer.from('From ');
const isBlank = (line: Buffer) => line.length === 0 || (line.length === 1 && line[0] === 0x0a) || (line.length === 2 && line[0] === 0x0d && line[1] === 0x0a);

function isEscapedFrom(line: Buffer): boolean {
  let i = 0;
  while (line[i] === 0x3e) i++;
  return i > 0 && line.subarray(i, i + FROM.length).equals(FROM);
}

export class MboxSplitter {
  private lines: Buffer[] = [];
  private offset = -1;
  private previousBlank = true;

  /**
   * Takes the next line (with its line end) at byte `at` of the file; returns the message it
   * ends, if it starts the next one. Throws if the file does not start with a `From ` line.
   */
  push(line: Buffer, at: number): MboxMessage | undefined {
    const separator = this.previousBlank && line.subarray(0, FROM.length).equals(FROM);
    this.previousBlank = isBlank(line);
    if (separator) {
      const done = this.end();
      this.offset = at;
      return done;
    }
    if (this.offset < 0) {
      if (this.previousBlank) return undefined;
      throw new NotMbox('it does not start with a "From " line');
    }
    this.lines.push(isEscapedFrom(line) ? line.subarray(1) : line);
    return undefined;
  }

  /** The last message, at the end of the file. */
  end(): MboxMessage | undefined {
    if (this.offset < 0) return undefined;
    const last = this.lines.at(-1);
    if (last && isBlank(last)) this.lines.pop();
    const message = { offset: this.offset, raw: Buffer.concat(this.lines) };
    this.lines = [];
    this.offset = -1;
    return message;
  }
}

/** The messages of an mbox given as chunks of bytes (a file stream), in file order. */
export async function* splitMbox(chunks: AsyncIterable<Buffer>): AsyncGenerator<MboxMessage> {
  const splitter = new MboxSplitter();
  let pending: Buffer = Buffer.alloc(0);
  let consumed = 0;
  for await (const chunk of chunks) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (let end = pending.indexOf(0x0a); end !== -1; end = pending.indexOf(0x0a, start)) {
      const message = splitter.push(pending.subarray(start, end + 1), consumed + start);
      if (message) yield message;
      start = end + 1;
    }
    consumed += start;
    // Copied, so the rest of a large chunk is not kept alive by a short unfinished line.
    pending = Buffer.from(pending.subarray(start));
  }
  if (pending.length) {
    const message = splitter.push(pending, consumed);
    if (message) yield message;
  }
  const last = splitter.end();
  if (last) yield last;
}
